"""The line of a key in a TOML file, by its full path: what configuration errors point at (`file:line:`).

A plain text search for `name =` finds the first key of that name in any table (a `base` under `[tool.other]`),
and never a table written as a header (`[tool.readiness.gates.lint]`). This follows the headers: every line is read
as a table header (`[a.b]`, `[[a.b]]`) or a key (`k = ...`, dotted `a.b = ...`, quoted parts), and the line whose
full path is the one asked for, or else the one that comes deepest into it, is returned. It reads lines only: a
key inside a multi-line string may be mistaken for one, which costs a wrong line number, never a wrong verdict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADER = re.compile(r"^[ \t]*\[\[?(?P<path>[^\]]*)\]\]?[ \t]*(?:#.*)?$")
_KEY = re.compile(r"^[ \t]*(?P<path>(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)(?:[ \t]*\.[ \t]*"
                  r"(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+))*)[ \t]*=")
_PART = re.compile(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)")


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(m.group(1) if m.group(1) is not None else m.group(2) if m.group(2) is not None else m.group(3)
                 for m in _PART.finditer(dotted))


def line_of(text: str, path: Sequence[str]) -> int | None:
    """1-based line that defines `path` (table header or key), or the deepest line on the way to it; None if the
    file says nothing about its first part."""
    target = tuple(str(p) for p in path)
    table: tuple[str, ...] = ()
    best, best_depth = None, 0
    for number, line in enumerate(text.split("\n"), start=1):
        header = _HEADER.match(line)
        if header is not None:
            table = _parts(header.group("path"))
            full = table
        else:
            key = _KEY.match(line)
            if key is None:
                continue
            full = table + _parts(key.group("path"))
        depth = 0
        while depth < min(len(full), len(target)) and full[depth] == target[depth]:
            depth += 1
        if depth == len(target):
            return number
        if depth > best_depth and depth == len(full):  # a table or key on the way to the target
            best, best_depth = number, depth
    return best
