"""Snapshots of the two overlays every user meets: the help (over the dashboard) and the trust prompt (over the
gates screen), at 80x24 and 120x40."""

from __future__ import annotations

import json

import pytest
from tui_helpers import SIZE_IDS, SIZES, make_app, poll_until, screen_text, settle

from readiness.tui.screens.help import HelpScreen
from readiness.tui.screens.modals import ConfirmScreen


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_help(snap_compare, demo_repo, size):
    """You should see the dashboard's purpose, its keys (this screen), the keys that work everywhere, ctrl+p."""
    app = make_app(demo_repo)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("question_mark")
        await poll_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")
        await pilot.pause()
        assert "This screen:" in screen_text(app)

    assert snap_compare(app, run_before=run_before, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_trust_prompt(snap_compare, demo_repo, size):
    """You should see what the hello gate would run, where, the configuration, and the Trust / Run without buttons."""
    # a configured interpreter name that resolves nowhere: the prompt shows it as written, not this machine's venv path
    demo_repo.write("readiness.toml", 'python = "project-python"\n[gates.hello]\n'

                    f"command = {json.dumps(['python3', '-c', 'print(1)'])}\n")  # shown, not run: no venv name
    app = make_app(demo_repo)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        app.run_gates(["hello"])
        await poll_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the trust prompt")
        await pilot.pause()
        assert "hello:" in screen_text(app)

    assert snap_compare(app, run_before=run_before, terminal_size=size)
