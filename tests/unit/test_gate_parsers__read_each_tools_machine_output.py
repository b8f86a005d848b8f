"""Each gate's parser turns its tool's machine-readable output into counts; malformed reports raise ValueError."""

from __future__ import annotations

import json

import pytest

from readiness.core.gates import build, coverage, lint, security, smoke, tests
from readiness.core.gates.base import format_ranges

COMPILEALL = """\
*** Error compiling 'pkg/bad.py'...
  File "pkg/bad.py", line 3
    def f(:
          ^
SyntaxError: invalid syntax

*** Error compiling 'pkg/tabs.py'...
Sorry: TabError: inconsistent use of tabs and spaces in indentation (tabs.py, line 2)
"""


def test_compileall_errors_name_file_line_and_exception():
    errors = build.parse_compileall(COMPILEALL)
    assert [(e.path, e.line) for e in errors] == [("pkg/bad.py", 3), ("pkg/tabs.py", None)]
    assert errors[0].message == "SyntaxError: invalid syntax"
    assert build.parse_compileall("") == []


def test_shellcheck_json1_counts_errors_and_warnings():
    report = {"comments": [
        {"file": "a.sh", "line": 2, "level": "error", "code": 1073, "message": "Couldn't parse"},
        {"file": "a.sh", "line": 5, "level": "warning", "code": 2034, "message": "unused"},
        {"file": "b.sh", "line": 1, "level": "style", "code": 2006, "message": "backticks"},
    ]}
    errors, others = build.parse_shellcheck(json.dumps(report))
    assert [str(e) for e in errors] == ["a.sh:2: SC1073: Couldn't parse"]
    assert others == 2
    with pytest.raises(ValueError):
        build.parse_shellcheck("In a.sh line 2: not json")


def test_ruff_json_paths_are_made_relative_and_severity_kept(tmp_path):
    report = [
        {"code": "F401", "message": "`os` imported but unused", "filename": str(tmp_path / "pkg" / "a.py"),
         "location": {"row": 1, "column": 8}, "end_location": {"row": 1, "column": 10}},
        {"code": None, "name": "invalid-syntax", "message": "Expected ')'", "filename": str(tmp_path / "b.py"),
         "location": {"row": 4, "column": 1}, "end_location": {"row": 6, "column": 1}, "severity": "error"},
        {"code": "X1", "message": "advice", "filename": "c.py", "location": {"row": 2, "column": 1},
         "severity": "warning"},
    ]
    found = lint.parse_ruff(json.dumps(report), str(tmp_path))
    assert [(e.path, e.line, e.end_line, e.code, e.severity) for e in found] == [
        ("pkg/a.py", 1, 1, "F401", "error"), ("b.py", 4, 6, "invalid-syntax", "error"),
        ("c.py", 2, 2, "X1", "warning")]
    with pytest.raises(ValueError):
        lint.parse_ruff('{"not": "a list"}', str(tmp_path))


JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" errors="1" failures="2" skipped="1" tests="7" time="0.1">
<testcase classname="tests.test_a" name="test_ok" time="0.001"/>
<testcase classname="tests.test_a" name="test_bad"><failure message="assert 1 == 2">...</failure></testcase>
<testcase classname="tests.test_a" name="test_worse"><failure message="boom"/></testcase>
<testcase classname="tests.test_b" name="test_setup"><error message="fixture"/></testcase>
<testcase classname="tests.test_b" name="test_skip"><skipped message="later"/></testcase>
</testsuite></testsuites>"""


def test_junit_counts_and_failing_test_names():
    counts = tests.parse_junit(JUNIT)
    assert (counts.tests, counts.failures, counts.errors, counts.skipped, counts.passed) == (7, 2, 1, 1, 3)
    assert counts.failed == ["tests.test_a::test_bad", "tests.test_a::test_worse", "tests.test_b::test_setup"]
    assert counts.reasons == {"tests.test_a::test_bad": "failed: assert 1 == 2", "tests.test_a::test_worse":
                              "failed: boom", "tests.test_b::test_setup": "error: fixture"}
    assert counts.describe() == "1 error, 2 failed, 3 passed, 1 skipped"
    single = tests.parse_junit('<testsuite tests="2" failures="0" errors="0" skipped="0"/>')
    assert single.passed == 2 and single.describe() == "2 passed"
    for bad in ("", "<html/>", "<testsuites><unclosed>"):
        with pytest.raises(ValueError):
            tests.parse_junit(bad)


def test_bandit_json_normalises_paths_and_severities():
    report = {"errors": [{"filename": "./broken.py", "reason": "syntax error while parsing AST from file"}],
              "results": [
                  {"filename": "./pkg/a.py", "line_number": 4, "line_range": [4, 5], "issue_severity": "HIGH",
                   "issue_confidence": "HIGH", "test_id": "B324", "issue_text": "Use of weak MD5 hash"},
                  {"filename": "pkg/a.py", "line_number": 1, "issue_severity": "LOW", "issue_confidence": "HIGH",
                   "test_id": "B404", "issue_text": "subprocess"}]}
    issues, errors = security.parse_bandit(json.dumps(report))
    assert [(i.path, i.line, i.lines, i.severity, i.test_id) for i in issues] == [
        ("pkg/a.py", 4, (4, 5), "high", "B324"), ("pkg/a.py", 1, (1,), "low", "B404")]
    assert errors == ["broken.py: syntax error while parsing AST from file"]
    with pytest.raises(ValueError):
        security.parse_bandit("[]")


def test_changed_line_coverage_by_hand():
    """a.py: executable 1,2,3,5,8,9; missed 3,8,9; changed lines 2,3,4,9 → executable changed 2,3,9, of which
    only 2 is covered. new.py (untracked, every line changed): executable 1,2,4, missed 4 → 3 lines, 2 covered.
    old.py: no changed line; gone.py: not in the changes at all. Total 6 changed executable lines, 3 covered: 50%."""
    files = {
        "a.py": coverage.FileCoverage(frozenset({1, 2, 3, 5, 8, 9}), frozenset({3, 8, 9})),
        "new.py": coverage.FileCoverage(frozenset({1, 2, 4}), frozenset({4})),
        "old.py": coverage.FileCoverage(frozenset({1}), frozenset({1})),
        "gone.py": coverage.FileCoverage(frozenset({1, 2}), frozenset({1, 2})),
    }
    result = coverage.changed_coverage(files, {"a.py": frozenset({2, 3, 4, 9}), "new.py": None,
                                               "old.py": frozenset()})
    assert (result.total, result.covered) == (6, 3)
    assert result.percent == 50.0
    assert result.uncovered == {"a.py": (3, 9), "new.py": (4,)}


def test_coverage_report_shapes_are_both_understood():
    helper = {"files": {"a.py": {"executable_lines": [1, 2, 3], "missing_lines": [3]}}, "omitted": ["x.py"],
              "errors": {"y.py": "NoSource: gone"}}
    files, omitted, errors = coverage.parse_report(json.dumps(helper))
    assert files["a.py"] == coverage.FileCoverage(frozenset({1, 2, 3}), frozenset({3}))
    assert omitted == ["x.py"] and errors == {"y.py": "NoSource: gone"}
    native = {"files": {"b.py": {"executed_lines": [1, 4], "missing_lines": [2]}}}
    files, _, _ = coverage.parse_report(json.dumps(native))
    assert files["b.py"].executable == frozenset({1, 2, 4})


def test_console_scripts_from_pep621_and_poetry():
    text = """
[project.scripts]
mytool = "mypkg.cli:main"
other = "mypkg.other:App.run [extra]"
[tool.poetry.scripts]
legacy = "mypkg.legacy:main"
mytool = "ignored:because_pep621_wins"
table = { callable = "mypkg.t:main" }
broken = "no_colon"
"""
    scripts = smoke.console_scripts(text)
    assert [(s.name, s.target) for s in scripts] == [
        ("legacy", "mypkg.legacy:main"), ("mytool", "mypkg.cli:main"), ("other", "mypkg.other:App.run [extra]"),
        ("table", "mypkg.t:main")]
    assert smoke.console_scripts("not = [toml") == []


def test_line_ranges_are_compacted():
    assert format_ranges([7, 1, 2, 3, 10, 11]) == "1-3, 7, 10-11"
    assert format_ranges([]) == ""
