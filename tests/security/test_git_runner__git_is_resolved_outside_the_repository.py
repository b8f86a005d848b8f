"""`git_executable`: the git readiness runs is found on PATH without relative entries (".", "bin") and without
folders inside the repository; an absolute folder the user put on PATH outside the repository still counts (also
when it lies under the current directory, e.g. ~/bin while working in ~)."""

from __future__ import annotations

import os
import shutil

import pytest

from readiness.core.errors import RepoError
from readiness.core.git_cli import git_executable


def _fake_git(folder):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "git"
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


def test_relative_and_in_repository_entries_are_skipped(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    _fake_git(repo)
    _fake_git(repo / "bin")
    real = shutil.which("git")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PATH", os.pathsep.join([".", "bin", "", str(repo / "bin"), os.path.dirname(real)]))
    found = git_executable([repo])
    assert os.path.samefile(found, real) and os.path.isabs(found)


def test_an_absolute_folder_under_the_current_directory_outside_the_repository_counts(tmp_path, monkeypatch):
    home = tmp_path / "home"
    mine = _fake_git(home / "bin")
    monkeypatch.chdir(home)
    monkeypatch.setenv("PATH", str(home / "bin"))
    assert git_executable([tmp_path / "elsewhere" / "repo"]) == str(mine)


def test_no_git_left_is_one_clear_error(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    _fake_git(repo)
    monkeypatch.setenv("PATH", os.pathsep.join([".", str(repo)]))
    with pytest.raises(RepoError, match="git not found on PATH"):
        git_executable([repo])
