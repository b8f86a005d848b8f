"""`_chains` (the attribute chains a test uses on an imported module's alias) finds exactly what the look-behind
pattern it replaced finds, on hand-picked texts and on 20,000 seeded random ones."""

from __future__ import annotations

import random
import re

import pytest

from readiness.core.scan._source.python_index import _chains


def _pattern(alias: str, text: str) -> set[str]:
    return set(re.findall(r"(?<![\w.])" + re.escape(alias) + r"((?:\.\w+)+)", text))


@pytest.mark.parametrize(("alias", "text", "expected"), [
    ("models", "models.Model\nx = models.fields.CharField()", {".Model", ".fields.CharField"}),
    ("models", "db.models.Q  my_models.X  models.", set()),  # after a dot or a word character; no chain
    ("a", "a.b.a.c", {".b.a.c"}),  # a chain is taken whole, the alias inside it is not a new start
    ("m", "(m.x)+[m.y]\tm.é", {".x", ".y", ".é"}),
])
def test_chains_by_hand(alias, text, expected):
    assert _chains(alias, text) == expected == _pattern(alias, text)


def test_chains_equal_the_pattern_on_random_texts():
    rng = random.Random(14)
    for _ in range(20_000):
        text = "".join(rng.choice("ab.c_é x\n") for _ in range(rng.randint(0, 30)))
        alias = rng.choice(["a", "ab", "b", "a_b", "é"])
        assert _chains(alias, text) == _pattern(alias, text), (alias, text)
