"""The branch's own lines, in both scopes: what "new code" means for the rules that judge only new code
(`missing-test/untested-function`, `missing-docs/missing-docstring`).

In a diff the changed lines are the branch's. An `--all` audit reads every file in full, but a new file of the branch
must not get fewer findings there than in a diff: the branch's lines come from the repository's own diff
(`changes()`: merge-base..work tree, plus untracked files), asked once per run. A repository view that cannot say
(a plain directory, a shallow clone without its merge-base) has no branch lines: only the whole-tree rules apply.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from readiness.core.errors import ReadinessError
from readiness.core.scan.base import ScanContext, SourceFile

NOT_ON_BRANCH: frozenset[int] = frozenset()


def _changes(ctx: ScanContext) -> dict[str, frozenset[int] | None]:
    changes: Callable[[], dict[str, Any]] | None = getattr(ctx.repo, "changes", None)
    if changes is None:
        return {}
    try:
        return {path: change.lines for path, change in changes().items() if change.status != "D"}
    except (ReadinessError, OSError, ValueError):
        return {}


def branch_lines(ctx: ScanContext, source: SourceFile) -> frozenset[int] | None:
    """The lines of `source` the branch changed: None when the whole file is the branch's (a new file), an empty set
    when the branch did not touch it."""
    if ctx.scope == "diff":
        return source.changed
    return ctx.cached("branch:changes", lambda: _changes(ctx)).get(source.path, NOT_ON_BRANCH)


def on_branch(ctx: ScanContext, source: SourceFile, number: int) -> bool:
    """Whether line `number` of `source` is new code of the branch."""
    lines = branch_lines(ctx, source)
    return lines is None or number in lines


def touched(ctx: ScanContext, source: SourceFile) -> bool:
    """Whether the branch changed the file at all."""
    return branch_lines(ctx, source) != NOT_ON_BRANCH


def is_new(ctx: ScanContext, source: SourceFile) -> bool:
    """Whether the file is new on the branch (in a diff: `source.new`)."""
    return source.new if ctx.scope == "diff" else branch_lines(ctx, source) is None
