"""memory_grep: the literal search over the files a scan holds gives the rows `git grep` gives for them.

A full scan searches its own files in memory instead of starting `git grep` per question (issue 14); the scanners
must see the same (path, line, text) rows either way: CRLF lines, non-ASCII text, several hits on a line, a last
line without a newline, a file the scan does not hold (asked of git), a literal with ERE metacharacters.
"""

from __future__ import annotations

import pytest

from readiness.core.scan._source.grep import ere_alternation, grep_literals, grep_words
from readiness.core.scan._source.memory_grep import held_files, literal_lines

FILES = {
    "pkg/a.py": "import os\nx = 'é' ; import sys  # import twice\n\nfrom pkg import b",
    "pkg/b.py": "def f():\r\n    return a.b(1)\r\n",
    "pkg/c.txt": "nothing here\n",
    "tests/test_a.py": "from pkg.a import x\nassert x\n",
}
WORDS = ["import", "a.b(", "é", "assert"]


@pytest.fixture
def context(module_scan_context):
    return module_scan_context(FILES)


def test_rows_equal_git_grep_on_the_same_files(context):
    paths = sorted(FILES)
    held, rest = held_files(context, paths)
    assert {f.path for f in held} == set(FILES) and rest == []
    from_git = sorted(context.repo.grep(ere_alternation(WORDS), [":(literal)" + p for p in paths]))
    assert sorted(literal_lines(held, WORDS)) == from_git
    assert sorted(grep_literals(context, WORDS, paths)) == from_git


def test_a_file_the_scan_does_not_hold_is_asked_of_git(context):
    context.repo.root.joinpath("pkg/d.txt").write_text("import later\n", encoding="utf-8")  # after the scan read
    assert held_files(context, ["pkg/d.txt", "pkg/c.txt"])[1] == ["pkg/d.txt"]
    assert grep_literals(context, ["import", "here"], ["pkg/d.txt", "pkg/c.txt"]) == [
        ("pkg/c.txt", 1, "nothing here"), ("pkg/d.txt", 1, "import later")]


def test_grep_words_finds_whole_words_in_memory_and_in_git(context):
    seen = grep_words(context, {"os", "sys", "twice", "b", "nope", "later"}, sorted(FILES))
    assert seen == {"os", "sys", "twice", "b"}


def test_no_literals_or_no_files_find_nothing(context):
    assert grep_literals(context, [], sorted(FILES)) == []
    assert literal_lines([], WORDS) == []
    assert grep_words(context, set(), sorted(FILES)) == set()


def test_files_git_attributes_make_binary_are_left_to_git(module_scan_context):
    context = module_scan_context({".gitattributes": "tests/** -diff\n", "pkg/foo.py": "def foo():\n    return 1\n",
                                   "tests/test_bar.py": "from pkg.foo import foo\n"})
    held, rest = held_files(context, ["pkg/foo.py", "tests/test_bar.py"])
    assert [f.path for f in held] == ["pkg/foo.py"] and rest == ["tests/test_bar.py"]
    paths = ["pkg/foo.py", "tests/test_bar.py"]
    from_git = sorted(context.repo.grep(ere_alternation(["foo"]), [":(literal)" + p for p in paths]))
    assert sorted(grep_literals(context, ["foo"], paths)) == from_git == [("pkg/foo.py", 1, "def foo():")]
