"""Detached HEAD: no branch name, HEAD still known, a note says detached; the base is still detected."""

from __future__ import annotations

from readiness.core.repo import open_repository


def test_detached_head_has_no_branch_and_a_note(git_repo):
    git_repo.write("a.py", "one\n")
    first = git_repo.commit("first")
    git_repo.write("a.py", "one\ntwo\n")
    git_repo.commit("second")
    git_repo.git("checkout", "-q", "--detach", first)
    git_repo.write("a.py", "one\nchanged\n")
    with open_repository(git_repo.path) as repo:
        assert repo.branch is None
        assert repo.head == first
        assert any("detached" in note for note in repo.notes)
        assert repo.base == "main"
        assert repo.merge_base == first
        assert repo.changes()["a.py"].lines == frozenset({2})
        assert repo.describe().startswith(f"detached at {first[:7]}")
