"""Snapshot of the ready-for-review checklist."""

from __future__ import annotations

import pytest
from tui_helpers import SIZE_IDS, SIZES, assert_footer_keeps_help_and_palette, make_app, screen_text, settle

from readiness.tui.screens.checklist import ChecklistScreen


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_checklist(snap_compare, demo_repo, size):
    """You should see the Ready for review items with ✘/○ statuses and details, and the Why / How of the first."""
    app = make_app(demo_repo)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        text = screen_text(app)
        assert "No TODO throws" in text and "Why" in text and "How" in text
        assert_footer_keeps_help_and_palette(app)

    assert snap_compare(app, run_before=run_before, terminal_size=size)
