"""Snapshot of the blockers screen."""

from __future__ import annotations

import pytest
from tui_helpers import SIZE_IDS, SIZES, assert_footer_keeps_help_and_palette, make_app, settle, wait_for_text

from readiness.tui.screens.blockers import BlockersScreen


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_blockers(snap_compare, demo_repo, size):
    """You should see B1 (environment, 2024-01-02) open, and its entry with the scope below."""
    app = make_app(demo_repo)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BlockersScreen)
        await wait_for_text(pilot, app, "ship refunds without the nightly sync")
        assert_footer_keeps_help_and_palette(app)

    assert snap_compare(app, run_before=run_before, terminal_size=size)
