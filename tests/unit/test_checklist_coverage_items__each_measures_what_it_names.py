"""Issue 12, Found: "Unit tests cover new decision branches" was measured with line coverage, and the per-feature
item said 80 % while the gate used 75 %. Each coverage item now judges the measure it names: branches (merge),
changed functions at 80 % (minimum-per-feature), changed lines at the gate's 75 % (quality-gates)."""

import pytest

from readiness.core.checklists.engine import Inputs, evaluate
from readiness.core.checklists.loader import builtin_checklists, parse_checklist
from readiness.core.errors import ConfigError
from readiness.core.gates.store import result_from, result_to
from readiness.core.models import GateResult, GateStatus, Status

CHECKLISTS = builtin_checklists()


def coverage(status, lines, branches, functions, summary="x% of changed lines covered"):
    return GateResult(id="coverage", status=GateStatus(status), command="coverage", duration_s=1.0, summary=summary,
                      measures=(("lines", *lines), ("branches", *branches), ("functions", *functions)))


def items(gate):
    results = evaluate(CHECKLISTS, Inputs(gates={"coverage": gate}, paths=("pkg/a.py",)))
    return {f"{c.id}/{i.id}": i for c in results for i in c.items}


def test_branches_decide_the_merge_item_not_lines():
    # 90 % of the changed lines ran (the gate passes), but only half of the new decision branches were taken
    got = items(coverage("pass", (9, 10), (3, 6), (2, 2)))
    merge = got["merge/unit-tests-cover-branches"]
    assert merge.status == Status.FAIL
    assert merge.detail == "50.0% of decision branches of changed lines taken (3/6, at least 75%)"
    assert got["quality-gates/coverage"].status == Status.PASS


def test_changed_functions_at_80_percent_decide_the_per_feature_item():
    # the gate passes at 75 % of lines; 3 of 4 changed functions entered is 75 %, below the item's 80 %
    got = items(coverage("pass", (8, 10), (4, 4), (3, 4)))
    item = got["minimum-per-feature/unit-tests"]
    assert item.status == Status.FAIL
    assert item.detail == "75.0% of changed functions entered by the tests (3/4, at least 80%)"
    got = items(coverage("fail", (7, 10), (4, 4), (4, 5)))
    assert got["minimum-per-feature/unit-tests"].status == Status.PASS  # 80 % of functions, although lines fail
    assert got["quality-gates/coverage"].status == Status.FAIL  # the gate's own 75 % of lines


def test_a_coverage_gate_that_could_not_run_is_an_error_for_every_coverage_item():
    gate = GateResult(id="coverage", status=GateStatus.ERROR, command="coverage", duration_s=1.0,
                      summary="no coverage to measure: the tests never ran (pytest exit 4, usage error): …")
    got = items(gate)
    for key in ("merge/unit-tests-cover-branches", "minimum-per-feature/unit-tests", "quality-gates/coverage"):
        assert got[key].status == Status.ERROR, key
        assert "coverage gate could not run: no coverage to measure: the tests never ran" in got[key].detail


def test_nothing_to_measure_passes_and_a_result_without_the_measure_falls_back_to_the_gate():
    got = items(coverage("pass", (3, 3), (0, 0), (1, 1)))
    assert got["merge/unit-tests-cover-branches"].status == Status.PASS
    assert "nothing to measure" in got["merge/unit-tests-cover-branches"].detail
    old = GateResult(id="coverage", status=GateStatus.FAIL, command="c", duration_s=1.0, summary="50.0% of lines")
    assert items(old)["merge/unit-tests-cover-branches"].status == Status.FAIL


def test_measures_survive_the_gate_store():
    gate = coverage("pass", (9, 10), (3, 6), (2, 2))
    assert result_from(result_to(gate)).measures == gate.measures


@pytest.mark.parametrize(("check", "message"), [
    ('{ gate = "coverage", measure = "statements" }', "measure must be one of lines, branches, functions"),
    ('{ gate = "coverage", measure = "branches", at_least = 120 }', "at_least must be a percentage from 0 to 100"),
])
def test_a_bad_measure_is_one_clear_error(check, message):
    text = f'schema_version = 1\nid = "team"\ntitle = "T"\n\n[[items]]\nid = "cov"\ntitle = "C"\ncheck = {check}\n'
    with pytest.raises(ConfigError) as caught:
        parse_checklist(text, "checklists/team.toml")
    assert str(caught.value).startswith("checklists/team.toml:8: ")
    assert message in str(caught.value)


def test_a_quick_suite_over_60_seconds_passes_with_a_warning():
    from readiness.core.gates.tests import slow_suite_note

    assert slow_suite_note(59.6) == ""
    note = slow_suite_note(75.2)
    assert note == "; the quick suite took 75 s, over the 60 s target: mark slow tests `@pytest.mark.slow`"

    def tests_gate(seconds):
        return GateResult(id="tests", status=GateStatus.PASS, command="pytest", duration_s=1.0,
                          summary="12 passed" + slow_suite_note(seconds), measures=(("duration_s", seconds, 60),))

    results = evaluate(CHECKLISTS, Inputs(gates={"tests": tests_gate(75)}, paths=("pkg/a.py",)))
    got = {f"{c.id}/{i.id}": i for c in results for i in c.items}
    assert got["quality-gates/tests"].status == Status.WARN
    assert got["quality-gates/tests"].detail.startswith("tests gate passed, too slowly: 12 passed; the quick suite")
    results = evaluate(CHECKLISTS, Inputs(gates={"tests": tests_gate(41)}, paths=("pkg/a.py",)))
    assert next(i for c in results for i in c.items if i.id == "tests").status == Status.PASS
