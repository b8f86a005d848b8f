"""todo-throw: CRLF and tab-indented files report the right lines; junk, huge lines and bad syntax never crash."""

from __future__ import annotations

from fakes import EmptyRepository
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.core.scan.base import ScanContext, SourceFile, language_of
from readiness.core.scan.scanners.todo_throw import SCANNER


def findings(path: str, text: str):
    ctx = ScanContext(files=[SourceFile(path, text, language=language_of(path))], repo=EmptyRepository())
    return [(f.rule.split("/", 1)[1], f.line) for f in SCANNER.scan(ctx)]


def test_crlf_python_reports_the_raise_line():
    text = "import os\r\n\r\nclass Pay:\r\n    def refund(self):\r\n        raise NotImplementedError\r\n"
    assert findings("pay.py", text) == [("python-stub", 5)]


def test_crlf_other_language_reports_the_throw_line():
    text = "class Pay {\r\n  /* a\r\n  comment */\r\n  void f() { throw new NotImplementedException(); }\r\n}\r\n"
    assert findings("Pay.cs", text) == [("csharp", 4)]


def test_tab_indented_python():
    text = "class Pay:\n\tdef refund(self):\n\t\t'''Doc.'''\n\t\traise NotImplementedError\n"
    assert findings("pay.py", text) == [("python-stub", 4)]


def test_mixed_tabs_in_a_nested_branch_are_not_stubs():
    text = "def f(x):\n\tif x:\n\t\treturn 1\n\traise NotImplementedError\n"
    assert findings("pay.py", text) == [("python-unfinished-branch", 4)]  # a branch of new code, not a stub


def test_unparseable_file_still_reports_by_line_patterns():
    text = "def broken(:\n    pass\n\ndef refund(self):\n    raise NotImplementedError\n\nclass X(\n"
    assert findings("pay.py", text) == [("python-stub", 5)]


def test_replacement_characters_and_null_bytes():
    text = "def f\ufffd():\n    raise NotImplementedError\n\x00\ndef g():\n    raise NotImplementedError  # TODO\n"
    assert ("python-stub", 5) in findings("pay.py", text)


def test_huge_lines_and_long_files_do_not_crash():
    long_line = "x = '" + "a" * 200_000 + "'\n"
    text = long_line + "def f():\n    raise NotImplementedError\n" + "y = 1\n" * 50_000
    assert findings("pay.py", text) == [("python-stub", 3)]
    assert findings("pay.js", "x" * 300_000 + "\nthrow new Error('TODO');\n") == [("javascript", 2)]


def test_unterminated_strings_and_comments():
    assert findings("pay.py", 'def f():\n    raise NotImplementedError("""\n') == [("python-stub", 2)]
    assert findings("pay.go", 'package p\n/* never closed\npanic("TODO")\n') == []
    assert findings("pay.rs", 'fn f() { todo!() }\nlet s = "never closed\n') == [("rust", 1)]


def test_raise_at_end_of_file_without_newline():
    assert findings("pay.py", "def f():\n    raise NotImplementedError") == [("python-stub", 2)]


CANDIDATE_WORDS = st.sampled_from([
    "raise NotImplementedError", "raise NotImplementedError(", "def f():", "class A(B):", "    ", "\t", "\n", "\r\n",
    "# TODO", '"""', "'''", '"', "'", "(", ")", "@abstractmethod", "raise RuntimeError('TODO')", "todo!()", "???",
    "throw new Error('not implemented')", "/*", "*/", "//", "`", "panic(\"TODO\")", "\\", ":", "async def g(", "\x00",
    "\ufffd", "r#\"", "NotImplemented", "TODO()", "@overload", "class P(Protocol):", "else:", "if x:",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CANDIDATE_WORDS, max_size=60), st.sampled_from(["a.py", "A.java", "a.kt", "a.scala", "a.cs",
                                                                 "a.go", "a.rs", "a.ts", "a.swift", "a.c", "a.pyi"]))
def test_never_crashes_on_random_input(words, path):
    text = "".join(words)
    for rule, line in findings(path, text):
        assert rule and 1 <= line <= len(text.split("\n"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["a.py", "a.rs", "a.js", "a.cs"]))
def test_never_crashes_on_arbitrary_text(text, path):
    findings(path, "def f():\n    raise NotImplementedError\n" + text)
