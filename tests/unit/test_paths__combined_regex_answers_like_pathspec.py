"""The one-regex fast path of `PathMatcher` gives pathspec's answer for every pattern list and path."""

import random

import pathspec

from readiness.core.paths import PathMatcher

PATTERNS = ["tests/**", "**/test_*.py", "conftest.py", "/setup.py", "docs/", "*.md", "src/*/x.py", "a?b",
            "**/migrations/**", "[ab]c", "foo/**/bar", "\\#x", "# comment", "", "build/", "!keep.py", "!tests/keep/"]
SEGMENTS = ["tests", "docs", "a", "src", "migrations", "foo", "bar", "x.py", "test_a.py", "conftest.py", "setup.py",
            "r.md", "acb", "bc", "keep.py", "keep", "build", "#x"]


def test_random_pattern_lists_and_paths_agree_with_pathspec():
    rng = random.Random(14)
    for _ in range(1500):
        patterns = tuple(rng.sample(PATTERNS, rng.randint(1, 4)))
        fast, spec = PathMatcher(patterns), pathspec.GitIgnoreSpec.from_lines(patterns)
        for _ in range(10):
            path = "/".join(rng.choice(SEGMENTS) for _ in range(rng.randint(1, 4)))
            assert fast.match(path) == spec.match_file(path), (patterns, path)


def test_negations_are_answered_by_pathspec():
    matcher = PathMatcher(("tests/**", "!tests/keep.py"))
    assert matcher.match("tests/a.py") and not matcher.match("tests/keep.py")
