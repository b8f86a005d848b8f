"""The last stage of the pipeline: one verdict from findings, gate results and checklist results.

Every front end states this verdict and nothing else: the exit code, the text report's last line, the JSON
`verdict`, the markdown report, `checklist show` and the TUI's headline.

- A finding fails when it is not waived, not baselined (`readiness.core.baseline`) and its severity is at least `fail_on` (`never`: findings and checklist
  items only report).
- A gate fails when it ran and did not pass (fail, error, timeout); a cancelled run says nothing about the code.
- A required checklist item fails when its status is fail or error, counted only when no failing finding or gate
  already explains it (so one problem is one count).
- An item awaiting you is a confirmation a person must give; an item that waits for a gate with no current result
  is not one: those gates are counted apart (`gates not run`). An item that waits for both (a gate and a
  confirmation not given yet, e.g. `public-contracts`) is counted under both, since running the gate will not
  settle it (`readiness.core.checklists.tally`, which also counts each checklist's line). Confirmations and gates
  not run make a run not ready only with `strict` (every required item settled).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence

from readiness.core.checklists.tally import awaits_you, waits_for_gates
from readiness.core.models import (
    ChecklistResult,
    Finding,
    GateResult,
    ItemResult,
    Severity,
    Status,
    Verdict,
)

DEFAULT_REQUIRED = ("ready-for-review", "merge")
MAX_REASONS = 20
STALE_GATE = "stale: files changed since the gates ran"


def _where(finding: Finding) -> str:
    return finding.path if finding.line is None else f"{finding.path}:{finding.line}"


def failing_findings(findings: Sequence[Finding], fail_on: str) -> list[Finding]:
    if fail_on == "never":
        return []
    floor = Severity(fail_on)
    return [f for f in findings if not f.waived and not f.baselined and f.severity.at_least(floor)]


def decide(findings: Sequence[Finding], checklists: Sequence[ChecklistResult], gates: Sequence[GateResult], *,
           fail_on: str = "error", required: Collection[str] = DEFAULT_REQUIRED, strict: bool = False) -> Verdict:
    """The verdict of one run (see the module's text for the rules)."""
    bad_findings = failing_findings(findings, fail_on)
    by_gate = {g.id: g for g in gates}
    bad_gates = [g for g in gates if g.status.failed and not g.cancelled]
    explained_findings = {f.id for f in bad_findings}
    explained_gates = {g.id for g in bad_gates}
    bad_items: list[tuple[str, ItemResult]] = []
    awaiting: list[tuple[str, ItemResult]] = []
    not_run: dict[str, None] = {}
    for checklist in checklists:
        if checklist.id not in required:
            continue
        for item in checklist.items:
            if item.status in (Status.FAIL, Status.ERROR):
                if fail_on == "never" or explained_findings & set(item.finding_ids) or explained_gates & set(
                        item.gates):
                    continue
                bad_items.append((checklist.id, item))
            elif item.status == Status.MANUAL:
                not_run.update(dict.fromkeys(waits_for_gates(item, by_gate)))
                if awaits_you(item, by_gate):  # also when it waits for a gate: running it will not settle it
                    awaiting.append((checklist.id, item))
    reasons = [f"{_where(f)}: {f.message}" for f in bad_findings]
    reasons += [f"{g.id} gate {g.status}: {g.summary}" for g in bad_gates]
    reasons += [f"{cid}/{item.id}: {item.title} — {item.detail}" for cid, item in bad_items]
    if strict:
        reasons += [f"{cid}/{item.id}: {item.title} — awaiting your confirmation" for cid, item in awaiting]
        reasons += [f"{gate} gate not run (strict: every required item must be settled)" for gate in not_run]
    if len(reasons) > MAX_REASONS:
        reasons = [*reasons[:MAX_REASONS - 1], f"… and {len(reasons) - MAX_REASONS + 1} more"]
    ready = not bad_findings and not bad_gates and not bad_items and not (strict and (awaiting or not_run))
    return Verdict(ready=ready, findings=len(bad_findings), gates=len(bad_gates), items=len(bad_items),
                   awaiting=len(awaiting), gates_not_run=len(not_run), reasons=tuple(reasons), strict=strict)


def mark_stale_gates(checklists: Sequence[ChecklistResult],
                     stale: Mapping[str, GateResult]) -> tuple[ChecklistResult, ...]:
    """Items that wait for a gate whose last result is stale say so ("stale: files changed since the gates ran
    (last run: tests fail); run the tests gate again") instead of "not run yet"."""
    if not stale:
        return tuple(checklists)
    out = []
    for checklist in checklists:
        items = []
        for item in checklist.items:
            gates = [g for g in item.gates if g in stale]
            if gates and item.status == Status.MANUAL and item.detail.startswith("not run yet"):
                was = "; ".join(f"{g} {stale[g].status}" for g in gates)
                names = ", ".join(gates)
                item = dataclasses.replace(item, detail=f"{STALE_GATE} (last run: {was}); run the {names} "
                                                        f"gate{'s' if len(gates) != 1 else ''} again")
            items.append(item)
        out.append(dataclasses.replace(checklist, items=tuple(items)))
    return tuple(out)
