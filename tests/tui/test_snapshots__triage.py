"""Snapshot of the triage wizard's first step, with the class suggested from a failed build gate."""

from __future__ import annotations

import pytest
from tui_helpers import (
    SIZE_IDS,
    SIZES,
    assert_footer_keeps_help_and_palette,
    make_app,
    no_blink,
    poll_until,
    screen_text,
    settle,
)

from readiness.core.models import GateResult, GateStatus
from readiness.tui.screens.triage import TriageScreen


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_triage(snap_compare, demo_repo, size):
    """You should see the five steps with Classify current, the evidence line (build gate failed: SyntaxError →
    build suggested), build chosen, the summary field, and the preview asking for a summary."""
    app = make_app(demo_repo, initial_screen="triage")
    app.state.gate_results["build"] = GateResult("build", GateStatus.FAIL, "python -m compileall", 0.2,
                                           "1 error: pkg/payments.py:3: SyntaxError: invalid syntax")

    async def run_before(pilot):
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, TriageScreen)
        await poll_until(pilot, lambda: screen.triage is not None, what="the evidence")
        no_blink(app)
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "build suggested" in text and "● Classify" in text
        assert_footer_keeps_help_and_palette(app)

    assert snap_compare(app, run_before=run_before, terminal_size=size)
