"""Paths git quotes (spaces, tabs, quotes, backslashes, newlines, non-ASCII, non-UTF-8 bytes) keep their exact
names and line numbers in changes(), read() and grep()."""

from __future__ import annotations

import os

import pytest

from readiness.core.repo import open_repository

NAMES = [
    "with space.py",
    "tab\there.py",
    'quote"d.py',
    "back\\slash.py",
    "new\nline.py",
    "naïve café.py",
    "日本語/ファイル 名.py",
    "mixed\t日本.py",
    os.fsdecode(b"bad-\xff.py"),
    "-dash.py",
]
BODY = "".join(f"line {n}\n" for n in range(1, 6))
EDITED = BODY.replace("line 2\n", "MARK 2\n").replace("line 4\n", "MARK 4\n")


@pytest.fixture(scope="module")
def repo(make_git_repo):
    repo = make_git_repo()
    for name in NAMES:
        repo.write(name, BODY)
    repo.commit("initial")
    repo.git("checkout", "-q", "-b", "feature")
    for name in NAMES:
        repo.write(name, EDITED)
        repo.write("untracked " + name.replace("/", "_"), "MARK untracked\n")
    with open_repository(repo.path) as opened:
        yield opened


def test_changes_keep_exact_paths_and_lines(repo):
    changes = repo.changes()
    for name in NAMES:
        assert changes[name].status == "M", name
        assert changes[name].lines == frozenset({2, 4}), name
        assert changes["untracked " + name.replace("/", "_")].status == "?"
    assert len(changes) == 2 * len(NAMES)


def test_read_opens_every_path(repo):
    for name in NAMES:
        assert repo.read(name, 1024).text == EDITED, name


def test_grep_reports_exact_paths_and_line_numbers(repo):
    hits = repo.grep("MARK [0-9]")
    assert sorted(hits) == sorted((name, n, f"MARK {n}") for name in NAMES for n in (2, 4))


def test_all_paths_keep_exact_names(repo):
    assert set(NAMES) <= set(repo.all_paths())


def test_renamed_file_with_an_unusual_name(make_git_repo):
    git_repo = make_git_repo()
    git_repo.write("old name.py", BODY)
    git_repo.commit("initial")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.git("mv", "old name.py", "new\tnäme.py")
    git_repo.write("new\tnäme.py", EDITED)
    with open_repository(git_repo.path) as repo:
        changes = repo.changes()
    assert list(changes) == ["new\tnäme.py"]
    assert changes["new\tnäme.py"].lines == frozenset({2, 4})
