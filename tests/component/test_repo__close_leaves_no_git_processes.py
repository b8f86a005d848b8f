"""close() (or leaving the `with` block) leaves no `git` child process behind, running or zombie."""

from __future__ import annotations

import os
from pathlib import Path

from readiness.core.repo import open_repository


def _git_children() -> list[str]:
    """Command names of this process's children that are git (psutil-free: /proc)."""
    found = []
    me = os.getpid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == me and "git" in comm:
            found.append(f"{entry.name} {comm} {fields[0]}")
    return found


def test_close_leaves_no_git_children(git_repo):
    git_repo.write("a.py", "one\nTODO\n")
    git_repo.commit("initial")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("a.py", "one\nTODO two\n")
    assert _git_children() == []
    for _ in range(5):
        with open_repository(git_repo.path) as repo:
            repo.changes()
            repo.all_paths()
            repo.grep("TODO")
            repo.read("a.py", 1024)
            repo.describe()
    assert _git_children() == []
    repo = open_repository(git_repo.path)
    repo.changes()
    repo.close()
    repo.close()  # idempotent
    assert _git_children() == []
