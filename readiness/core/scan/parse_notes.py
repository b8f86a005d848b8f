"""A Python file in scope that does not parse is said in a note, with what still ran on it.

The checks that need the file's whole syntax tree (docstrings and public API, entry points and sub-commands, the
data flow of printed secrets) cannot judge such a file; the line- and block-based ones (hard-coded secrets, TODO
throws, silent failures, conflict markers, missing tests) still ran. Without the note the run would look clean.
The tree is the one the scanners share (`ast:<path>` in the scan context's cache): in the diff scope a changed file
not parsed yet is parsed here; with `--all` only the files a scanner already parsed are looked at (parsing the
whole tree a second time would cost seconds on a large repository).
"""

from __future__ import annotations

import ast

from readiness.core.scan._source.pyast import python_tree
from readiness.core.scan.base import ScanContext, SourceFile

STILL_RAN = ("the checks that need its syntax tree (docstrings, entry points, printed-secret data flow) skipped it; "
             "secrets, TODO throws, silent failures, conflict markers and missing tests still ran")
_MISSING = object()


def _why(source: SourceFile) -> str:
    try:
        ast.parse(source.text, filename=source.path)
    except SyntaxError as exc:
        return f"line {exc.lineno}: {exc.msg}" if exc.lineno else exc.msg
    except (ValueError, RecursionError, MemoryError) as exc:
        return f"{exc.__class__.__name__}: {str(exc)[:80]}"
    return "it could not be parsed"


def parse_notes(ctx: ScanContext) -> list[str]:
    failed: list[SourceFile] = []
    for source in ctx.files:
        if source.language != "python" or not source.text.strip():
            continue
        tree = ctx.cache.get(f"ast:{source.path}", _MISSING)
        if tree is _MISSING and ctx.scope != "all" and not ctx.cancelled():
            tree = python_tree(ctx, source)
        if tree is None:
            failed.append(source)
    if not failed:
        return []
    if len(failed) == 1:
        return [f"{failed[0].path} does not parse as Python ({_why(failed[0])}): {STILL_RAN}"]
    shown = ", ".join(f"{s.path} ({_why(s)})" for s in failed[:3])
    return [f"{len(failed)} Python files do not parse: {shown}{' …' if len(failed) > 3 else ''}: {STILL_RAN}"]
