"""Snapshots of the dashboard at 100x30 and at 80x24 (deterministic repository: fixed dates, names and shas)."""

from __future__ import annotations

from textual.widgets import DataTable
from tui_helpers import make_app, screen_text, settle

from readiness.tui.screens.dashboard import DashboardScreen


def test_dashboard(snap_compare, demo_repo):
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

    assert snap_compare(app, run_before=run_before, terminal_size=(100, 30))


def test_dashboard_small_terminal(snap_compare, demo_repo):
    """You should see the same dashboard squeezed into 80x24: nothing overlaps, long cells end in …."""
    app = make_app(demo_repo)

    async def run_before(pilot):
        await settle(app, pilot)
        text = screen_text(app)
        assert "Ready for review" in text and "✘ not ready: " in text
        assert "q quit" in text

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))
