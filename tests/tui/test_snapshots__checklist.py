"""Snapshot of the ready-for-review checklist."""

from __future__ import annotations

from tui_helpers import make_app, screen_text, settle

from readiness.tui.screens.checklist import ChecklistScreen


def test_checklist(snap_compare, demo_repo):
    """You should see the Ready for review items with ✘/○ statuses and details, and the Why / How of the first."""
    app = make_app(demo_repo)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        text = screen_text(app)
        assert "No TODO throws" in text and "Why" in text and "How" in text

    assert snap_compare(app, run_before=run_before, terminal_size=(100, 30))
