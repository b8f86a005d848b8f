"""grep.prefetch: after one pass over the test files for many literals, each question about some of them (lines,
whole words, a confirming pattern) gets the rows its own `git grep` gives; a question outside what was searched
(another literal, another file, more than one alternation of literals) still asks git."""

from __future__ import annotations

import re
import subprocess

import pytest

from readiness.core.scan._source import grep as grep_mod
from readiness.core.scan._source.grep import grep_literals, grep_words, prefetch

FILES = {
    "pkg/refunds.py": "def refund(order):\n    return order\n",  # held by the scan: searched in memory
    "tests/test_a.py": "from pkg.refunds import refund\r\nrefund(1)  # refund twice\nx = 'é' + 'pkg.refunds'\n",
    "tests/test_b.py": "import pkg.refunds as r\nr.refund_all()\nnothing\n",
    "tests/test_c.py": "unrelated = 1\n",
    "tests/data.txt": "refund in a fixture\nrefunded",
    "docs/guide.md": "refund\n",
}
TESTS = ["tests/data.txt", "tests/test_a.py", "tests/test_b.py", "tests/test_c.py"]
QUESTIONS = [["refund"], ["pkg.refunds", "é"], ["refund_all", "nothing"], ["refunded"], ["absent"], ["unrelated", "refund"]]


@pytest.fixture
def context(module_scan_context):
    ctx = module_scan_context(FILES)
    ctx.files = [f for f in ctx.files if f.path == "pkg/refunds.py"]  # the scan holds only the changed file
    # two tests tracked, the others untracked: git still gives the files by path
    subprocess.run(["git", "add", "tests/test_c.py", "tests/test_b.py"], cwd=ctx.repo.root, check=True,
                   capture_output=True)
    return ctx


def _answers(ctx):
    orders = (TESTS, TESTS[1:3], [*TESTS, "pkg/refunds.py"], TESTS[::-1])  # git's order whatever the files' order
    lines = [grep_literals(ctx, words, files) for words in QUESTIONS for files in orders]
    confirmed = grep_literals(ctx, ["refund"], TESTS, re.compile(r"^refund\("))
    words = [grep_words(ctx, words, TESTS) for words in QUESTIONS]
    return lines, confirmed, words


@pytest.mark.parametrize("chunk", [800, 2])  # 2: several git calls per question, each giving its files by path
def test_prefetched_answers_equal_git_grep_answers(context, monkeypatch, chunk):
    monkeypatch.setattr(grep_mod, "_CHUNK", chunk)
    expected = _answers(context)
    prefetch(context, ["refund", "pkg.refunds", "é", "refund_all", "nothing", "refunded", "absent", "extra", "unrelated"],
             [*TESTS, "pkg/refunds.py"])
    calls: list[str] = []
    real = context.repo.grep
    monkeypatch.setattr(context.repo, "grep", lambda pattern, specs=(): calls.append(pattern) or real(pattern, specs))
    assert _answers(context) == expected
    assert calls == []  # every question was answered from the kept lines
    assert chunk == 2 or expected[0][0] == [("tests/data.txt", 1, "refund in a fixture"), ("tests/data.txt", 2, "refunded"),
                              ("tests/test_a.py", 1, "from pkg.refunds import refund\r"),
                              ("tests/test_a.py", 2, "refund(1)  # refund twice"),
                              ("tests/test_a.py", 3, "x = 'é' + 'pkg.refunds'"),
                              ("tests/test_b.py", 1, "import pkg.refunds as r"), ("tests/test_b.py", 2, "r.refund_all()")]


def test_questions_outside_the_prefetch_ask_git(context, monkeypatch):
    prefetch(context, ["refund"], TESTS)
    calls: list[str] = []
    real = context.repo.grep
    monkeypatch.setattr(context.repo, "grep", lambda pattern, specs=(): calls.append(pattern) or real(pattern, specs))
    assert grep_literals(context, ["nothing"], TESTS) == [("tests/test_b.py", 3, "nothing")]  # another literal
    assert grep_literals(context, ["refund"], ["docs/guide.md"]) == [("docs/guide.md", 1, "refund")]  # another file
    assert len(calls) == 2
    monkeypatch.setattr(grep_mod, "_LITERAL_CHUNK", 1)  # two alternations: git repeats lines, so git answers
    assert len(grep_literals(context, ["refund", "refunds"], TESTS)) == 10  # 7 + 3 repeated
    assert len(calls) == 4


def test_folders_holding_only_the_files_searched_are_one_pathspec():
    paths = ["a/t1.py", "a/t2.py", "a/sub/t3.py", "b/t4.py", "b/other.md", "c/deep/t5.py", "top.py"]
    specs = grep_mod._covering(frozenset({"a/t1.py", "a/t2.py", "a/sub/t3.py", "b/t4.py", "c/deep/t5.py"}), paths)
    assert specs == [":(literal)a/", ":(literal)b/t4.py", ":(literal)c/"]
    assert grep_mod._covering(frozenset({"top.py", "x/unknown.py"}), paths) == [":(literal)top.py",
                                                                                ":(literal)x/unknown.py"]


def test_a_folder_with_another_file_is_searched_file_by_file(context):
    prefetch(context, ["refund", "unrelated"], TESTS[1:])  # tests/data.txt left out: tests/ is not one pathspec
    assert grep_literals(context, ["refund"], TESTS[1:]) == [
        ("tests/test_a.py", 1, "from pkg.refunds import refund\r"), ("tests/test_a.py", 2, "refund(1)  # refund twice"),
        ("tests/test_a.py", 3, "x = 'é' + 'pkg.refunds'"), ("tests/test_b.py", 1, "import pkg.refunds as r"),
        ("tests/test_b.py", 2, "r.refund_all()")]
