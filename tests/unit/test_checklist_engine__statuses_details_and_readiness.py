"""The engine's rules beyond the built-ins: combinations, floors, filters, preconditions, staleness, readiness."""

from readiness.core.checklists.engine import Inputs, checklists_ready, evaluate
from readiness.core.checklists.loader import parse_checklist
from readiness.core.checklists.state import CONFIRMED, ManualEntry, relevant_digest
from readiness.core.models import ChecklistResult, Finding, GateResult, GateStatus, ItemResult, Severity, Status


def checklist(check: str, extra: str = ""):
    return parse_checklist(f'schema_version = 1\nid = "c"\ntitle = "C"\n\n[[items]]\nid = "i"\ntitle = "I"\n'
                           f"check = {check}\n{extra}", "c.toml")


def item(check: str, extra: str = "", **inputs) -> ItemResult:
    (result,) = evaluate([checklist(check, extra)], Inputs(**inputs))
    return result.items[0]


def F(rule, path="a.py", line=1, severity=Severity.ERROR, waived=False):
    return Finding(id=f"{rule}@{path}:{line}", rule=rule, category=rule.split("/")[0], severity=severity, path=path,
                   line=line, message=f"{rule} here", waived=waived)


def test_many_findings_are_counted_with_a_few_locations():
    found = [F("todo-throw/python-stub", "pkg/a.py", n) for n in (3, 9)] + [F("todo-throw/java", "B.java", 4),
                                                                          F("todo-throw/go", "c.go", 7)]
    result = item('{ findings = ["todo-throw"] }', findings=found, paths=("pkg/a.py", "B.java", "c.go"))
    assert result.status == Status.FAIL
    assert result.detail == "4 TODO throws in pkg/a.py:3, :9, B.java:4 +1 more"
    assert len(result.finding_ids) == 4


def test_severity_floor_exclude_and_paths_filter_findings():
    found = [F("missing-test/negative-test", severity=Severity.WARNING), F("missing-test/naming", severity=Severity.INFO),
             F("missing-test/untested-module", path="docs/x.md", severity=Severity.WARNING)]
    assert item('{ findings = ["missing-test"], exclude = ["missing-test/negative"] }', findings=found,
                paths=("a.py",)).status == Status.FAIL  # the untested module
    assert item('{ findings = ["missing-test"], exclude = ["missing-test/negative"], paths = ["*.py"] }',
                findings=found).status == Status.PASS
    assert item('{ findings = ["missing-test/naming"], severity = "warning" }', findings=found).status == Status.PASS
    assert item('{ findings = ["missing-test/naming"], severity = "info" }', findings=found).status == Status.FAIL


def test_rule_references_match_by_prefix_and_categories_exactly():
    found = [F("missing-test/negative-test")]
    assert item('{ findings = ["missing-test/negative"] }', findings=found).status == Status.FAIL
    assert item('{ findings = ["missing-test/hmac"] }', findings=found).status == Status.PASS
    assert item('{ findings = ["missing-docs"] }', findings=found).status == Status.PASS


def test_a_reference_no_installed_rule_provides_is_an_error_not_a_pass():
    result = item('{ findings = ["missing-test/hmac"] }', rules={"todo-throw/python-stub"})
    assert result.status == Status.ERROR
    assert result.detail == "cannot check: no installed rule provides missing-test/hmac"
    assert item('{ findings = ["missing-test/hmac"] }', rules={"missing-test/hmac-verified"}).status == Status.PASS


def test_all_reports_the_worst_and_any_the_best():
    gates = {"lint": GateResult("lint", GateStatus.PASS, "ruff", 0.1, "0 errors"),
             "tests": GateResult("tests", GateStatus.FAIL, "pytest", 2.0, "1 failed")}
    both = '[{ gate = "lint" }, { gate = "tests" }, { manual = "confirm: x" }]'
    result = item(f"{{ all = {both} }}", gates=gates)
    assert (result.status, result.detail) == (Status.FAIL, "tests gate failed: 1 failed; confirm: x")
    result = item(f"{{ any = {both} }}", gates=gates)
    assert (result.status, result.detail) == (Status.PASS, "lint gate passed: 0 errors")
    assert item('{ all = [{ gate = "lint" }, { gate = "build" }] }', gates=gates).status == Status.MANUAL


def test_skipped_children_do_not_count_and_all_skipped_is_skip():
    skipped = {"security": GateResult("security", GateStatus.SKIP, "bandit", 0.0, "no Python files in scope")}
    assert item('{ all = [{ gate = "security" }, { changed = ["*.py"] }] }', gates=skipped,
                paths=("a.py",)).status == Status.PASS
    assert item('{ all = [{ gate = "security" }] }', gates=skipped).status == Status.SKIP


