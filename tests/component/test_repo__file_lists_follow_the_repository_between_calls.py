"""A long-lived repository (the TUI's) sees every change between two calls: a new file, a deletion, an edit, a
`git add`, a commit. Only a one-shot snapshot (`readiness check`) reads git's file lists once."""

from __future__ import annotations

from readiness.core.repo import open_repository


def _branch(git_repo):
    git_repo.write("a.py", "def a():\n    return 1\n")
    git_repo.write("pkg/b.py", "def b():\n    return 2\n")
    git_repo.commit("initial")
    git_repo.git("checkout", "-q", "-b", "feature")


def test_a_long_lived_repository_sees_new_deleted_edited_and_added_files(git_repo):
    _branch(git_repo)
    with open_repository(git_repo.path) as repo:
        assert repo.changes() == {}
        assert repo.untracked() == []
        git_repo.write("pkg/new.py", "x = 1\n")  # a new file in an existing folder
        git_repo.write("fresh/deep/n.py", "y = 2\n")  # and in a new folder
        assert sorted(repo.untracked()) == ["fresh/deep/n.py", "pkg/new.py"]
        assert set(repo.changes()) == {"fresh/deep/n.py", "pkg/new.py"}
        assert "pkg/new.py" in repo.all_paths()
        git_repo.git("add", "pkg/new.py")  # staged: tracked now, no longer untracked
        assert "pkg/new.py" in repo.tracked_modes()
        assert repo.untracked() == ["fresh/deep/n.py"]
        assert repo.changes()["pkg/new.py"].status == "A"
        (git_repo.path / "a.py").unlink()  # a deletion in the work tree
        assert repo.changes()["a.py"].status == "D"
        git_repo.write("pkg/b.py", "def b():\n    return 2\n\n\ndef c():\n    return 3\n")  # an edit
        assert repo.changes()["pkg/b.py"].lines == frozenset({3, 4, 5, 6})
        git_repo.git("rm", "-q", "a.py")
        assert "a.py" not in repo.tracked_modes()
        git_repo.commit("more")
        assert set(repo.tracked_modes()) == {"fresh/deep/n.py", "pkg/b.py", "pkg/new.py"}
        assert repo.untracked() == []


def test_a_snapshot_reads_the_file_lists_once_until_closed(git_repo):
    _branch(git_repo)
    git_repo.write("pkg/new.py", "x = 1\n")
    repo = open_repository(git_repo.path)
    try:
        repo.snapshot = True
        first = repo.changes()
        assert set(first) == {"pkg/new.py"}
        first.pop("pkg/new.py")  # a caller changing its copy changes nothing stored
        repo.untracked().clear()
        git_repo.write("later.py", "z = 1\n")  # after the snapshot was taken: not part of this run
        assert set(repo.changes()) == {"pkg/new.py"}
        assert repo.untracked() == ["pkg/new.py"]
        git_repo.git("add", "later.py")  # the index is still read again (tracked modes follow the index file)
        assert "later.py" in repo.tracked_modes()
    finally:
        repo.close()
    with open_repository(git_repo.path) as again:  # a new run: a new snapshot
        assert set(again.changes()) == {"later.py", "pkg/new.py"}
