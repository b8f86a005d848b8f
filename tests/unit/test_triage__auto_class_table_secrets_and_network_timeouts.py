"""`--class auto` from a table (issue 12, Found 8 and item 9): a hard-coded secret is a credential that belongs in the
environment (environment), a printed secret a code path to fix (logic); a network timeout is an external boundary in
integration tests (integration) and the machine's network anywhere else (environment), never logic."""

from __future__ import annotations

import pytest

from readiness.core.triage.evidence import FINDING_CLASS, FINDING_TABLE, findings_evidence
from readiness.core.triage.flow import Evidence, suggest_class

SECRET_ROWS = [
    ("hardcoded-secret", "environment", "security: the credential belongs in the environment"),
    ("printed-secret", "logic", "security: a code path prints or logs a secret"),
    ("todo-throw", "logic", "a message"),
    ("silent-failure", "logic", "a message"),
]


@pytest.mark.parametrize(("category", "klass", "why"), SECRET_ROWS)
def test_finding_categories_map_to_their_class(category, klass, why):
    evidence = findings_evidence([(category, "error", "pkg/settings.py", 3, "a message")])
    suggestion = suggest_class(evidence)
    assert suggestion is not None and suggestion.klass == klass and why in suggestion.reason


def test_every_finding_category_has_a_class_and_a_reason():
    assert set(FINDING_CLASS) == set(FINDING_TABLE)
    assert all(klass in ("build", "environment", "integration", "logic") for klass, _ in FINDING_TABLE.values())


TIMEOUT_ROWS = [
    # (evidence, class)
    (Evidence("pytest.log", "requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='api.example.com'): "
                            "Max retries exceeded"), "environment"),
    (Evidence("gate tests", "E   urllib3.exceptions.ReadTimeoutError: read timed out", gate="tests"), "environment"),
    (Evidence("gate tests", "E   socket.timeout: timed out\nE   assert False", gate="tests"), "environment"),
    (Evidence("pytest.log", "httpx.ConnectTimeout: connection timed out"), "environment"),
    (Evidence("ci.log", "dial tcp 10.0.0.5:5432: connect: connection timed out (ETIMEDOUT)"), "environment"),
    (Evidence("pytest.log", "tests/integration/test_api.py::test_get - requests.exceptions.ReadTimeout"),
     "integration"),
    (Evidence("gate tests", "E   requests.exceptions.ConnectTimeout: timed out", gate="tests", integration=True),
     "integration"),
]


@pytest.mark.parametrize(("evidence", "klass"), TIMEOUT_ROWS)
def test_network_timeouts_are_integration_or_environment_never_logic(evidence, klass):
    suggestion = suggest_class([evidence])
    assert suggestion is not None and suggestion.klass == klass
    assert "network timeout" in suggestion.reason or klass == "integration"


def test_a_secret_never_appears_in_the_reason(fake_secrets):
    import random

    token = fake_secrets["github-token"][0](random.Random(12))
    evidence = findings_evidence([("hardcoded-secret", "error", "pkg/settings.py", 3, f"token {token}")])
    suggestion = suggest_class(evidence)
    assert suggestion is not None and token not in suggestion.reason
