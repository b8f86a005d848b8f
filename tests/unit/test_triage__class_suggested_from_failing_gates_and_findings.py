"""When no output names the problem, a failing gate or the findings still suggest a class: lint and smoke →
build, tests, coverage, security, performance and docs → logic, findings → logic. What an output says (an
assertion, a missing module) always comes first, and a gate that passed or was skipped suggests nothing."""

from __future__ import annotations

import pytest

from readiness.core.triage.flow import (
    Context,
    Evidence,
    Triage,
    TriageError,
    classify_evidence,
    findings_evidence,
    suggest_class,
)


@pytest.mark.parametrize(("gate", "summary", "klass"), [
    ("lint", "2 errors on changed lines (S110, BLE001)", "build"),
    ("smoke", "0/1 command passed: calc --help exited 1", "build"),
    ("tests", "1 failed, 3 passed", "logic"),
    ("coverage", "6.2% of changed lines covered (1/16, threshold 75%)", "logic"),
    ("security", "0 HIGH (also 2 low); 2 secrets", "logic"),
    ("performance", "hot path 30% slower than the baseline", "logic"),
    ("docs", "2 missing-docs findings at warning or above", "logic"),
])
def test_a_failing_gate_alone_suggests_its_usual_class(gate, summary, klass) -> None:
    suggestion = suggest_class([Evidence(f"gate {gate}", summary, gate=gate)])
    assert suggestion is not None
    assert suggestion.klass == klass
    assert suggestion.reason == f"gate {gate} failed: {summary}"


def test_what_the_output_says_comes_before_what_a_gate_usually_means() -> None:
    evidence = [Evidence("gate lint", "1 error on changed lines (F401)", gate="lint"),
                Evidence("gate tests", "E   ModuleNotFoundError: No module named 'psycopg'", gate="tests")]
    assert [s.klass for s in classify_evidence(evidence)] == ["environment", "build"]
    assert "ModuleNotFoundError" in suggest_class(evidence).reason


def test_the_weightier_gate_wins_among_gates_that_say_nothing_more() -> None:
    evidence = [Evidence("gate docs", "1 missing-docs finding", gate="docs"),
                Evidence("gate security", "1 secret", gate="security"),
                Evidence("gate lint", "1 error", gate="lint")]
    assert [s.klass for s in classify_evidence(evidence)] == ["build", "logic"]
    assert classify_evidence(evidence)[1].reason == "gate security failed: 1 secret"


@pytest.mark.parametrize("status", ["pass", "skip"])
def test_gates_that_did_not_fail_suggest_nothing(status) -> None:
    assert suggest_class([Evidence("gate lint", "2 errors", status=status, gate="lint")]) is None


def test_findings_are_evidence_grouped_by_category_errors_first() -> None:
    rows = [("missing-docs", "warning", "README.md", None, "no recovery section"),
            ("missing-docs", "warning", "pkg/a.py", 3, "no docstring"),
            ("todo-throw", "error", "pkg/cart.py", 13, "discount() is a stub"),
            ("silent-failure", "info", "pkg/b.py", 1, "below warning: ignored")]
    evidence = findings_evidence(rows)
    assert [(e.source, e.category) for e in evidence] == [("1 todo-throw finding", "todo-throw"),
                                                          ("2 missing-docs findings", "missing-docs")]
    suggestion = suggest_class(evidence)
    assert suggestion.klass == "logic"
    assert suggestion.reason == "1 todo-throw finding: pkg/cart.py:13: discount() is a stub"


def test_a_failing_gate_outweighs_findings() -> None:
    evidence = [*findings_evidence([("todo-throw", "error", "a.py", 1, "stub")]),
                Evidence("gate lint", "1 error", gate="lint")]
    assert suggest_class(evidence).klass == "build"


def test_auto_without_a_class_in_the_evidence_says_the_evidence_points_nowhere() -> None:
    t = Triage.start(Context(evidence=(Evidence("notes.txt", "all fine"),)))
    with pytest.raises(TriageError, match="the evidence does not point to a class"):
        t.classify("auto", "x")
