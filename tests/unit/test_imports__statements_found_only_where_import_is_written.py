"""The import parser tries its pattern only at the start of lines that hold `import` (4x faster on a whole file):
it finds exactly the statements a scan of every position finds, on hand-picked texts and 30,000 seeded random ones
(continuations, parentheses, CRLF, comments, `import` inside a previous statement)."""

from __future__ import annotations

import random

import pytest

from readiness.core.scan._source import imports


def _every_position(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in imports._IMPORT_STMT.finditer(text)]


@pytest.mark.parametrize("text", [
    "import os\nfrom a.b import (\n    c,\n    import_me,  # import\n)\nx = 'import y'\n",
    "from . import \\\n    x\r\nimport a as b, c\n  from ..p import *\n",
    "def f():\n    import json\n    return json\nfrom a import (b\n",
    "",
])
def test_statements_by_hand(text):
    assert [m.span() for m in imports.import_matches(text)] == _every_position(text)


def test_statements_on_random_texts():
    rng = random.Random(14)
    parts = ["import ", "from ", "x", ".", "(", ")", "\n", "\\\n", "\r\n", " ", "a", ",", "#", ";"]
    for _ in range(30_000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 25)))
        assert [m.span() for m in imports.import_matches(text)] == _every_position(text), repr(text)
