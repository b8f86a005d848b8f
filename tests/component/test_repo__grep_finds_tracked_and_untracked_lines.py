"""grep() returns (path, line, text) for tracked and untracked files, never ignored or binary ones."""

from __future__ import annotations

import pytest

from readiness.core.repo import open_repository


@pytest.fixture(scope="module")
def repo(make_git_repo):
    repo = make_git_repo()
    repo.write(".gitignore", "*.log\n")
    repo.write("src/tracked.py", "a = 1\n# TODO: fix: this: now\nb = 2\n")
    repo.write("docs/notes.md", "TODO later\n--verbose is a flag\n")
    repo.commit("initial")
    repo.write("src/untracked.py", "\n\n\nraise NotImplementedError  # TODO\n")
    repo.write("app.log", "TODO in an ignored file\n")
    repo.write("blob.bin", b"TODO\0binary")
    repo.write("src/staged.py", "x = 'TODO'\n")
    repo.git("add", "src/staged.py")
    with open_repository(repo.path) as opened:
        yield opened


def test_tracked_staged_and_untracked_hits(repo):
    assert sorted(repo.grep("TODO")) == [
        ("docs/notes.md", 1, "TODO later"),
        ("src/staged.py", 1, "x = 'TODO'"),
        ("src/tracked.py", 2, "# TODO: fix: this: now"),
        ("src/untracked.py", 4, "raise NotImplementedError  # TODO"),
    ]


def test_pathspecs_restrict_the_search(repo):
    assert [hit[0] for hit in repo.grep("TODO", ["src/*.py"])] == ["src/staged.py", "src/tracked.py",
                                                                   "src/untracked.py"]


def test_extended_regex_and_no_hits(repo):
    assert repo.grep(r"^[ab] = [0-9]+$") == [("src/tracked.py", 1, "a = 1"), ("src/tracked.py", 3, "b = 2")]
    assert repo.grep("no such text anywhere") == []


def test_a_pattern_that_looks_like_an_option_is_a_pattern(repo):
    assert repo.grep("--verbose") == [("docs/notes.md", 2, "--verbose is a flag")]
    assert repo.grep("--open-files-in-pager") == []
