"""secrets.rules.names.lines_with: the lines holding any of the words, in order, each once (one Aho-Corasick pass
since issue 14; the same spans as a find loop per word)."""

from __future__ import annotations

import random

from readiness.core.secrets.rules.names import VOCABULARY_GATES, lines_with


def by_find(lower: str, words) -> list[tuple[int, int]]:
    spans = set()
    for word in words:
        hit = lower.find(word)
        while hit >= 0:
            start = lower.rfind("\n", 0, hit) + 1
            end = lower.find("\n", hit)
            end = len(lower) if end < 0 else end
            spans.add((start, end))
            hit = lower.find(word, end)
    return sorted(spans)


def test_lines_and_edges():
    assert lines_with("a key\nno\nkey key\nlast key", ("key", "ke")) == [(0, 5), (9, 16), (17, 25)]
    assert lines_with("abc", ()) == [] and lines_with("", ("x",)) == [] and lines_with("\n\n", ("key",)) == []


def test_the_same_spans_as_a_find_loop_on_random_text():
    rng = random.Random(14)
    pieces = [*VOCABULARY_GATES, "\n", " ", "x", "=", "passw", "tok", "\n\n", "é", "pass\nword"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        assert lines_with(text, VOCABULARY_GATES) == by_find(text, VOCABULARY_GATES), text
