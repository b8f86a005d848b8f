"""Snapshots of the dashboard at 80x24 and 120x40 (deterministic repository: fixed dates, names and shas)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable
from tui_helpers import SIZE_IDS, SIZES, assert_footer_keeps_help_and_palette, make_app, screen_text, settle

from readiness.tui.screens.dashboard import DashboardScreen


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_dashboard(snap_compare, demo_repo, size):
    """You should see: the header with repo, feature/refunds → main and the merge-base, the verdict with the things
    left, five checklists with counts, findings by category (secrets masked), and the open blocker B1."""
    app = make_app(demo_repo)

    async def run_before(pilot):
        await settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert len(app.screen.query_one("#checklist-table", DataTable).rows) >= 4
        text = screen_text(app)
        assert "✘ not ready: " in text and "B1" in text and "todo-throw" in text
        assert demo_repo.secret[6:] not in text
        assert_footer_keeps_help_and_palette(app)

    assert snap_compare(app, run_before=run_before, terminal_size=size)
