"""What git is in the middle of, and what a scan cannot see: notes and findings the pipeline adds to a run.

- A merge, rebase, cherry-pick, revert or `git am` that stopped (on a conflict, or for editing) is a note: the
  branch is not what will be reviewed until it is finished or aborted.
- A path git still lists as unmerged (stages 1-3 in the index) is an error finding, also when its file holds no
  conflict markers (a binary file, a delete/modify conflict): the conflict is not resolved until it is added.
- A changed submodule (its commit moved, or its work tree is dirty) is a note: its files are not scanned.
"""

from __future__ import annotations

from pathlib import Path

from readiness.core.repo import Repository
from readiness.core.scan.base import RawFinding, SourceFile

# (file or folder in the git directory, what is in progress, the command that continues or aborts it)
_OPERATIONS = (
    ("rebase-merge", "rebase", "git rebase"),
    ("rebase-apply/applying", "`git am`", "git am"),
    ("rebase-apply", "rebase", "git rebase"),
    ("MERGE_HEAD", "merge", "git merge"),
    ("CHERRY_PICK_HEAD", "cherry-pick", "git cherry-pick"),
    ("REVERT_HEAD", "revert", "git revert"),
)


def operation_in_progress(git_dir: Path) -> tuple[str, str] | None:
    """(what, command) of the operation that stopped half-way in this work tree, or None."""
    for name, what, command in _OPERATIONS:
        if (git_dir / name).exists():
            return what, command
    return None


def unmerged_paths(repo: Repository) -> list[str]:
    return repo.unmerged()


def notes(repo: Repository, scope: str) -> list[str]:
    """The notes about git's state for this run (empty when there is nothing to say)."""
    found: list[str] = []
    operation = operation_in_progress(repo.git_dir)
    if operation is not None:
        what, command = operation
        found.append(f"a {what} is in progress (stopped on a conflict or for editing): the branch is not the one "
                     f"that will be reviewed; finish it (`{command} --continue`) or abort it (`{command} --abort`)")
    moved = changed_submodules(repo) if scope != "all" else []
    if moved:
        found.append(f"{len(moved)} changed submodule{'s' if len(moved) != 1 else ''} not scanned: "
                     f"{', '.join(moved[:3])}{' …' if len(moved) > 3 else ''} (run readiness inside the submodule)")
    return found


def findings(repo: Repository) -> list[RawFinding]:
    """An error finding per unmerged path whose file shows no complete conflict block (those are reported by the
    conflict-marker scanner, on the block's line)."""
    paths = unmerged_paths(repo)
    if not paths:
        return []
    # deferred: importing a scanner loads the scanner registry (~50 ms); only a tree in conflict needs it
    from readiness.core.scan.scanners.conflict_marker import UNMERGED, conflicts

    out = []
    for path in paths:
        text = repo.read_text(path)
        if text is not None and any(conflicts(SourceFile(path=path, text=text))):
            continue
        out.append(RawFinding(UNMERGED.id, path, None, "unmerged path: git still has both sides of a conflict "
                              "on this file; resolve it and `git add` it"))
    return out


def changed_submodules(repo: Repository) -> list[str]:
    """Submodules whose recorded commit differs from the base's, or whose work tree has changes."""
    subs = repo.submodules()
    if not subs or repo.head is None:
        return []
    out = repo.git("diff", "--name-only", "-z", "--no-ext-diff", "--no-textconv", "--ignore-submodules=none",
                   repo.merge_base or repo.head, "--", *subs)
    return sorted(p for p in out.split("\0") if p)
