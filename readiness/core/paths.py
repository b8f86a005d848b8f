"""One path matcher for every pattern key: gitignore semantics, through pathspec.

`include`, `exclude`, `test_globs`, `missing_test_exempt`, `secret_allowlist_paths`, `hot_paths`, the checklist
`changed` / `exclude` / `paths` globs and coverage's `omit` all mean the same thing (README, "Path patterns"):

- `*` matches within one path segment: it never crosses `/`; `?` is one character other than `/`;
- `**` crosses folders: `**/test_*.py` at any depth (the top included), `docs/**` everything below docs/;
- a pattern without a `/` (other than a trailing one) matches at any depth: `*.py`, `conftest.py`;
- a pattern with a `/` is anchored at the repository root: `tests/*.py`, `/setup.py`;
- a pattern that names a folder matches everything inside it: `tests` or `tests/` covers `tests/a/b.py`;
- `!pattern` takes back what an earlier pattern matched (the last matching pattern wins).

Paths are repository-relative with `/` separators. Each distinct list of patterns is compiled once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import PurePosixPath

import pathspec


class PathMatcher:
    """A compiled list of gitignore-style patterns; `match(path)` says whether the list selects the path."""

    __slots__ = ("patterns", "_spec", "_any")

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.patterns = patterns
        self._spec = pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None
        self._any = _one_regex(self._spec) if self._spec is not None else None

    def __bool__(self) -> bool:
        return self._spec is not None

    def match(self, path: str) -> bool:
        if self._any is not None:
            return self._any.match(path) is not None
        return self._spec is not None and self._spec.match_file(path)

    def select(self, paths: Iterable[str]) -> list[str]:
        """The paths this list matches, in their order."""
        return [p for p in paths if self.match(p)] if self._spec is not None else []


_GROUP = re.compile(r"\(\?P<\w+>")


def _one_regex(spec: pathspec.PathSpec) -> re.Pattern[str] | None:
    """Without `!` patterns a path matches when any pattern does: one alternation of the patterns' regexes then
    answers in one call instead of one per pattern (the test globs are asked for every file). None when a pattern
    negates or is not a plain regex (pathspec answers those)."""
    parts = []
    for pattern in spec.patterns:
        if pattern.include is None:
            continue
        regex = getattr(pattern, "regex", None)
        if pattern.include is not True or not isinstance(regex, re.Pattern) or not isinstance(regex.pattern, str):
            return None
        parts.append(f"(?:{_GROUP.sub('(?:', regex.pattern)})")
    if not parts:
        return None
    try:
        return re.compile("|".join(parts))
    except re.error:
        return None


@lru_cache(maxsize=512)
def _compiled(patterns: tuple[str, ...]) -> PathMatcher:
    return PathMatcher(patterns)


def matcher(patterns: Iterable[str]) -> PathMatcher:
    """The compiled matcher of a pattern list (cached: the same list is compiled once)."""
    return _compiled(patterns if isinstance(patterns, tuple) else tuple(patterns))


def matches_any(path: str, patterns: Iterable[str]) -> bool:
    """Whether a repository-relative path matches the pattern list (gitignore semantics, `!` negates)."""
    return matcher(patterns).match(path)


def invalid_pattern(patterns: list[str]) -> str | None:
    """Configuration check of a pattern list: the first pattern pathspec cannot compile, or None."""
    for pattern in patterns:
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except (ValueError, TypeError, re.error) as exc:  # `[z-a]`: pathspec lets the regex's own error through
            return f"has an invalid pattern {pattern!r} ({str(exc).split(' at position ')[0]})"
    return None


def git_pathspecs(patterns: Iterable[str]) -> list[str]:
    """The patterns as git pathspecs with the same meaning (for `git log -- ...`, `git status -- ...`).

    `:(glob)` makes `*` stop at `/` and `**` cross folders like here; a pattern without a `/` is given a `**/`
    prefix so it matches at any depth; each pattern also stands for everything below it (`pattern/**`), as a
    folder does in a gitignore file; `!pattern` becomes an `exclude` pathspec; a leading `/` is dropped (git
    pathspecs are relative to the root already).
    """
    specs: list[str] = []
    for raw in patterns:
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        magic = "glob"
        if pattern.startswith("!"):
            magic, pattern = "exclude,glob", pattern[1:]
        elif pattern.startswith("\\!") or pattern.startswith("\\#"):
            pattern = pattern[1:]
        body = pattern.rstrip("/")
        if body.startswith("/"):
            body = body[1:]
        elif "/" not in body:
            body = f"**/{body}"
        specs.append(f":({magic}){body}")
        if not body.endswith("**"):
            specs.append(f":({magic}){body}/**")
    return specs


def split_path(path: str) -> tuple[list[str], str, str]:
    """(folders, stem, suffix) as `PurePosixPath` gives them (`parent.parts`, `stem`, `suffix`), by string
    operations for the normalized relative paths git lists: the scanners ask it of every file in the tree, and
    pathlib's parsing is most of their cost there. Other shapes (absolute, `./x`, `a//b`) go through pathlib."""
    if not path or path.startswith(("/", "./")) or path.endswith(("/", "/.")) or "//" in path or "/./" in path \
            or path == ".":
        pure = PurePosixPath(path)
        return (list(pure.parent.parts) if str(pure.parent) != "." else []), pure.stem, pure.suffix
    dirs = path.split("/")
    name = dirs.pop()
    dot = name.rfind(".")
    if 0 < dot < len(name) - 1:
        return dirs, name[:dot], name[dot:]
    return dirs, name, ""


def path_stem(path: str) -> str:
    """`PurePosixPath(path).stem` (see `split_path`)."""
    return split_path(path)[1]


def path_suffix(path: str) -> str:
    """`PurePosixPath(path).suffix` (see `split_path`)."""
    return split_path(path)[2]
