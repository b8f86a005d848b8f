"""Locations git cannot work in: one actionable RepoError line (the CLI maps it to exit 2), never a traceback."""

from __future__ import annotations

import pytest

from readiness.core.errors import RepoError
from readiness.core.repo import open_repository


@pytest.fixture(scope="module")
def repo(make_git_repo):
    repo = make_git_repo()
    repo.write("src/app.py", "print('hi')\n")
    repo.commit("initial")
    return repo


def _error(path) -> RepoError:
    with pytest.raises(RepoError) as info:
        open_repository(path)
    message = str(info.value)
    assert "\n" not in message and message.strip() == message
    assert info.value.exit_code == 2
    return info.value


def test_a_plain_directory_is_not_a_repository(tmp_path):
    assert "not a git repository" in str(_error(tmp_path))


def test_a_missing_directory_says_so(tmp_path):
    assert "no such directory" in str(_error(tmp_path / "missing"))


@pytest.mark.parametrize("inside", [".git", ".git/objects", ".git/refs/heads"])
def test_running_inside_the_git_directory_is_refused(repo, inside):
    assert ".git directory" in str(_error(repo.path / inside))


def test_a_bare_repository_is_refused(make_git_repo):
    bare = make_git_repo("bare", bare=True)
    assert "bare repository" in str(_error(bare.path))


@pytest.mark.parametrize("start", ["src", "src/app.py"])
def test_a_subdirectory_or_file_opens_the_enclosing_work_tree(repo, start):
    with open_repository(repo.path / start) as opened:
        assert opened.root == repo.path.resolve()
        assert opened.git_dir == (repo.path / ".git").resolve()
