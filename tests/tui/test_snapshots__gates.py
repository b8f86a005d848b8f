"""Snapshot of the gates screen with fixed results (durations cannot vary) and the lint gate's output selected."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable
from tui_helpers import (
    SIZE_IDS,
    SIZES,
    assert_footer_keeps_help_and_palette,
    fixed_gate_output,
    fixed_gate_results,
    make_app,
    screen_text,
    settle,
)

from readiness.tui.screens.gates import GatesScreen


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_gates(snap_compare, demo_repo, size):
    """You should see build ✔, lint ✘ with its errors in the output pane, tests ✔, the other gates not run."""
    app = make_app(demo_repo)

    async def run_before(pilot):
        await settle(app, pilot)
        app.state.gate_results.update(fixed_gate_results())
        app.state.gate_output.update(fixed_gate_output())
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GatesScreen)
        table = screen.query_one("#gate-table", DataTable)
        table.move_cursor(row=[key.value for key in table.rows].index("lint"))
        await pilot.pause()
        text = screen_text(app)
        assert "F821 undefined name" in text and "not run" in text
        assert_footer_keeps_help_and_palette(app)

    assert snap_compare(app, run_before=run_before, terminal_size=size)
