"""A developer's git configuration (prefixes, colours, hunk merging, external diff, grep columns) must not change
which files and lines are in scope."""

from __future__ import annotations

import pytest

from readiness.core.repo import open_repository

HOSTILE = {
    "diff.noprefix": "true",
    "diff.mnemonicPrefix": "true",
    "diff.interHunkContext": "20",
    "diff.context": "5",
    "diff.renames": "false",
    "diff.external": "false",
    "color.ui": "always",
    "color.diff": "always",
    "color.grep": "always",
    "grep.column": "true",
    "grep.lineNumber": "false",
    "grep.patternType": "fixed",
    "grep.fullName": "true",
    "core.quotePath": "true",
    "status.showUntrackedFiles": "no",
}


@pytest.fixture(scope="module")
def repo(make_git_repo):
    repo = make_git_repo()
    repo.write("a.py", "".join(f"line {n}\n" for n in range(1, 21)))
    repo.write("old.py", "moved\ncontent\nhere\n")
    repo.commit("initial")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("a.py", "".join(f"{'EDIT' if n in (3, 7) else 'line'} {n}\n" for n in range(1, 21)))
    repo.git("mv", "old.py", "nëw.py")
    repo.write("untracked.py", "EDIT 1\n")
    return repo


def _results(path):
    with open_repository(path) as repo:
        return repo.changes(), sorted(repo.grep("EDIT [0-9]+")), repo.all_paths()


def test_hostile_user_config_gives_the_same_results(repo, monkeypatch):
    expected = _results(repo.path)
    assert expected[0]["a.py"].lines == frozenset({3, 7})
    assert ("a.py", 3, "EDIT 3") in expected[1]
    monkeypatch.setenv("GIT_CONFIG_COUNT", str(len(HOSTILE)))
    for index, (key, value) in enumerate(HOSTILE.items()):
        monkeypatch.setenv(f"GIT_CONFIG_KEY_{index}", key)
        monkeypatch.setenv(f"GIT_CONFIG_VALUE_{index}", value)
    assert _results(repo.path) == expected
