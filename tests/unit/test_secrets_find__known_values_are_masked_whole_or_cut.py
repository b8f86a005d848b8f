"""`mask_known` masks a known secret value wherever it shows: whole, or cut by a message shortened before it was
masked (at the text's end, before a `…`, or before a closing parenthesis a scanner added), and leaves other text
alone."""

from __future__ import annotations

import pytest

from readiness.core.secrets.find import mask_known

VALUE = "Vq8zLr2pXw9kQ7mNzz"


@pytest.mark.parametrize(("text", "expected"), [
    (f"key {VALUE} for prod", "key **** for prod"),
    (f"{VALUE}{VALUE}", "********"),
    (f"test key {VALUE[:9]}", "test key ****"),
    (f"test key {VALUE[:9]}…", "test key ****…"),
    (f'Error("TODO: {VALUE[:7]})', 'Error("TODO: ****)'),
    (f"ends with {VALUE[:4]}", "ends with ****"),
    (f"ends with {VALUE[:3]}", f"ends with {VALUE[:3]}"),
    ("nothing of it here", "nothing of it here"),
    (f"{VALUE[:5]} in the middle is ordinary", f"{VALUE[:5]} in the middle is ordinary"),
])
def test_known_value_masked(text, expected):
    assert mask_known(text, [VALUE]) == expected


def test_short_values_are_not_masked():
    assert mask_known("the word abc is fine", ["abc"]) == "the word abc is fine"


def test_no_values_leave_the_text():
    assert mask_known("text", []) == "text"
