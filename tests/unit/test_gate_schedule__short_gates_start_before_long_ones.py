"""`gates.schedule.order`: shortest expected first, from the previous run's duration or the gate's typical one;
`tests` always before `coverage`."""

from readiness.core.gates.schedule import UNKNOWN_S, expected_duration, order

LISTED = ["build", "lint", "tests", "coverage", "security", "smoke", "performance", "docs"]


def ran(**durations):
    return {g: {"key": "k", "result": {"id": g, "duration_s": d}} for g, d in durations.items()}


def test_without_history_the_static_gates_go_first():
    assert order(LISTED, {}) == ["performance", "docs", "lint", "security", "build", "smoke", "tests", "coverage"]


def test_previous_durations_decide():
    assert order(["tests", "security", "docs"], ran(tests=0.5, security=9.0, docs=2.0)) == ["tests", "docs",
                                                                                            "security"]


def test_tests_start_before_coverage_even_when_coverage_was_quicker():
    assert order(["coverage", "tests", "docs"], ran(coverage=1.0, tests=80.0)) == ["docs", "tests", "coverage"]


def test_a_broken_entry_or_a_configured_gate_falls_back_to_an_estimate():
    previous = {"docs": {"result": {"duration_s": "slow"}}, "lint": "garbage", "audit": {}}
    assert expected_duration("docs", previous) == 0.2
    assert expected_duration("lint", previous) == 1.0
    assert expected_duration("audit", previous) == UNKNOWN_S
