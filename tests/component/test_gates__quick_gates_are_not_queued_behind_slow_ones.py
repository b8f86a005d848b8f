"""`run_gates` starts the gates shortest expected first (from the previous run's durations in the gate store), so a
quick gate never waits behind a slow one; the results keep the order they were asked in."""

from readiness.core.gates import run_gates, store
from readiness.core.gates.base import GateStarted
from readiness.core.models import GateResult, GateStatus
from readiness.core.pipeline.run import CheckOptions, scan_repository


def test_gates_start_in_order_of_their_previous_durations(gate_project):
    scanned = scan_repository(CheckOptions(repo=str(gate_project.path)))
    try:
        previous = [(GateResult(id=g, status=GateStatus.FAIL, command="x", duration_s=d, summary="s"), "old-key")
                    for g, d in (("lint", 40.0), ("security", 0.3), ("docs", 12.0), ("performance", 3.0))]
        store.record(scanned.repo.git_dir, previous)
        started: list[str] = []
        asked = ["lint", "security", "docs", "performance"]
        results = run_gates(scanned.repo, scanned.config, asked, scope="diff", findings=scanned.findings, jobs=1,
                            on_event=lambda e: started.append(e.gate) if isinstance(e, GateStarted) else None)
    finally:
        scanned.repo.close()
    assert started == ["security", "performance", "docs", "lint"]
    assert [r.id for r in results] == asked
