"""The changes of a branch as git reports them: `git diff -U0` parsed into changed files and changed lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from readiness.core.git_cli import unquote

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True, slots=True)
class ChangedFile:
    path: str
    status: str  # "A" added, "M" modified, "D" deleted, "?" untracked
    lines: frozenset[int] | None  # None: every line counts (new, untracked or binary file)
    added: int = 0
    removed: int = 0


def diff_path(name: str) -> str:
    """A `--- a/x` / `+++ b/x` name: git appends a tab when the path has a space; drop it, unquote, drop a/ b/."""
    return unquote(name[:-1] if name.endswith("\t") else name)[2:]


def parse_diff(text: str) -> dict[str, ChangedFile]:
    """Added/modified line numbers per new-side path from `git diff -U0` output (prefixes pinned to a/ and b/).

    Each file's header is parsed only up to its first hunk: inside hunks a removed `-- x` line reads `--- x` and an
    added `++ x` line reads `+++ x`, which are content, not file names.
    """
    changes: dict[str, ChangedFile] = {}
    for block in re.split(r"^diff --git ", text, flags=re.M)[1:]:
        header, hunk_mark, body = block.partition("\n@@")
        first, *rows = header.split("\n")
        old = new = None
        status, binary = "M", False
        for row in rows:
            if row.startswith("new file mode"):
                status = "A"
            elif row.startswith("deleted file mode"):
                status = "D"
            elif row.startswith(("rename from ", "copy from ")):
                old = unquote(row.split(" ", 2)[2])
            elif row.startswith(("rename to ", "copy to ")):
                new = unquote(row.split(" ", 2)[2])
            elif row.startswith("--- ") and row != "--- /dev/null":
                old = diff_path(row[4:])
            elif row.startswith("+++ ") and row != "+++ /dev/null":
                new = diff_path(row[4:])
            elif row.startswith("Binary files "):
                binary = True
        if old is None and new is None:  # binary or mode-only change: "a/P b/P" with the same P, split in half
            old = new = unquote(first[(len(first) + 1) // 2:])[2:]
        lines: set[int] = set()
        added = removed = 0
        for row in (hunk_mark + body).split("\n"):
            if row.startswith("@@"):
                match = _HUNK.match(row)
                if match:
                    start = int(match.group(1))
                    lines.update(range(start, start + int(match.group(2) or "1")))
            elif row.startswith("+"):
                added += 1
            elif row.startswith("-"):
                removed += 1
        if status == "D" or new is None:
            if old is not None:
                changes[old] = ChangedFile(old, "D", frozenset(), added, removed)
        else:
            changes[new] = ChangedFile(new, status, None if status == "A" or binary else frozenset(lines),
                                       added, removed)
    return changes
