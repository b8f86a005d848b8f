"""A file deleted in the work tree (or with `git rm`) is status "D", has no lines, and reads as skipped."""

from __future__ import annotations

from readiness.core.repo import open_repository


def test_deleted_files_are_listed_and_skipped_on_read(git_repo):
    git_repo.write("keep.py", "k\n")
    git_repo.write("worktree_gone.py", "a\nb\n")
    git_repo.write("index_gone.py", "c\n")
    git_repo.commit("initial")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("branch_file.py", "d\n")
    git_repo.commit("feature")
    (git_repo.path / "worktree_gone.py").unlink()
    git_repo.git("rm", "-q", "index_gone.py")
    (git_repo.path / "branch_file.py").unlink()
    with open_repository(git_repo.path) as repo:
        changes = repo.changes()
        assert changes["worktree_gone.py"].status == "D"
        assert changes["index_gone.py"].status == "D"
        assert changes["worktree_gone.py"].lines == frozenset()
        assert "branch_file.py" not in changes  # added then deleted on the branch: nothing left to review
        for path in ("worktree_gone.py", "index_gone.py", "branch_file.py"):
            read = repo.read(path, 1024)
            assert (read.text, read.skipped) == (None, "deleted")
        assert "worktree_gone.py" in repo.all_paths()  # still tracked by the index
