"""Unresolved merge conflicts: git's conflict markers left in a file, in any language.

A merge, rebase, cherry-pick or stash that stopped on a conflict writes both sides into the file between
`<<<<<<< ours`, `=======` (and `||||||| base` in the diff3 style) and `>>>>>>> theirs`. Such a file does not build,
or worse, it does and runs both sides. A finding needs the whole block, in order, with markers at the start of the
line and git's seven characters, so a Markdown or reStructuredText underline (`=======` alone) is not one.
Whether a merge or rebase is in progress is said by the pipeline (`readiness.core.git_state`).
"""

from __future__ import annotations

from collections.abc import Iterator

from readiness.core.models import Severity
from readiness.core.scan.base import PerFileScanner, RawFinding, Rule, ScanContext, SourceFile

CATEGORY = "conflict-marker"
RULE = Rule(
    id=f"{CATEGORY}/unresolved",
    category=CATEGORY,
    severity=Severity.ERROR,
    title="Unresolved merge conflict",
    what="Conflict markers (<<<<<<<, =======, >>>>>>>) left by a merge, rebase or cherry-pick that stopped on a "
         "conflict.",
    why="The file holds both sides of the conflict: it does not build, or it runs code nobody chose.",
    fix="Resolve the conflict (keep the right side, remove the markers), then `git add` the file and continue the "
        "merge or rebase (`git merge --continue`, `git rebase --continue`).",
    example="<<<<<<< HEAD\nreturn 2\n=======\nreturn 3\n>>>>>>> main",
)
UNMERGED = Rule(
    id=f"{CATEGORY}/unmerged-path",
    category=CATEGORY,
    severity=Severity.ERROR,
    title="Unmerged path",
    what="A path git still lists as unmerged (a merge, rebase or cherry-pick stopped on it) whose file shows no "
         "conflict markers: a binary file, or one side deleted it.",
    why="Until the conflict is resolved and added, the commit that will be reviewed does not exist.",
    fix="Choose a side (`git checkout --ours/--theirs FILE`, or delete it), then `git add` or `git rm` it and "
        "continue the merge or rebase.",
    example="UU assets/logo.png",
)
RULES = {RULE.id: RULE, UNMERGED.id: UNMERGED}  # UNMERGED findings come from readiness.core.git_state


def _is_open(line: str) -> bool:
    return line.startswith("<<<<<<<") and (len(line) == 7 or line[7] == " ")


def _is_base(line: str) -> bool:
    return line.startswith("|||||||") and (len(line) == 7 or line[7] == " ")


def _is_close(line: str) -> bool:
    return line.startswith(">>>>>>>") and (len(line) == 7 or line[7] == " ")


def conflicts(source: SourceFile) -> Iterator[tuple[int, int]]:
    """(first line, last line) of every complete conflict block, 1-based."""
    lines = source.lines
    start: int | None = None
    separated = False
    for number, line in enumerate(lines, start=1):
        if _is_open(line):
            start, separated = number, False
        elif start is not None and line.rstrip() == "=======":
            separated = True
        elif start is not None and not separated and _is_base(line):
            continue
        elif start is not None and separated and _is_close(line):
            yield start, number
            start = None


class ConflictMarkerScanner(PerFileScanner):
    name = CATEGORY
    rules = RULES

    def scan_file(self, ctx: ScanContext, source: SourceFile) -> Iterator[RawFinding]:
        if "<<<<<<<" not in source.text:
            return
        for first, last in conflicts(source):
            changed = next((n for n in range(first, last + 1) if source.is_changed(n)), None)
            if changed is None:
                continue  # the block is in the base already: not this change's
            yield RawFinding(RULE.id, source.path, changed,
                             f"unresolved merge conflict (lines {first}-{last}): both sides are in the file")


SCANNER = ConflictMarkerScanner()
