"""An unborn branch: every staged and untracked file is new (whole file in scope); nothing to compare against."""

from __future__ import annotations

import pytest

from readiness.core.repo import open_repository


@pytest.fixture(scope="module")
def unborn(make_git_repo):
    repo = make_git_repo(branch="feature/first")
    repo.write(".gitignore", "*.log\n")
    repo.write("staged.py", "a = 1\n")
    repo.write("pkg/staged_too.py", "b = 2\n")
    repo.git("add", "staged.py", "pkg/staged_too.py")
    repo.write("untracked.py", "c = 3\n")
    repo.write("debug.log", "ignored\n")
    return repo


def test_every_staged_and_untracked_file_is_new(unborn):
    with open_repository(unborn.path) as repo:
        changes = repo.changes()
    assert sorted(changes) == [".gitignore", "pkg/staged_too.py", "staged.py", "untracked.py"]
    assert all(change.lines is None for change in changes.values())
    assert all(change.status == "A" for change in changes.values())


def test_branch_is_the_unborn_branch_and_there_is_no_head_or_base(unborn):
    with open_repository(unborn.path) as repo:
        assert repo.branch == "feature/first"
        assert (repo.head, repo.base, repo.merge_base) == (None, None, None)
        assert any("no commits yet" in note for note in repo.notes)
        assert repo.describe() == "feature/first"


def test_an_explicit_base_is_ignored_with_a_note(unborn):
    with open_repository(unborn.path, base="main") as repo:
        assert repo.base is None
        assert any("--base main ignored" in note for note in repo.notes)


def test_all_paths_lists_tracked_and_untracked_but_not_ignored(unborn):
    with open_repository(unborn.path) as repo:
        assert repo.all_paths() == [".gitignore", "pkg/staged_too.py", "staged.py", "untracked.py"]
        assert repo.read("staged.py", 1024).text == "a = 1\n"


def test_an_empty_repository_has_no_changes(make_git_repo):
    empty = make_git_repo()
    with open_repository(empty.path) as repo:
        assert repo.changes() == {}
        assert repo.branch == "main"
