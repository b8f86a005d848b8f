"""Every item of every built-in checklist, evaluated on constructed inputs where it passes and where it does not."""

import pytest

from readiness.core.checklists.engine import Inputs, evaluate
from readiness.core.checklists.loader import builtin_checklists
from readiness.core.checklists.state import CONFIRMED, NOT_APPLICABLE, ManualEntry, relevant_digest
from readiness.core.models import Finding, GateResult, GateStatus, Severity, Status

CHECKLISTS = {c.id: c for c in builtin_checklists()}
# Rule ids as the scanners register them (the checklists refer to categories and rule-id prefixes).
RULES = frozenset({
    "todo-throw/python-stub", "missing-test/no-test-file", "missing-test/untested-function",
    "missing-test/negative-test", "missing-test/smoke-test", "missing-test/hmac-verified",
    "missing-docs/no-recovery-section", "missing-docs/missing-docstring", "silent-failure/python-swallowed",
    "silent-failure/no-baseline-signal", "printed-secret/print", "hardcoded-secret/github-token",
})
PATHS = ("pkg/payments.py", "README.md")
DIGESTS = {"pkg/payments.py": "d1", "README.md": "d2"}


def F(rule, path="pkg/payments.py", line=41, severity=Severity.ERROR, waived=False, message="problem here"):
    return Finding(id=f"id-{rule}-{path}-{line}", rule=rule, category=rule.split("/")[0], severity=severity,
                   path=path, line=line, message=message, waived=waived)


def G(gate, status, summary=""):
    return GateResult(id=gate, status=GateStatus(status), command=gate, duration_s=1.0, summary=summary)


def confirmed(key, status=CONFIRMED, note=""):
    return {key: ManualEntry(status=status, digest=relevant_digest(DIGESTS), head="a" * 40,
                             at="2024-01-02T03:04:05Z", note=note)}


def run(key, *, findings=(), gates=(), manual=None, paths=PATHS, texts=None, applicability=None, signals=None):
    checklist_id, item_id = key.split("/")
    inputs = Inputs(findings=tuple(findings), gates={g.id: g for g in gates}, manual=manual or {}, paths=paths,
                    texts=texts or {}, digests=DIGESTS, rules=RULES, applicability=applicability or {},
                    signals=signals)
    (result,) = evaluate([CHECKLISTS[checklist_id]], inputs)
    return next(i for i in result.items if i.id == item_id)


STUB = F("todo-throw/python-stub", message="refund() is a stub that raises NotImplementedError")
UNTESTED = F("missing-test/no-test-file", line=None, severity=Severity.WARNING, message="no test imports it")
NO_NEGATIVE = F("missing-test/negative-test", line=None, severity=Severity.WARNING, message="no failure-mode test")
NO_SMOKE = F("missing-test/smoke-test", path="pyproject.toml", line=None, severity=Severity.WARNING,
             message="no test runs the `payments` console script")
NO_HMAC = F("missing-test/hmac-verified", line=None, severity=Severity.WARNING, message="no tamper test")
SWALLOWED = F("silent-failure/python-swallowed", severity=Severity.WARNING, message="exception swallowed")
QUIET = F("silent-failure/no-baseline-signal", line=None, severity=Severity.INFO, message="logs nothing")
README_GAP = F("missing-docs/no-recovery-section", path="README.md", line=None, severity=Severity.WARNING,
               message="README.md has no Troubleshooting section")
DOCSTRING = F("missing-docs/missing-docstring", severity=Severity.WARNING, message="refund() has no docstring")
PRINTED = F("printed-secret/print", message="print() of shared_secret")
HMAC_TEXT = {"pkg/payments.py": "import hmac\nhmac.new(key, msg, 'sha256')\n"}
TWO_SOURCES = ("pkg/payments.py", "pkg/ledger.py")
IMPORTS = {"imports": "pkg/payments.py imports pkg/ledger.py"}  # checklists.signals: what the change touches
# What the scanners say when the subject of an item is absent (ScanResult.applicability): rule -> why not.
NO_ENTRY_POINT = {"missing-test/smoke-test": "the project declares no entry point"}
NO_HMAC_USE = {"missing-test/hmac-verified": "no changed code signs or verifies with HMAC"}

