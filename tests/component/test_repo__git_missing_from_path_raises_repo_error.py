"""Without git on PATH the repository cannot be read: say so in one line instead of a GitPython ImportError."""

from __future__ import annotations

import pytest

from readiness.core.errors import RepoError
from readiness.core.repo import open_repository


def test_git_missing_from_path_is_a_repo_error(git_repo, tmp_path, monkeypatch):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("initial")
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))
    with pytest.raises(RepoError, match="git not found on PATH") as info:
        open_repository(git_repo.path)
    assert "\n" not in str(info.value)
