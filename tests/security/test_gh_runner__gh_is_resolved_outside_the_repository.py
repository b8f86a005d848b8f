"""`gh` (the sticky comment, triage tickets) is found like git (`git_cli.safe_which`): never a `gh` planted in the
repository, in a relative PATH entry or in the current directory, and it runs by its absolute path. The planted gh
writes a marker file when it runs: the marker must never appear."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from readiness.cli import main
from readiness.core.git_cli import safe_which
from readiness.core.triage.github import gh_ready

PLANTED = "#!/bin/sh\ntouch \"{marker}\"\necho 7\nexit 0\n"
SAFE_GH = r'''
import json, pathlib, sys
state = pathlib.Path(__file__).parent / "calls.log"
state.open("a").write(json.dumps(sys.argv[1:]) + "\n")
args = sys.argv[1:]
if args[:2] == ["api", "user"]:
    print("readiness-bot")
elif args[0] == "api" and "--paginate" in args:
    pass
elif args[0] == "api" and "POST" in args:
    print("https://github.com/o/r/pull/7#issuecomment-1")
else:
    sys.exit(3)
'''


def _plant(folder, marker):
    folder.mkdir(parents=True, exist_ok=True)
    gh = folder / "gh"
    gh.write_text(PLANTED.format(marker=marker))
    gh.chmod(0o755)
    return gh


@pytest.fixture
def planted(git_repo, tmp_path, monkeypatch):
    """A branch whose clone ships `gh` at its root and in bin/, with PATH pointing at both (relative and absolute)."""
    git_repo.write("README.md", "# x\n\n## Usage\n\nx\n\n## Troubleshooting\n\nx\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("pay.py", "def refund(order):\n    return order\n")
    marker = tmp_path / "planted-gh-ran"
    _plant(git_repo.path, marker)
    _plant(git_repo.path / "bin", marker)
    git_repo.commit("ship a gh")
    monkeypatch.chdir(git_repo.path)
    monkeypatch.setenv("PATH", os.pathsep.join([".", "bin", "", str(git_repo.path), str(git_repo.path / "bin"),
                                                os.environ["PATH"]]))
    return git_repo, marker


def test_a_planted_gh_never_runs_for_the_sticky_comment(capsys, planted, tmp_path, monkeypatch):
    repo, marker = planted
    safe = tmp_path / "safe-bin"
    safe.mkdir()
    (safe / "gh").write_text(f"#!{sys.executable}\n{SAFE_GH}")
    (safe / "gh").chmod(0o755)
    monkeypatch.setenv("PATH", os.environ["PATH"] + os.pathsep + str(safe))  # after the planted ones
    code = main(["report", "--repo", str(repo.path), "--post", "--pr", "7"])
    out, err = capsys.readouterr()
    assert not marker.exists()
    assert code in (0, 1), err
    assert out.startswith("created the readiness comment on pull request #7")
    assert (safe / "calls.log").read_text().count("\n") == 3  # api user, the comments, the POST: the safe gh


def test_with_only_a_planted_gh_posting_says_gh_is_missing(capsys, planted, tmp_path, monkeypatch):
    repo, marker = planted
    tools = tmp_path / "tools"  # git only: whatever gh this machine has is out of reach
    tools.mkdir()
    (tools / "git").symlink_to(shutil.which("git"))
    monkeypatch.setenv("PATH", os.pathsep.join([".", "bin", str(repo.path), str(repo.path / "bin"), str(tools)]))
    assert safe_which("gh", [repo.path]) is None
    code = main(["report", "--repo", str(repo.path), "--post", "--pr", "7"])
    err = capsys.readouterr().err
    assert code == 2 and "install gh" in err
    assert not marker.exists()


def test_triage_never_runs_a_planted_gh(planted):
    repo, marker = planted
    gh_ready(repo.path)
    assert not marker.exists()


def test_an_entry_that_is_the_current_directory_is_skipped(tmp_path, monkeypatch):
    here = tmp_path / "work"
    marker = tmp_path / "ran"
    _plant(here, marker)
    monkeypatch.chdir(here)
    monkeypatch.setenv("PATH", str(here))
    assert safe_which("gh") is None
    assert safe_which("gh", [tmp_path / "elsewhere"]) is None
