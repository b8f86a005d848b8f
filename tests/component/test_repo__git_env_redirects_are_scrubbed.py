"""GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE... set by a hook or a CI runner never point our git calls elsewhere."""

from __future__ import annotations

import os

import pytest

from readiness.core.repo import open_repository, scrubbed_env


def _snapshot(path):
    with open_repository(path) as repo:
        return (repo.root, repo.branch, repo.head, repo.base, repo.merge_base, repo.changes(), repo.all_paths(),
                repo.grep("needle"))


@pytest.fixture(scope="module")
def repos(make_git_repo):
    ours = make_git_repo("ours")
    ours.write("a.py", "one\nneedle\n")
    ours.commit("initial")
    ours.git("checkout", "-q", "-b", "feature")
    ours.write("a.py", "one\nneedle two\n")
    other = make_git_repo("other", branch="trunk")
    other.write("other.py", "needle elsewhere\n")
    other.commit("other initial")
    other.write("other.py", "changed\n")
    other.git("add", "other.py")
    return ours, other


def test_redirecting_variables_do_not_change_results(repos, monkeypatch):
    ours, other = repos
    expected = _snapshot(ours.path)
    assert expected[5]["a.py"].lines == frozenset({2})
    monkeypatch.setenv("GIT_DIR", str(other.path / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other.path))
    monkeypatch.setenv("GIT_INDEX_FILE", str(other.path / ".git" / "index"))
    monkeypatch.setenv("GIT_OBJECT_DIRECTORY", str(other.path / ".git" / "objects"))
    monkeypatch.setenv("GIT_COMMON_DIR", str(other.path / ".git"))
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", "'core.bare'='true'")
    assert _snapshot(ours.path) == expected


def test_scrubbed_env_keeps_only_safe_git_variables(monkeypatch):
    monkeypatch.setenv("GIT_DIR", "/elsewhere")
    monkeypatch.setenv("GIT_INDEX_FILE", "/elsewhere/index")
    monkeypatch.setenv("GIT_SSH_COMMAND", "ssh -i key")
    monkeypatch.setenv("GIT_CONFIG_COUNT", "0")
    env = scrubbed_env({"EXTRA": "1"})
    assert "GIT_DIR" not in env and "GIT_INDEX_FILE" not in env
    assert env["GIT_SSH_COMMAND"] == "ssh -i key" and env["GIT_CONFIG_COUNT"] == "0"
    assert env["EXTRA"] == "1"
    assert os.environ["GIT_DIR"] == "/elsewhere"  # the caller's environment is left alone


def test_discovery_limits_are_kept_so_no_outer_repository_is_found(make_git_repo, monkeypatch, capsys):
    """GIT_CEILING_DIRECTORIES only narrows git's search: a folder below the ceiling is in no repository for the
    user's git, and readiness neither reads nor writes the outer one (its README keeps no blocker)."""
    from readiness.cli import main

    outer = make_git_repo("outer")
    outer.write("README.md", "# outer\n")
    outer.commit("initial")
    inner = outer.path / "inner"
    inner.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(outer.path))
    assert "GIT_CEILING_DIRECTORIES" in scrubbed_env()
    for argv in (["check"], ["blocker", "list"], ["blocker", "add", "--class", "build", "--summary", "CI is red"]):
        assert main([*argv, "--repo", str(inner)]) == 2, argv
        assert "not a git repository" in capsys.readouterr().err
    assert (outer.path / "README.md").read_text() == "# outer\n"
