"""`scan/history.parse_log`: `git log -p -U0` output into the lines each commit added, with their numbers;
deletions, removed files and empty patches give nothing. `commit_range` walks the branch's commits only."""

from __future__ import annotations

import subprocess

import pytest

from readiness.core.errors import RepoError
from readiness.core.repo import open_repository
from readiness.core.scan.history import commit_range, parse_log, streamed_log

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


def test_the_streamed_log_reads_the_same_additions_as_the_whole_output(git_repo, monkeypatch):
    for number in range(6):
        git_repo.write(f"f{number}.py", "".join(f"café_{number}_{i} = 'ß€'\n" for i in range(number + 2)))
        git_repo.commit(f"commit {number} ✓")
    whole = list(parse_log(_log(git_repo, "--reverse")))
    with open_repository(git_repo.path) as repo:
        pieces = list(repo.git_stream("log", "-1", "--format=%s"))
        assert "".join(pieces).strip() == "commit 5 ✓"
        original = repo.git_stream
        # tiny pieces: commit headers and multi-byte characters are split across reads
        monkeypatch.setattr(repo, "git_stream", lambda *args: original(*args, chunk=5))
        streamed = list(streamed_log(repo, [repo.head]))
    assert [(a.commit, a.path, a.text, a.numbers) for a in streamed] == \
        [(a.commit, a.path, a.text, a.numbers) for a in whole]
    assert len(streamed) == 6


def test_a_failing_git_log_is_one_repository_error(git_repo):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("base")
    with open_repository(git_repo.path) as repo:
        with pytest.raises(RepoError, match="git log failed"):
            list(repo.git_stream("log", "no-such-revision", "--"))


def test_scan_history_reports_a_secret_gone_from_the_tree_with_its_commit(git_repo):
    import random
    import string

    from readiness.core import config as config_mod
    from readiness.core.scan.history import scan_history

    alnum = (string.ascii_letters + string.digits).replace("x", "").replace("X", "")
    rng = random.Random(5)
    value = "gh" + "p_" + "".join(rng.choice(alnum) for _ in range(36))
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("base")
    git_repo.write("ci.py", f'TOKEN = "{value}"\n')
    added = git_repo.commit("add the token")
    git_repo.write("ci.py", "TOKEN = None\n")
    git_repo.commit("remove it")
    with open_repository(git_repo.path) as repo:
        cfg = config_mod.load(repo.root, None)
        none, no_notes = scan_history(repo, cfg, [], every_commit=False)  # on main: no branch commits
        assert (none, no_notes) == ([], [])
        found, notes = scan_history(repo, cfg, [], every_commit=True)
    assert notes == ["history: read 3 commits reachable from HEAD"]
    assert [(f.rule, f.path, f.commit) for f in found] == [("hardcoded-secret/in-history", "ci.py",
                                                            (added[:7], "add the token"))]
    assert value not in found[0].message + (found[0].snippet or "")
