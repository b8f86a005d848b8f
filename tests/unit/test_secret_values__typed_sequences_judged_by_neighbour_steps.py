"""A value is a placeholder when typed sequences (`abcdefgh`, `12345678`) make up most of it. The rule is counted
over neighbouring characters (how many pairs step up by one, the longest streak of such pairs); the count runs in C
loops since PEM bodies of thousands of characters reach it. Here it is checked against the rule written as a plain
loop, on random values, sequences, masks and the edges (empty, one character)."""

from __future__ import annotations

import random
import string

import pytest

from readiness.core.secrets import values
from readiness.core.secrets.values import is_placeholder


def by_loop(value: str) -> bool:
    """The rule as a plain loop over neighbours (what `_runs_span_most` computes)."""
    size = len(value)
    if sum(len(m.group()) for m in values._X_RUN.finditer(value)) * 2 >= size:
        return True
    run = longest = total = 0
    for a, b in zip(value, value[1:], strict=False):
        run = run + 1 if ord(b) - ord(a) == 1 else 0
        longest, total = max(longest, run), total + (run > 0)
    return longest + 1 >= max(7, size // 2) or (size >= 6 and total >= 0.7 * (size - 1))


def samples() -> list[str]:
    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits + "+/=_-é€\U0001f600"
    out = ["", "a", "ab", "abcdef", "abcdefg", "0123456789", "abcxyz" * 3, "9876543210", "ghp_" + "abcdefgh" * 4]
    for _ in range(400):
        size = rng.randrange(0, 80)
        value = "".join(rng.choice(alphabet) for _ in range(size))
        if rng.random() < 0.5 and size > 2:  # a typed run somewhere inside
            start = rng.randrange(0, 26)
            run = string.ascii_lowercase[start:start + rng.randrange(2, 27)]
            at = rng.randrange(len(value))
            value = value[:at] + run + value[at:]
        out.append(value)
    return out


@pytest.mark.parametrize("value", samples())
def test_the_neighbour_count_matches_the_plain_loop(value):
    assert values._runs_span_most(value) is by_loop(value), value


def test_a_long_key_body_with_a_short_sequence_is_not_a_placeholder():
    rng = random.Random(3)
    body = "".join(rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(1600))
    assert not is_placeholder(body[:800] + "abcdefgh" + body[800:])
    assert is_placeholder("abcdefghijklmnopqrstuvwxyz" * 2 + body[:20])