def test_applies_when_conditions():
    when = '\n[items.applies_when]\nchanged = ["*.py"]\nexclude = ["tests/*"]\nchanged_at_least = 2\n'
    check = '{ changed = ["tests/*"] }'
    assert item(check, when, paths=("a.py", "tests/test_a.py")).detail == \
        "does not apply: fewer than 2 files in scope match *.py"
    assert item(check, when, paths=("a.py", "b.py", "tests/t.py")).status == Status.PASS
    text = '\n[items.applies_when]\nchanged_text = "hmac"\n'
    assert item(check, text, paths=("a.py",), texts={"a.py": "x = 1"}).detail == \
        "does not apply: no file in scope matches /hmac/"
    assert item(check, text, paths=("a.py",), texts={"a.py": "import hmac"}).status == Status.FAIL
    words = '\n[items.applies_when]\nchanged_words = ["HMAC", "compare_digest"]\n'
    assert item(check, words, paths=("a.py",), texts={"a.py": "x = 1"}).detail == \
        "does not apply: no file in scope mentions hmac or compare_digest"
    assert item(check, words, paths=("A.java",), texts={"A.java": "Mac.getInstance(\"HmacSHA256\")"}).status == \
        Status.FAIL
    found = '\n[items.applies_when]\nfindings = ["silent-failure/no-baseline"]\n'
    assert item(check, found).status == Status.SKIP
    hint = F("silent-failure/no-baseline-signal", severity=Severity.INFO, waived=True)
    assert item(check, found, findings=[hint]).status == Status.FAIL


def test_a_confirmation_is_stale_when_the_covered_files_change():
    digests = {"a.py": "1", "README.md": "1"}
    entry = ManualEntry(CONFIRMED, relevant_digest(digests, ["*.md"]), "h" * 40, "2024-01-02T03:04:05Z", "read it")
    check = '{ manual = "confirm: docs read well", paths = ["*.md"] }'
    fresh = item(check, manual={"c/i": entry}, digests=digests)
    assert (fresh.status, fresh.detail) == (Status.PASS, "confirmed by you on 2024-01-02: read it")
    assert item(check, manual={"c/i": entry}, digests={**digests, "a.py": "2"}).status == Status.PASS  # not covered
    stale = item(check, manual={"c/i": entry}, digests={**digests, "README.md": "2"})
    assert stale.status == Status.MANUAL
    assert stale.detail.startswith("stale: files changed since you confirmed on 2024-01-02")
    assert "readiness checklist check c i" in stale.detail
    assert item(check, manual={"c/i": entry}, digests={**digests, "docs.md": "1"}).status == Status.MANUAL


def test_evaluation_is_pure():
    inputs = Inputs(findings=(F("todo-throw/python-stub"),), paths=("a.py",))
    spec = [checklist('{ findings = ["todo-throw"] }')]
    assert evaluate(spec, inputs) == evaluate(spec, inputs)


def _result(cid, *statuses):
    return ChecklistResult(cid, cid, tuple(ItemResult(f"i{n}", "t", s, "") for n, s in enumerate(statuses)))


def test_readiness_counts_failures_of_required_checklists_and_manual_only_when_strict():
    results = [_result("ready-for-review", Status.PASS, Status.MANUAL, Status.WARN, Status.SKIP, Status.ERROR),
               _result("implemented", Status.FAIL)]
    required = ("ready-for-review", "merge")
    assert checklists_ready(results, required) is True
    assert checklists_ready(results, required, strict=True) is False
    assert checklists_ready(results, ("implemented",)) is False
    assert checklists_ready([_result("merge", Status.FAIL)], required) is False


def test_a_label_names_the_findings_in_details():
    check = '{ findings = ["silent-failure/no-baseline-signal"], severity = "info", label = "quiet code paths" }'
    quiet = [F("silent-failure/no-baseline-signal", "a.py", n, Severity.INFO) for n in (1, 2)]
    assert item(check, findings=quiet).detail == "2 quiet code paths in a.py:1, :2"
    assert item(check, paths=("a.py",)).detail == "no quiet code paths in 1 file in scope"


def test_locations_name_each_place_once():
    from readiness.core.checklists.engine import _locations
    from readiness.core.models import Finding, Severity

    def finding(rule, path, line):
        return Finding(id=f"{rule}{path}{line}", rule=rule, category="missing-test", severity=Severity.ERROR,
                       path=path, line=line, message="m")

    found = [finding("missing-test/no-test-file", "a.py", None), finding("missing-test/negative-test", "a.py", None),
             finding("missing-test/no-test-file", "b.py", None)]
    assert _locations(found) == "a.py, b.py"
