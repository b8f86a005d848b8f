"""`scan/history.parse_log`: `git log -p -U0` output into the lines each commit added, with their numbers;
deletions, removed files and empty patches give nothing. `commit_range` walks the branch's commits only."""

from __future__ import annotations

import subprocess

from readiness.core.repo import open_repository
from readiness.core.scan.history import commit_range, parse_log

FORMAT = "--format=%x00%H%x00%s%x00"


def _log(repo, *revisions: str) -> str:
    return subprocess.run(["git", "-C", str(repo.path), "log", "-p", "-U0", "--no-color", FORMAT, *revisions],
                          capture_output=True, text=True, check=True).stdout


def test_each_commit_gives_its_added_lines_with_their_numbers(git_repo):
    git_repo.write("app.py", "one\ntwo\n")
    git_repo.commit("first")
    git_repo.write("app.py", "one\nTOKEN = 1\ntwo\nthree\n")
    git_repo.commit("second: add a token")
    additions = list(parse_log(_log(git_repo)))
    assert [(a.subject, a.path, a.text, a.numbers) for a in additions] == [
        ("second: add a token", "app.py", "TOKEN = 1\nthree", (2, 4)),
        ("first", "app.py", "one\ntwo", (1, 2)),
    ]
    assert all(len(a.commit) == 40 for a in additions)


def test_a_deleted_file_and_removed_lines_add_nothing(git_repo):
    git_repo.write("gone.py", "secret = 1\n")
    git_repo.write("keep.py", "a\nb\n")
    git_repo.commit("base")
    (git_repo.path / "gone.py").unlink()
    git_repo.write("keep.py", "a\n")
    git_repo.commit("remove things")
    latest = _log(git_repo, "-1")
    assert list(parse_log(latest)) == []
    assert list(parse_log("")) == []


def test_the_range_is_the_branch_and_nothing_without_commits_of_its_own(git_repo):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("base")
    with open_repository(git_repo.path) as repo:
        assert commit_range(repo, every_commit=False) is None  # on main: no branch commits
        assert commit_range(repo, every_commit=True) == [repo.head]
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("a.py", "x = 2\n")
    git_repo.commit("change")
    with open_repository(git_repo.path) as repo:
        assert commit_range(repo, every_commit=False) == [f"{repo.merge_base}..{repo.head}"]