# (item, scenario, evaluation keyword arguments, expected status, a piece of the expected detail)
CASES = [
    ("ready-for-review/no-todo-throws", "clean", {}, Status.PASS, "no TODO throws in 2 files in scope"),
    ("ready-for-review/no-todo-throws", "waived and test-file stubs do not count",
     {"findings": [F("todo-throw/python-stub", waived=True),
                   F("todo-throw/python-stub", path="tests/test_x.py", severity=Severity.INFO)]},
     Status.PASS, "(1 waived)"),
    ("ready-for-review/no-todo-throws", "stub", {"findings": [STUB]}, Status.FAIL,
     "pkg/payments.py:41: refund() is a stub that raises NotImplementedError"),
    ("ready-for-review/tests-green", "green", {"gates": [G("tests", "pass", "48 passed")]}, Status.PASS,
     "tests gate passed: 48 passed"),
    ("ready-for-review/tests-green", "red", {"gates": [G("tests", "fail", "2 failed, 46 passed")]}, Status.FAIL,
     "tests gate failed: 2 failed, 46 passed"),
    ("ready-for-review/tests-green", "not run", {}, Status.MANUAL, "not run yet: `readiness check --gates tests`"),
    ("ready-for-review/metrics-baseline", "confirmed", {"manual": confirmed("ready-for-review/metrics-baseline")},
     Status.PASS, "confirmed by you on 2024-01-02"),
    ("ready-for-review/metrics-baseline", "awaiting", {}, Status.MANUAL, "confirm: new code paths log or count"),
    ("ready-for-review/metrics-baseline", "swallowed exception beats a confirmation",
     {"findings": [SWALLOWED], "manual": confirmed("ready-for-review/metrics-baseline")}, Status.FAIL,
     "pkg/payments.py:41: exception swallowed"),
    ("ready-for-review/metrics-baseline", "baseline hint only warns",
     {"findings": [QUIET], "manual": confirmed("ready-for-review/metrics-baseline")}, Status.WARN, "logs nothing"),
    ("ready-for-review/docs-usage-recovery", "complete README; docstrings are not this item",
     {"findings": [DOCSTRING]}, Status.PASS, "no docs gaps in 2 files in scope"),
    ("ready-for-review/docs-usage-recovery", "README lacks recovery", {"findings": [README_GAP]}, Status.FAIL,
     "README.md: README.md has no Troubleshooting section"),
    ("merge/unit-tests-cover-branches", "tested and covered",
     {"findings": [NO_NEGATIVE], "gates": [G("coverage", "pass", "91% of changed lines")]}, Status.PASS,
     "coverage gate passed: 91% of changed lines"),
    ("merge/unit-tests-cover-branches", "untested module", {"findings": [UNTESTED],
                                                            "gates": [G("coverage", "pass")]},
     Status.FAIL, "pkg/payments.py: no test imports it"),
    ("merge/unit-tests-cover-branches", "coverage below threshold",
     {"gates": [G("coverage", "fail", "52% of changed lines < 75%")]}, Status.FAIL, "52% of changed lines"),
    ("merge/unit-tests-cover-branches", "coverage not run", {}, Status.MANUAL, "--gates coverage"),
    ("merge/smoke-test", "smoke test present", {}, Status.PASS, "no entry points without a smoke test in 2 files in scope"),
    ("merge/smoke-test", "no smoke test", {"findings": [NO_SMOKE]}, Status.FAIL, "console script"),
    ("merge/smoke-test", "no entry point declared", {"applicability": NO_ENTRY_POINT}, Status.SKIP,
     "does not apply: the project declares no entry point"),
    ("merge/negative-test", "negative test present", {"findings": [UNTESTED]}, Status.PASS,
     "no changed modules without a negative test in 2 files in scope"),
    ("merge/negative-test", "no negative test", {"findings": [NO_NEGATIVE]}, Status.FAIL, "no failure-mode test"),
    ("merge/secret-handling", "no secret printed", {}, Status.PASS, "no printed or hard-coded secrets in 2 files"),
    ("merge/secret-handling", "secret printed", {"findings": [PRINTED]}, Status.FAIL, "print() of shared_secret"),
    ("merge/hmac-verified", "no HMAC in the change (the scanner says so)", {"applicability": NO_HMAC_USE},
     Status.SKIP, "does not apply: no changed code signs or verifies with HMAC"),
    ("merge/hmac-verified", "HMAC with a tamper test", {"texts": HMAC_TEXT}, Status.PASS, "no HMAC uses without a tamper test"),
    ("merge/hmac-verified", "HMAC without a tamper test", {"texts": HMAC_TEXT, "findings": [NO_HMAC]},
     Status.FAIL, "no tamper test"),
    ("merge/hmac-verified", "HMAC signing that never says hmac", {"findings": [NO_HMAC]}, Status.FAIL,
     "no tamper test"),  # `def sign_body(secret, ...)`: the scanner, not a word list, decides it applies
    *[(f"quality-gates/{gate}", f"{gate} passes", {"gates": [G(gate, "pass", "fine")]}, Status.PASS,
       f"{gate} gate passed: fine") for gate in ("build", "tests", "lint", "coverage", "security", "smoke",
                                                 "performance", "docs")],
    *[(f"quality-gates/{gate}", f"{gate} fails", {"gates": [G(gate, "fail", "bad")]}, Status.FAIL,
       f"{gate} gate failed: bad") for gate in ("build", "tests", "lint", "coverage", "security", "smoke",
                                                "performance", "docs")],
    ("quality-gates/lint", "ruff missing", {"gates": [G("lint", "error", "ruff not found")]}, Status.ERROR,
     "lint gate could not run: ruff not found"),
    ("quality-gates/tests", "timed out", {"gates": [G("tests", "timeout", "after 600 s")]}, Status.FAIL,
     "tests gate timed out: after 600 s"),
    ("quality-gates/performance", "no baseline recorded",
     {"gates": [G("performance", "skip", "no baseline: record benchmarks/baseline.json")]}, Status.WARN,
     "performance gate skipped: no baseline"),
    ("quality-gates/build", "nothing to build", {"gates": [G("build", "skip", "no Python files in scope")]},
     Status.SKIP, "build gate skipped: no Python files in scope"),
    ("quality-gates/tests", "untrusted repository",
     {"gates": [G("tests", "skip", "untrusted: run `readiness trust`")]}, Status.MANUAL,
     "tests gate not run: untrusted: run `readiness trust`"),
    ("implemented/public-contracts", "tests green and confirmed",
     {"gates": [G("tests", "pass")], "manual": confirmed("implemented/public-contracts", note="walked the CLI")},
     Status.PASS, "confirmed by you on 2024-01-02: walked the CLI"),
    ("implemented/public-contracts", "a confirmation cannot outvote red tests",
     {"gates": [G("tests", "fail", "1 failed")], "manual": confirmed("implemented/public-contracts")},
     Status.FAIL, "tests gate failed: 1 failed"),
    ("implemented/no-placeholder-throws", "clean", {}, Status.PASS, "no TODO throws"),
    ("implemented/no-placeholder-throws", "stub", {"findings": [STUB, F("todo-throw/python-stub", line=58)]},
     Status.FAIL, "2 TODO throws in pkg/payments.py:41, :58"),
    ("implemented/durable-persistence", "confirmed", {"manual": confirmed("implemented/durable-persistence")},
     Status.PASS, "confirmed by you"),
    ("implemented/durable-persistence", "nothing persisted",
     {"manual": confirmed("implemented/durable-persistence", NOT_APPLICABLE, "no storage in this change")},
     Status.SKIP, "marked not applicable on 2024-01-02: no storage in this change"),
    ("implemented/durable-persistence", "awaiting", {}, Status.MANUAL, "confirm: state changes are written"),
    ("implemented/observability", "confirmed", {"manual": confirmed("implemented/observability")}, Status.PASS,
     "no silent failures in 2 files in scope"),
    ("implemented/observability", "swallowed", {"findings": [SWALLOWED]}, Status.FAIL, "exception swallowed"),
    ("implemented/tests-protect", "protected", {"gates": [G("tests", "pass", "9 passed")]}, Status.PASS,
     "no missing tests"),
    ("implemented/tests-protect", "no failure-mode test", {"findings": [NO_NEGATIVE], "gates": [G("tests", "pass")]},
     Status.FAIL, "no failure-mode test"),
    ("implemented/rollout", "ready", {"manual": confirmed("implemented/rollout")}, Status.PASS, "confirmed"),
    ("implemented/rollout", "awaiting", {}, Status.MANUAL, "confirm: the rollout plan"),
    ("minimum-per-feature/unit-tests", "covered", {"gates": [G("coverage", "pass", "88%")]}, Status.PASS, "88%"),
    ("minimum-per-feature/unit-tests", "untested function",
     {"findings": [F("missing-test/untested-function", severity=Severity.WARNING, message="refund() untested")],
      "gates": [G("coverage", "pass")]}, Status.FAIL, "refund() untested"),
    ("minimum-per-feature/component-test", "one module changed",
     {"paths": ("pkg/payments.py", "tests/test_p.py"), "signals": {}},
     Status.SKIP, "does not apply: no two changed source files import each other"),
    ("minimum-per-feature/component-test", "two modules and a component test",
     {"paths": (*TWO_SOURCES, "tests/component/test_refund_flow__posts_ledger.py"), "signals": IMPORTS}, Status.PASS,
     "changed: tests/component/test_refund_flow__posts_ledger.py"),
    ("minimum-per-feature/component-test", "two modules, no component test", {"paths": TWO_SOURCES,
                                                                              "signals": IMPORTS},
     Status.MANUAL, "confirm: a component test drives the modules"),
    ("minimum-per-feature/smoke-test", "started", {"gates": [G("smoke", "pass", "2 entry points start")]},
     Status.PASS, "smoke gate passed"),
    ("minimum-per-feature/smoke-test", "entry point crashes", {"gates": [G("smoke", "fail", "payments --help: 1")]},
     Status.FAIL, "payments --help: 1"),
    ("minimum-per-feature/smoke-test", "no entry point: the pending gate is not asked for",
     {"applicability": NO_ENTRY_POINT}, Status.SKIP, "does not apply: the project declares no entry point"),
    ("minimum-per-feature/smoke-test", "no entry point, but configured smoke commands ran and failed",
     {"applicability": NO_ENTRY_POINT, "gates": [G("smoke", "fail", "./serve --help: 2")]}, Status.FAIL,
     "./serve --help: 2"),
    ("minimum-per-feature/contract-test", "contract test changed",
     {"paths": ("pkg/payments.py", "tests/contract/test_report_json__schema.py")}, Status.PASS,
     "changed: tests/contract/test_report_json__schema.py"),
    ("minimum-per-feature/contract-test", "confirmed by hand", {"manual": confirmed("minimum-per-feature/contract-test")},
     Status.PASS, "confirmed by you"),
    ("minimum-per-feature/contract-test", "awaiting", {}, Status.MANUAL, "confirm: a contract test covers"),
]


