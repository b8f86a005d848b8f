"""Which gate starts first: the shortest expected first, so quick gates never queue behind long ones.

With two workers and the gates in their listed order, `tests` and `coverage` (minutes) would take both workers
while `security`, `docs` and `performance` (well under a second) wait for them. `run_gates` submits the gates in
the order `order` gives: by the duration of each gate's previous run (kept with its result in the gate store), or,
for a gate that never ran here, by a typical duration for its kind. `tests` always starts before `coverage`, which
waits for the test run it measures. Every front end gets this through `run_gates`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

# Typical durations (seconds) of a gate that has no previous run here: the static checks are quick, the gates
# that run the project's code are not; a gate from the configuration runs a command of unknown length.
TYPICAL_S: Mapping[str, float] = {"performance": 0.1, "docs": 0.2, "security": 1.0, "lint": 1.0, "build": 5.0,
                                  "smoke": 10.0, "tests": 60.0, "coverage": 60.0}
UNKNOWN_S = 30.0


def expected_duration(gate_id: str, previous: Mapping[str, Any]) -> float:
    """The last run's duration from the gate store's entry (`store.load`), else the typical one."""
    entry = previous.get(gate_id)
    result = entry.get("result") if isinstance(entry, Mapping) else None
    duration = result.get("duration_s") if isinstance(result, Mapping) else None
    if isinstance(duration, (int, float)) and not isinstance(duration, bool) and duration >= 0:
        return float(duration)
    return TYPICAL_S.get(gate_id, UNKNOWN_S)


def order(gate_ids: Sequence[str], previous: Mapping[str, Any]) -> list[str]:
    """`gate_ids` shortest expected first (ties keep their order); `tests` before `coverage`."""
    ranked = sorted(gate_ids, key=lambda g: expected_duration(g, previous))
    if "tests" in ranked and "coverage" in ranked and ranked.index("coverage") < ranked.index("tests"):
        ranked.remove("tests")
        ranked.insert(ranked.index("coverage"), "tests")
    return ranked
