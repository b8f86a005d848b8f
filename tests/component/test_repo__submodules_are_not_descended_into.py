"""A submodule is a pointer, not content: its files are never listed, changed, read or grepped."""

from __future__ import annotations

import pytest

from readiness.core.repo import open_repository


@pytest.fixture(scope="module")
def superproject(make_git_repo):
    sub = make_git_repo("sub")
    sub.write("inner.py", "TODO_MARKER = 1\n")
    sub.commit("sub initial")
    sup = make_git_repo("super")
    sup.write("top.py", "x = 1\n")
    sup.commit("initial")
    sup.git("checkout", "-q", "-b", "feature")
    sup.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(sub.path), "libs/sub")
    sup.commit("add submodule")
    inner = type(sup)(sup.path / "libs" / "sub")
    inner.write("inner.py", "TODO_MARKER = 2\n")
    inner.write("untracked_inner.py", "TODO_MARKER = 3\n")
    inner.commit("moved pointer")
    return sup


def test_submodule_files_are_not_listed(superproject):
    with open_repository(superproject.path) as repo:
        assert repo.submodules() == ["libs/sub"]
        assert repo.all_paths() == [".gitmodules", "top.py"]


def test_submodule_changes_are_not_in_scope(superproject):
    with open_repository(superproject.path) as repo:
        assert repo.base == "main"
        assert sorted(repo.changes()) == [".gitmodules"]


def test_grep_does_not_enter_the_submodule(superproject, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "submodule.recurse")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "true")
    with open_repository(superproject.path) as repo:
        assert repo.grep("TODO_MARKER") == []
        assert sorted(repo.changes()) == [".gitmodules"]
