"""Snapshot of the blockers screen."""

from __future__ import annotations

from tui_helpers import make_app, settle, wait_for_text

from readiness.tui.screens.blockers import BlockersScreen


def test_blockers(snap_compare, demo_repo):
    """You should see B1 (environment, 2024-01-02) open, and its entry with the scope below."""
    app = make_app(demo_repo)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BlockersScreen)
        await wait_for_text(pilot, app, "ship refunds without the nightly sync")

    assert snap_compare(app, run_before=run_before, terminal_size=(100, 30))
