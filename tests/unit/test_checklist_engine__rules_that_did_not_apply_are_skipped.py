"""A findings check none of whose rules applied to the run (the scanners' `applicability`) is `skip` with the
scanner's reason, not a `pass` that checked nothing; an `all` whose findings checks all did not apply does not ask
for a pending gate or confirmation, but a result that exists still counts."""

from readiness.core.checklists.engine import Inputs, evaluate
from readiness.core.checklists.loader import parse_checklist
from readiness.core.models import Finding, GateResult, GateStatus, Severity, Status

RULES = frozenset({"missing-test/no-test-file", "missing-test/smoke-test", "missing-test/hmac-verified",
                   "silent-failure/python-swallowed", "silent-failure/no-baseline-signal"})
NO_ENTRY = "the project declares no entry point"
NEEDS = "no source file in scope has logic that needs a test"


def item(check: str, **inputs):
    checklist = parse_checklist(f'schema_version = 1\nid = "c"\ntitle = "C"\n\n[[items]]\nid = "i"\ntitle = "I"\n'
                                f"check = {check}\n", "c.toml")
    (result,) = evaluate([checklist], Inputs(paths=("a.py",), rules=RULES, **inputs))
    return result.items[0]


def F(rule, severity=Severity.WARNING):
    return Finding(id=f"{rule}@a.py", rule=rule, category=rule.split("/")[0], severity=severity, path="a.py", line=None,
                   message=f"{rule} here")


def G(gate, status, summary=""):
    return GateResult(id=gate, status=GateStatus(status), command=gate, duration_s=1.0, summary=summary)


SMOKE = '{ findings = ["missing-test/smoke"], severity = "info" }'


def test_rule_that_did_not_apply_is_skipped_with_the_scanners_reason():
    result = item(SMOKE, applicability={"missing-test/smoke-test": NO_ENTRY})
    assert (result.status, result.detail) == (Status.SKIP, f"does not apply: {NO_ENTRY}")


def test_rule_that_applied_or_is_unknown_passes_as_before():
    for applicability in ({"missing-test/smoke-test": None}, {}):
        assert item(SMOKE, applicability=applicability).status == Status.PASS


def test_a_finding_proves_the_rule_applied():
    result = item(SMOKE, applicability={"missing-test/smoke-test": NO_ENTRY}, findings=(F("missing-test/smoke-test"),))
    assert result.status == Status.FAIL


def test_one_covered_rule_that_applied_is_enough_and_excluded_rules_do_not_count():
    applicability = {"missing-test/no-test-file": NEEDS, "missing-test/smoke-test": None,
                     "missing-test/hmac-verified": "no changed code signs or verifies with HMAC"}
    assert item('{ findings = ["missing-test"] }', applicability=applicability).status == Status.PASS
    skipped = item('{ findings = ["missing-test"], exclude = ["missing-test/smoke"] }', applicability=applicability)
    assert (skipped.status, skipped.detail) == (Status.SKIP, f"does not apply: {NEEDS}")  # the first rule's reason


def test_rules_without_an_answer_are_taken_to_apply():
    applicability = {"silent-failure/no-baseline-signal": "no changed code does I/O or handles an error"}
    assert item('{ findings = ["silent-failure"] }', applicability=applicability).status == Status.PASS
    hint = item('{ findings = ["silent-failure/no-baseline-signal"], severity = "info" }', applicability=applicability)
    assert hint.status == Status.SKIP


def test_all_skips_a_pending_gate_when_its_findings_checks_did_not_apply():
    check = '{ all = [{ findings = ["missing-test/smoke"], severity = "info" }, { gate = "smoke" }] }'
    pending = item(check, applicability={"missing-test/smoke-test": NO_ENTRY})
    assert (pending.status, pending.detail) == (Status.SKIP, f"does not apply: {NO_ENTRY}")
    ran = item(check, applicability={"missing-test/smoke-test": NO_ENTRY}, gates={"smoke": G("smoke", "fail", "boom")})
    assert ran.status == Status.FAIL and "boom" in ran.detail
    applies = item(check, applicability={"missing-test/smoke-test": None})
    assert applies.status == Status.MANUAL  # the gate has not run yet


def test_all_with_one_applicable_findings_check_still_asks_for_the_confirmation():
    check = ('{ all = [{ findings = ["silent-failure"] }, { findings = ["silent-failure/no-baseline-signal"], '
             'severity = "info", on_findings = "warn" }, { manual = "confirm: handled errors are logged" }] }')
    result = item(check, applicability={"silent-failure/no-baseline-signal": "no changed code does I/O"})
    assert result.status == Status.MANUAL
    assert "confirm: handled errors are logged" in result.detail
