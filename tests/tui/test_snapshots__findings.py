"""Snapshot of the findings screen with the stub selected: the detail shows the rule and the code around it."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable
from tui_helpers import SIZE_IDS, SIZES, assert_footer_keeps_help_and_palette, make_app, poll_until, screen_text, settle

from readiness.tui.screens.findings import FindingsScreen


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_findings(snap_compare, demo_repo, size):
    """You should see the findings table (the hard-coded token shown as ghp_****), the todo-throw row selected, and
    below it the message, the code around line 7 with the line marked, then What / Why / Fix."""
    app = make_app(demo_repo)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FindingsScreen)
        table = screen.query_one("#finding-table", DataTable)
        keys = [key.value for key in table.rows]
        table.move_cursor(row=next(i for i, k in enumerate(keys) if screen.shown[k].category == "todo-throw"))
        await poll_until(pilot, lambda: "raise NotImplementedError" in screen_text(app), what="the code")
        assert "ghp_****" in screen_text(app) and demo_repo.secret[6:] not in screen_text(app)
        assert_footer_keeps_help_and_palette(app)

    assert snap_compare(app, run_before=run_before, terminal_size=size)
