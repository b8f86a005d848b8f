"""The GitHub CLI wrapper: ready only when `gh` exists and is logged in; creating an issue returns its URL, cleans
up the body file, and turns a failure into one clear UsageError. A fake `gh` script on PATH stands in for GitHub."""

import os
import stat

import pytest

from readiness.core.errors import UsageError
from readiness.core.triage.flow import Ticket
from readiness.core.triage.github import gh_create, gh_ready


def fake_gh(tmp_path, monkeypatch, script: str):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text("#!/bin/sh\n" + script)
    gh.chmod(gh.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return gh


def repo_dir(tmp_path):
    """The repository gh runs in: beside the fake gh's folder (a gh inside the repository never runs)."""
    path = tmp_path / "repo"
    path.mkdir(exist_ok=True)
    return path


def ticket():
    return Ticket(title="B1: staging DB refuses CI", body="context\n", filename="B1-staging.md")


def test_not_ready_without_gh(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert gh_ready(repo_dir(tmp_path)) is False


def test_ready_only_when_logged_in(tmp_path, monkeypatch):
    fake_gh(tmp_path, monkeypatch, 'if [ "$1 $2" = "auth status" ]; then exit "${GH_FAKE_AUTH:-0}"; fi\nexit 3\n')
    assert gh_ready(repo_dir(tmp_path)) is True
    monkeypatch.setenv("GH_FAKE_AUTH", "1")
    assert gh_ready(repo_dir(tmp_path)) is False


def test_create_returns_the_url_and_removes_the_body_file(tmp_path, monkeypatch):
    fake_gh(tmp_path, monkeypatch, 'cat "$6" > "$(dirname "$6")/seen.md"\necho "https://github.com/o/r/issues/7"\n')
    body = tmp_path / ".B1.body"
    assert gh_create(ticket(), body, repo_dir(tmp_path)) == "https://github.com/o/r/issues/7"
    assert not body.exists()
    assert (tmp_path / "seen.md").read_text() == "context\n"


def test_a_failing_gh_is_one_clear_error(tmp_path, monkeypatch):
    fake_gh(tmp_path, monkeypatch, 'echo "HTTP 401: Bad credentials" >&2\nexit 1\n')
    with pytest.raises(UsageError, match="gh issue create failed: HTTP 401: Bad credentials") as info:
        gh_create(ticket(), tmp_path / ".B1.body", repo_dir(tmp_path))
    assert "file it by hand" in str(info.value)
    assert not (tmp_path / ".B1.body").exists()
