"""Step 1 suggests the class from evidence: a failing build gate → build; missing modules, executables, refused
connections, denied permissions → environment; timeouts and HTTP/DB errors in integration tests → integration;
assertion failures → logic. No evidence, or nothing recognisable, suggests nothing."""

from __future__ import annotations

import secrets
import string

import pytest

from readiness.core.triage.flow import Evidence, classify_evidence, suggest_class

PYTEST_ASSERT = """\
FAILED tests/test_money.py::test_round - assert 10.0 == 10.01
E       assert 10.0 == 10.01
"""


@pytest.mark.parametrize(("evidence", "klass", "reason_part"), [
    (Evidence("gate build", "pkg/x.py:3:1: error: invalid syntax", gate="build"), "build", "gate build failed"),
    (Evidence("gate build", "", gate="build"), "build", "see its output"),
    (Evidence("build.log", '  File "x.py", line 2\nSyntaxError: invalid syntax'), "build", "SyntaxError"),
    (Evidence("gate tests", "E   ModuleNotFoundError: No module named 'psycopg'", gate="tests"), "environment",
     "ModuleNotFoundError"),
    (Evidence("ci.log", "/bin/sh: 1: shellcheck: not found"), "environment", "shellcheck"),
    (Evidence("ci.log", "bash: ruff: command not found"), "environment", "command not found"),
    (Evidence("ci.log", "FileNotFoundError: [Errno 2] No such file or directory: 'pg_ctl'"), "environment",
     "pg_ctl"),
    (Evidence("pytest.log", "psycopg.OperationalError: connection refused"), "environment", "connection refused"),
    (Evidence("deploy.log", "cp: cannot create regular file '/opt/app': Permission denied"), "environment",
     "Permission denied"),
    (Evidence("gate lint", "ruff: executable not on PATH", status="error", gate="lint"), "environment",
     "ruff: executable"),
    (Evidence("integration.log", "requests.exceptions.ReadTimeout: read timed out"), "integration", "ReadTimeout"),
    (Evidence("pytest.log", "FAILED tests/integration/test_api.py::test_get - HTTPError: 503 Service Unavailable"),
     "integration", "503"),
    (Evidence("gate tests", "sqlalchemy.exc.OperationalError: database is locked", gate="tests",
              integration=True), "integration", "sqlalchemy"),
    (Evidence("gate integration", "", status="timeout", gate="integration"), "integration", "timed out"),
    (Evidence("pytest.log", PYTEST_ASSERT), "logic", "assert 10.0 == 10.01"),
    (Evidence("go.log", "--- FAIL: TestRound (0.00s)"), "logic", "FAIL: TestRound"),
])
def test_suggestion(evidence: Evidence, klass: str, reason_part: str) -> None:
    suggestion = suggest_class([evidence])
    assert suggestion is not None
    assert suggestion.klass == klass
    assert reason_part in suggestion.reason


@pytest.mark.parametrize("evidence", [
    [],
    [Evidence("gate tests", "E   ModuleNotFoundError: x", status="pass", gate="tests")],
    [Evidence("gate tests", "", status="skip", gate="tests")],
    [Evidence("notes.txt", "everything is fine, 12 passed")],
    [Evidence("gate tests", "", status="timeout", gate="tests")],
])
def test_no_suggestion_without_recognisable_failure(evidence: list[Evidence]) -> None:
    assert suggest_class(evidence) is None


def test_priority_build_then_environment_then_integration_then_logic() -> None:
    evidence = [
        Evidence("pytest.log", PYTEST_ASSERT),
        Evidence("integration.log", "ConnectTimeout"),
        Evidence("gate tests", "ModuleNotFoundError: No module named 'x'", gate="tests"),
        Evidence("gate build", "compilation failed", gate="build"),
    ]
    assert [s.klass for s in classify_evidence(evidence)] == ["build", "environment", "integration", "logic"]
    assert [s.klass for s in classify_evidence(evidence[:3])] == ["environment", "integration", "logic"]


def test_connection_refused_in_integration_tests_is_environment() -> None:
    evidence = [Evidence("integration.log", "ConnectionRefusedError: [Errno 111] Connection refused")]
    assert suggest_class(evidence).klass == "environment"


def test_secret_in_evidence_is_masked_in_the_reason() -> None:
    token = "gh" + "p_" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(36))
    suggestion = suggest_class([Evidence("ci.log", f"PermissionError: token {token} was rejected")])
    assert suggestion.klass == "environment"
    assert token not in suggestion.reason and token[6:20] not in suggestion.reason


def test_long_reason_is_shortened() -> None:
    suggestion = suggest_class([Evidence("ci.log", "Permission denied " + "x" * 1000)])
    assert len(suggestion.reason) <= 200
