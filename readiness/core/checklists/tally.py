"""How a checklist stands, counted once for every front end: `2/4 pass · 1 failing · 1 gate not run`.

An item that waits for a gate with no current result (not run, skipped for want of trust, cancelled) is not a
confirmation awaiting you: it is counted under "gate not run", once per gate, as the verdict counts it
(`readiness.core.pipeline.verdict`). An item made of a gate and a confirmation not given yet (`public-contracts`:
`all` of the tests gate and a manual check) is counted under both: running the gate will not settle it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from readiness.core.models import ChecklistResult, GateResult, GateStatus, ItemResult, Status


def waits_for_gates(item: ItemResult, gates: Mapping[str, GateResult]) -> list[str]:
    """The gates an item shown as awaiting is in fact waiting for (no result, untrusted, cancelled)."""
    if item.status != Status.MANUAL:
        return []
    return [g for g in item.gates if g not in gates or gates[g].status == GateStatus.SKIP or gates[g].cancelled]


def awaits_you(item: ItemResult, gates: Mapping[str, GateResult]) -> bool:
    """True when the item needs a confirmation from a person: a manual item that waits for no gate, or one that
    would still wait for your confirmation once its gates pass."""
    return item.status == Status.MANUAL and (item.awaits_confirmation or not waits_for_gates(item, gates))


@dataclass(frozen=True, slots=True)
class Tally:
    """The counts of one checklist's items. `gates_not_run` counts gates (each once), the others count items."""

    passed: int = 0
    applicable: int = 0
    failing: int = 0
    errors: int = 0
    warnings: int = 0
    awaiting: int = 0
    gates_not_run: int = 0
    not_applicable: int = 0

    def parts(self) -> list[str]:
        """`["2/4 pass", "1 failing", "1 gate not run"]`: the pass ratio, then only the counts that are not zero."""
        labels = ((self.failing, "failing"), (self.errors, "could not be checked"), (self.warnings, "warning"),
                  (self.awaiting, "awaiting you"),
                  (self.gates_not_run, "gate not run" if self.gates_not_run == 1 else "gates not run"),
                  (self.not_applicable, "do not apply"))
        return [f"{self.passed}/{self.applicable} pass", *(f"{n} {label}" for n, label in labels if n)]

    def line(self) -> str:
        return " · ".join(self.parts())


def tally(result: ChecklistResult, gates: Mapping[str, GateResult] | Sequence[GateResult]) -> Tally:
    """Count `result`'s items against the gate results of the same run."""
    by_id = gates if isinstance(gates, Mapping) else {g.id: g for g in gates}
    statuses = [item.status for item in result.items]
    not_run: dict[str, None] = {}
    for item in result.items:
        not_run.update(dict.fromkeys(waits_for_gates(item, by_id)))
    return Tally(passed=statuses.count(Status.PASS), applicable=len(statuses) - statuses.count(Status.SKIP),
                 failing=statuses.count(Status.FAIL), errors=statuses.count(Status.ERROR),
                 warnings=statuses.count(Status.WARN), awaiting=sum(awaits_you(i, by_id) for i in result.items),
                 gates_not_run=len(not_run), not_applicable=statuses.count(Status.SKIP))
