"""The missing-test rules' shared look-ups for a pull-request-sized scope: the test lines read once
(`prefetch_test_lines`), each changed file's definitions found once, and which changed line a definition holds."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from readiness.core.scan._source.branch import branch_lines, touched
from readiness.core.scan._source.code import all_paths, needs_test, setting, test_paths
from readiness.core.scan._source.definitions import Definition, definitions
from readiness.core.scan._source.grep import prefetch
from readiness.core.scan._source.imports import python_module_names
from readiness.core.scan._source.project import entry_points
from readiness.core.scan._source.python_names import DISTINCTIVE, asked_stem
from readiness.core.scan.base import ScanContext, SourceFile
from readiness.core.scan.scanners._smoke import entry_words

_PREFETCH_MAX = 40  # up to this many files needing tests, the test tree is read once for all name questions
_TOP_LEVEL = re.compile(r"^(?:async[ \t]+)?(?:def|class)[ \t]+(\w+)", re.M)


def prefetch_test_lines(ctx: ScanContext) -> None:
    """On a pull-request-sized scope, one pass of `git grep` keeps the test lines that mention any name the index
    and the rules may ask about (the changed modules' dotted names, file stems, defined names, the entry points'
    words); each later question about those names is answered from them (`grep.prefetch`: same answers)."""
    subjects = [s for s in ctx.files if needs_test(ctx, s)]
    if not subjects or len(subjects) > _PREFETCH_MAX:
        return
    known = frozenset(all_paths(ctx))
    roots = tuple(setting(ctx, "source_roots") or ())
    words = {"import", *(w for e in entry_points(ctx) for w in entry_words(e))}  # import: the index's import lines
    for source in subjects:
        stem = PurePosixPath(source.path).stem
        if source.language != "python" or asked_stem(source.path):
            words.add(stem)  # a generic Python stem (`models`, `utils`) is never asked: thousands of lines
        if source.language == "python":
            words.update(python_module_names(source.path, known, roots))
            # the distinctive names the index asks about are top-level ones
            words.update(n for n in _TOP_LEVEL.findall(source.text) if DISTINCTIVE.match(n))
        if touched(ctx, source):  # the changed public functions `untested-function` asks about
            branch = branch_lines(ctx, source)
            words.update(d.name for d in cached_definitions(ctx, source)
                         if d.public and changed_in(branch, d.start, d.end) is not None)
    tests = test_paths(ctx)
    prefetch(ctx, words, [p for p in all_paths(ctx) if p in tests])


def cached_definitions(ctx: ScanContext, source: SourceFile) -> list[Definition]:
    return ctx.cached(f"missing-test:definitions:{source.path}", lambda: definitions(source))


def changed_in(lines: frozenset[int] | None, start: int, end: int) -> int | None:
    if lines is None:
        return start
    hits = [n for n in lines if start <= n <= end]
    return min(hits) if hits else None
