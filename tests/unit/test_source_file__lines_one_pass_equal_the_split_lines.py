"""SourceFile.iter_lines: one pass over a file's lines without keeping them, split in pieces of growing size (a
question answered near the top of a file does not split all of it). It gives exactly what `lines` gives (both are
checked against the plain definition): around the piece boundaries (64, 64 + 256... lines), with CRLF and lone CR,
without a final newline, for an empty file, and the held lines when they are held."""

from __future__ import annotations

import random
import tracemalloc

import pytest

from readiness.core.scan.base import SourceFile


def texts() -> list[str]:
    rng = random.Random(5)
    out = ["", "\n", "one line", "one line\n", "a\r\nb\r\n", "a\rb\n\r\n", "\n\n\n"]
    for count in (63, 64, 65, 319, 320, 321, 1343, 1344, 1345, 6000):
        for ending in ("\n", "\r\n"):
            body = ending.join(f"line {i}" + ("\r" if rng.random() < 0.1 else "") for i in range(count))
            out += [body, body + ending]
    return out


def reference(text: str) -> list[str]:
    """The lines as git and editors number them: split on \\n, a trailing \\r removed from each."""
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


@pytest.mark.parametrize("text", texts(), ids=lambda t: f"{len(t)}chars")
def test_one_pass_gives_the_split_lines(text):
    source = SourceFile("a.py", text)
    assert list(source.iter_lines()) == reference(text)
    assert source._lines is None  # nothing kept
    assert source.lines == reference(text)  # and the held lines are the same (split at once without a \\r)


def test_held_lines_are_given_as_held():
    source = SourceFile("a.py", "x\ny\n")
    held = source.lines
    assert list(source.iter_lines()) == held and source.lines is held


def test_a_pass_stopped_early_splits_only_the_first_piece():
    text = "def first():\n    pass\n" + "x = 1\n" * 100_000  # 100,000 lines: splitting them all takes megabytes
    tracemalloc.start()
    try:
        lines = SourceFile("a.py", text).iter_lines()
        assert next(lines) == "def first():"
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the first 64 lines and the rest of the text as one string: about the text's size, where one string per line
    # (what splitting it all takes) is ten times more
    assert peak < 1.5 * len(text)
