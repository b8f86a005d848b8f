"""A repository owned by someone else (CVE-2022-24765): refuse and tell the user the safe.directory command."""

from __future__ import annotations

import pytest

from readiness.core.errors import RepoError
from readiness.core.repo import open_repository


def test_dubious_ownership_is_refused_with_the_safe_directory_hint(git_repo, monkeypatch):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("initial")
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
    with pytest.raises(RepoError) as info:
        open_repository(git_repo.path)
    message = str(info.value)
    assert "dubious ownership" in message
    assert "safe.directory" in message
    assert "\n" not in message
