"""A gate that has not run is not a confirmation awaiting you: the verdict and every checklist's summary line
(`readiness.core.checklists.tally`) count it apart, once per gate. An item made of a gate and a confirmation
(`implemented/public-contracts`: all of the tests gate and a manual check) is counted once as gate not run AND once
as awaiting you while the confirmation is missing, since running the gate will not settle it; once confirmed it is
only the gate; once the gate passes too it is settled. Built-in checklists evaluated by the real engine."""

from __future__ import annotations

import pytest

from readiness.core.checklists.engine import Inputs, evaluate
from readiness.core.checklists.loader import builtin_checklists
from readiness.core.checklists.state import CONFIRMED, ManualEntry, relevant_digest
from readiness.core.checklists.tally import Tally, awaits_you, tally, waits_for_gates
from readiness.core.models import ChecklistResult, GateResult, GateStatus, ItemResult, Severity, Status
from readiness.core.pipeline.verdict import decide

CHECKLISTS = {c.id: c for c in builtin_checklists()}
DIGESTS = {"pkg/api.py": "d1"}
CONTRACT = {"contract": "pkg/api.py changes the public signature of charge()"}


def _gate(status: str, summary: str = "") -> GateResult:
    return GateResult(id="tests", status=GateStatus(status), command="pytest", duration_s=1.0, summary=summary)


def _confirmed(key: str) -> dict[str, ManualEntry]:
    return {key: ManualEntry(status=CONFIRMED, digest=relevant_digest(DIGESTS), head="a" * 40,
                             at="2024-01-02T03:04:05Z")}


def _implemented(gates=(), manual=None) -> ChecklistResult:
    inputs = Inputs(gates={g.id: g for g in gates}, manual=manual or {}, paths=("pkg/api.py",), digests=DIGESTS,
                    signals=CONTRACT)
    (result,) = evaluate([CHECKLISTS["implemented"]], inputs)
    return result


def _contracts(result: ChecklistResult) -> ItemResult:
    return next(i for i in result.items if i.id == "public-contracts")


def test_an_item_waiting_for_a_gate_and_a_confirmation_counts_as_both():
    result = _implemented()
    item = _contracts(result)
    assert item.status == Status.MANUAL and item.awaits_confirmation
    assert waits_for_gates(item, {}) == ["tests"] and awaits_you(item, {})
    verdict = decide([], [result], [], required=("implemented",))
    assert (verdict.awaiting, verdict.gates_not_run) == (1, 1)
    assert verdict.ready and verdict.sentence() == "✔ ready: 1 awaiting you, 1 gate not run"
    strict = decide([], [result], [], required=("implemented",), strict=True)
    assert not strict.ready
    assert any("public-contracts" in r and "awaiting your confirmation" in r for r in strict.reasons)
    assert "tests gate not run (strict: every required item must be settled)" in strict.reasons
    assert tally(result, []).awaiting == 1 and tally(result, []).gates_not_run == 1


def test_once_confirmed_only_the_gate_is_missing():
    result = _implemented(manual=_confirmed("implemented/public-contracts"))
    item = _contracts(result)
    assert item.status == Status.MANUAL and not item.awaits_confirmation
    assert not awaits_you(item, {})
    verdict = decide([], [result], [], required=("implemented",))
    assert (verdict.awaiting, verdict.gates_not_run) == (0, 1)


def test_once_the_gate_passes_only_the_confirmation_is_missing():
    gates = [_gate("pass", "12 passed")]
    result = _implemented(gates=gates)
    item = _contracts(result)
    assert item.status == Status.MANUAL and waits_for_gates(item, {"tests": gates[0]}) == []
    verdict = decide([], [result], gates, required=("implemented",))
    assert (verdict.awaiting, verdict.gates_not_run) == (1, 0)


def test_gate_passed_and_confirmed_is_settled():
    gates = [_gate("pass", "12 passed")]
    result = _implemented(gates=gates, manual=_confirmed("implemented/public-contracts"))
    assert _contracts(result).status == Status.PASS
    verdict = decide([], [result], gates, required=("implemented",))
    assert (verdict.awaiting, verdict.gates_not_run) == (0, 0)


def test_a_red_gate_fails_the_item_whatever_was_confirmed():
    gates = [_gate("fail", "1 failed")]
    result = _implemented(gates=gates, manual=_confirmed("implemented/public-contracts"))
    assert _contracts(result).status == Status.FAIL
    assert not awaits_you(_contracts(result), {"tests": gates[0]})
    assert not decide([], [result], gates, required=("implemented",)).ready
    verdict = decide([], [result], gates, required=("implemented",))
    assert (verdict.gates, verdict.items, verdict.awaiting, verdict.gates_not_run) == (1, 0, 0, 0)
    assert verdict.sentence() == "✘ not ready: 1 failing"


def test_open_items_of_a_checklist_that_is_not_required_are_not_counted():
    result = _implemented()
    assert not decide([], [result], [], required=("merge",)).awaiting
    assert not decide([], [result], [], required=("merge",)).gates_not_run
    # an info finding is below the default floor: it is reported, never counted as failing
    assert not Severity.INFO.at_least(Severity.ERROR)


@pytest.mark.parametrize("summary", ["untrusted: run `readiness trust` to let gates execute code"])
def test_an_untrusted_gate_skip_is_a_gate_not_run_not_a_confirmation(summary):
    gates = [_gate("skip", summary)]
    (result,) = evaluate([CHECKLISTS["ready-for-review"]],
                         Inputs(gates={"tests": gates[0]}, paths=("pkg/api.py",), digests=DIGESTS, signals={}))
    tests_item = next(i for i in result.items if i.gates == ("tests",))
    assert tests_item.status == Status.MANUAL and not tests_item.awaits_confirmation
    counted = tally(result, gates)
    assert counted.gates_not_run == 1 and counted.awaiting == 0
    assert "1 gate not run" in counted.line() and "awaiting you" not in counted.line()


def test_the_summary_line_counts_gates_once_and_items_otherwise():
    gate_items = [ItemResult(id=f"g{i}", title="t", status=Status.MANUAL, detail="not run yet", gates=("tests",))
                  for i in range(2)]
    other = ItemResult(id="lint", title="t", status=Status.MANUAL, detail="not run yet", gates=("lint",))
    confirm = ItemResult(id="c", title="t", status=Status.MANUAL, detail="confirm: it works")
    result = ChecklistResult(id="x", title="X", items=(
        *gate_items, other, confirm,
        ItemResult(id="p", title="t", status=Status.PASS, detail="ok"),
        ItemResult(id="f", title="t", status=Status.FAIL, detail="bad"),
        ItemResult(id="s", title="t", status=Status.SKIP, detail="does not apply")))
    counted = tally(result, [])
    assert counted == Tally(passed=1, applicable=6, failing=1, awaiting=1, gates_not_run=2, not_applicable=1)
    assert counted.line() == "1/6 pass · 1 failing · 1 awaiting you · 2 gates not run · 1 do not apply"
    # with the tests gate run and passed (the items would have been re-evaluated; here only the counting changes)
    assert tally(result, [_gate("pass")]).gates_not_run == 1


def test_an_empty_checklist_counts_nothing():
    assert tally(ChecklistResult(id="x", title="X", items=()), {}).line() == "0/0 pass"
