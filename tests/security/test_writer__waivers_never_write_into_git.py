"""A committed `readiness.toml` symlinked into the git directory (`.git/info/exclude` parses as TOML: it holds only
comments) is never read as configuration, and a waiver is never written through it: one line, exit 2, git's file
unchanged."""

from __future__ import annotations

import json

import pytest
from hostile import run_cli

from readiness.core.errors import UsageError
from readiness.core.models import Finding, Severity
from readiness.core.waive import waive_inline


@pytest.fixture
def repo(git_repo):
    git_repo.write("README.md", "# demo\n")
    git_repo.commit("initial")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("app.py", "def f():\n    raise NotImplementedError  # TODO\n")
    return git_repo


@pytest.mark.parametrize("target", [".git/info/exclude", ".git/description"])
def test_configuration_symlinked_into_git_is_refused(capsys, repo, target):
    code, out, _err = run_cli(capsys, "check", "--format", "json", "--repo", str(repo.path))
    finding = json.loads(out)["findings"][0]["id"]
    (repo.path / "readiness.toml").symlink_to(target)
    before = (repo.path / target).read_bytes()
    code, out, err = run_cli(capsys, "waive", finding, "--reason", "fine here", "--repo", str(repo.path))
    assert (code, out) == (2, "")
    assert "inside the git directory" in err and err.count("\n") == 1
    assert (repo.path / target).read_bytes() == before


def test_inline_waiver_through_a_symlink_into_git_is_refused(repo):
    (repo.path / "hooks.py").symlink_to(".git/hooks/pre-commit.sample")
    before = (repo.path / ".git/hooks/pre-commit.sample").read_bytes()
    finding = Finding(id="x", rule="todo-throw/python-stub", category="todo-throw", severity=Severity.ERROR,
                      path="hooks.py", line=1, message="m")
    with pytest.raises(UsageError, match="inside the git directory"):
        waive_inline(repo.path, finding, "fine")
    assert (repo.path / ".git/hooks/pre-commit.sample").read_bytes() == before
