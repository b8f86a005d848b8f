"""Headless triage checks every file it will write before writing any: when the ticket cannot be saved under the
git directory (a read-only `.git/readiness`, or something in the way), it refuses with one line, exit 2, and the
README is left as it was (it used to log the entry, then fail on the ticket)."""

from __future__ import annotations

import pytest
from hostile import run_cli


@pytest.fixture
def repo(git_repo):
    git_repo.write("README.md", "# demo\n")
    git_repo.commit("initial")
    return git_repo


def _refused(capsys, repo) -> str:
    before = (repo.path / "README.md").read_bytes()
    code, out, err = run_cli(capsys, "triage", "--class", "build", "--summary", "build breaks", "--repo",
                             str(repo.path))
    assert (code, out) == (2, ""), err
    assert err.startswith("readiness: error: ") and err.count("\n") == 1
    assert (repo.path / "README.md").read_bytes() == before
    return err


def test_read_only_state_folder(capsys, repo):
    state = repo.path / ".git" / "readiness"
    state.mkdir()
    state.chmod(0o555)
    try:
        assert "nothing was written" in _refused(capsys, repo)
    finally:
        state.chmod(0o755)


def test_tickets_path_taken_by_a_file(capsys, repo):
    state = repo.path / ".git" / "readiness"
    state.mkdir()
    (state / "tickets").write_text("not a folder\n")
    assert "nothing was written" in _refused(capsys, repo)


def test_writable_state_logs_and_saves_the_ticket(capsys, repo):
    code, out, err = run_cli(capsys, "triage", "--class", "build", "--summary", "build breaks", "--repo",
                             str(repo.path))
    assert code == 0, err
    assert "**B1**" in (repo.path / "README.md").read_text()
    assert list((repo.path / ".git" / "readiness" / "tickets").iterdir())
