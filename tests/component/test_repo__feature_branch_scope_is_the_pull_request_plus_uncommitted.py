"""A feature branch off main: committed, staged, unstaged and untracked changes are all in scope with the right
line numbers; lines changed only on the base (after the branch point) are not."""

from __future__ import annotations

import pytest

from readiness.core.repo import open_repository

TEN = "".join(f"line {n}\n" for n in range(1, 11))


def _with(text: str, **replace: str) -> str:
    lines = text.splitlines(keepends=True)
    for key, value in replace.items():
        lines[int(key[1:]) - 1] = value
    return "".join(lines)


@pytest.fixture(scope="module")
def feature(make_git_repo):
    repo = make_git_repo()
    repo.write("a.py", TEN)
    repo.write("b.py", TEN)
    repo.write("gone.py", TEN)
    repo.write("shrink.sql", "-- header\nselect 1;\n-- footer\n")
    repo.write("logo.png", b"\x89PNG\r\n\x1a\n\0\0\0")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("a.py", _with(TEN, l3="changed 3\n"))
    repo.write("c.py", "brand new\nfile\n")
    repo.write("shrink.sql", "select 1;\n++ not a header\n")
    repo.write("logo.png", b"\x89PNG\r\n\x1a\n\0\0\1")
    repo.git("rm", "-q", "gone.py")
    repo.commit("feature work")
    repo.git("checkout", "-q", "main")  # main moves on after the branch point
    repo.write("b.py", _with(TEN, l1="main only\n"))
    repo.write("main_only.py", "x\n")
    repo.commit("main work")
    repo.git("checkout", "-q", "feature")
    repo.write("a.py", _with(TEN, l3="changed 3\n", l5="staged 5\n"))
    repo.git("add", "a.py")
    repo.write("a.py", _with(TEN, l3="changed 3\n", l5="staged 5\n", l8="unstaged 8\n"))
    repo.write("staged_new.py", "s\n")
    repo.git("add", "staged_new.py")
    repo.write("untracked.py", "u\n")
    repo.write("b.py", TEN + "appended 11\n")
    return repo


@pytest.fixture(scope="module")
def changes(feature):
    with open_repository(feature.path) as repo:
        assert repo.branch == "feature"
        assert repo.base == "main"
        assert repo.merge_base == feature.git("merge-base", "main", "feature").strip()
        return repo.changes()


def test_paths_in_scope(changes):
    assert sorted(changes) == ["a.py", "b.py", "c.py", "gone.py", "logo.png", "shrink.sql", "staged_new.py",
                               "untracked.py"]


def test_committed_staged_and_unstaged_lines_of_a_modified_file(changes):
    assert changes["a.py"].status == "M"
    assert changes["a.py"].lines == frozenset({3, 5, 8})
    assert (changes["a.py"].added, changes["a.py"].removed) == (3, 3)


def test_lines_changed_only_on_the_base_are_out_of_scope(changes):
    assert changes["b.py"].lines == frozenset({11})
    assert "main_only.py" not in changes


def test_new_files_are_wholly_in_scope(changes):
    assert (changes["c.py"].status, changes["c.py"].lines) == ("A", None)
    assert (changes["staged_new.py"].status, changes["staged_new.py"].lines) == ("A", None)
    assert (changes["untracked.py"].status, changes["untracked.py"].lines) == ("?", None)


def test_a_deleted_file_has_no_lines(changes):
    assert changes["gone.py"].status == "D"
    assert changes["gone.py"].lines == frozenset()


def test_removed_and_added_lines_that_look_like_diff_headers(changes):
    """`-- header` removed shows as `--- header`, `++ x` added as `+++ x`: content, not file headers."""
    assert changes["shrink.sql"].status == "M"
    assert changes["shrink.sql"].lines == frozenset({2})


def test_a_changed_binary_file_is_listed(changes):
    assert changes["logo.png"].status == "M"
    assert changes["logo.png"].lines is None
