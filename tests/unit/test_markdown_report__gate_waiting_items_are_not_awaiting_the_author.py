"""In the pull-request body an item waiting only for a gate with no current result is not "awaiting the author": it
says which gate to run. An item that also needs the author's confirmation (a gate and a manual check) keeps the
label; once the gate has a result the item is judged by it; a plain confirmation keeps its label."""

from __future__ import annotations

import io

from readiness.core.models import ChecklistResult, GateResult, GateStatus, ItemResult, RepoInfo, Report, Status
from readiness.render.markdown import render_markdown

NOT_RUN = "not run yet: `readiness check --gates tests`"
GATE_ONLY = ItemResult("tests", "Tests green locally", Status.MANUAL, NOT_RUN, gates=("tests",))
BOTH = ItemResult("contracts", "Contracts behave", Status.MANUAL, f"{NOT_RUN}; confirm: contracts hold",
                  gates=("tests",), awaits_confirmation=True)
CONFIRM = ItemResult("metrics", "Metrics emit", Status.MANUAL, "confirm: new code paths log", awaits_confirmation=True)


def _lines(*gates: GateResult) -> dict[str, str]:
    report = Report(tool_version="0.1.0", repo=RepoInfo("/r", "feature", "a" * 40, "main", "b" * 40, "diff"),
                    findings=(), checklists=(ChecklistResult("x", "X", (GATE_ONLY, BOTH, CONFIRM)),), gates=gates)
    out = io.StringIO()
    render_markdown(report, out)
    return {title: line for line in out.getvalue().splitlines()
            for title in ("Tests green locally", "Contracts behave", "Metrics emit") if f"**{title}**" in line}


def test_a_gate_not_run_says_which_gate_and_not_awaiting_the_author():
    lines = _lines()
    assert lines["Tests green locally"] == "- [ ] **Tests green locally** — ○ not run yet: `readiness check --gates tests`"
    assert "awaiting the author" not in lines["Tests green locally"]


def test_a_gate_and_a_confirmation_keep_the_authors_label():
    lines = _lines()
    assert lines["Contracts behave"].startswith("- [ ] **Contracts behave** — ○ awaiting the author: not run yet")
    assert lines["Metrics emit"] == "- [ ] **Metrics emit** — ○ awaiting the author: confirm: new code paths log"


def test_an_untrusted_gate_skip_is_still_a_gate_not_run():
    skipped = GateResult("tests", GateStatus.SKIP, "pytest", 0.0, "untrusted: run `readiness trust`")
    assert "awaiting the author" not in _lines(skipped)["Tests green locally"]