@pytest.mark.parametrize(("key", "scenario", "kwargs", "status", "detail"), CASES,
                         ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_builtin_item(key, scenario, kwargs, status, detail):
    item = run(key, **kwargs)
    assert item.status == status, item.detail
    assert detail in item.detail
    assert "\n" not in item.detail
    assert item.why and item.how


def test_every_builtin_item_has_a_passing_and_a_not_passing_case():
    keys = {f"{c.id}/{i.id}" for c in CHECKLISTS.values() for i in c.items}
    passing = {c[0] for c in CASES if c[3] == Status.PASS}
    open_ = {c[0] for c in CASES if c[3] in (Status.FAIL, Status.MANUAL)}
    assert keys - passing == set(), "items without a passing case"
    assert keys - open_ == set(), "items without a failing or awaiting case"


def test_failing_items_link_the_findings_behind_them():
    item = run("ready-for-review/no-todo-throws", findings=[STUB, F("todo-throw/python-stub", line=58)])
    assert item.finding_ids == (STUB.id, "id-todo-throw/python-stub-pkg/payments.py-58")


def _refs(check):
    yield from check.refs if check.kind == "findings" else ()
    yield from check.exclude
    for child in check.children:
        yield from _refs(child)


def test_every_rule_reference_of_the_builtins_names_an_installed_rule():
    from readiness.core.scan.scanners import all_rules

    installed = set(all_rules())
    for checklist in CHECKLISTS.values():
        for entry in checklist.items:
            refs = [*_refs(entry.check), *(entry.applies_when.findings if entry.applies_when else ())]
            for ref in refs:
                hits = [r for r in installed if (r.startswith(ref) if "/" in ref else r.split("/")[0] == ref)]
                assert hits, f"{checklist.id}/{entry.id} refers to {ref!r}, which no installed rule provides"
