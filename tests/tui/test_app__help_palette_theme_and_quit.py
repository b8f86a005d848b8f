"""The usual comforts: ? explains the current screen's keys, the command palette lists the app's screens and
actions, ctrl+t switches between the light and the dark theme, q leaves."""

from __future__ import annotations

import re

from tui_helpers import run, running_app, screen_text

from readiness.tui.screens.findings import FindingsScreen
from readiness.tui.screens.help import HelpScreen


def test_question_mark_lists_the_keys_of_the_screen_underneath(demo_repo):
    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            await pilot.press("f")
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = screen_text(app)
            for key, what in (("w", "waive"), ("e", "editor"), ("y", "copy location"), ("/", "filter"),
                              ("ctrl+p", "command palette")):
                assert re.search(rf"│ {re.escape(key)} +{what}", text), f"{key} {what} missing from the help"
            assert "Cursor up" not in text
            assert "✔ pass" in text
            await pilot.press("escape")
            assert isinstance(app.screen, FindingsScreen)

    run(scenario())


def test_the_palette_offers_every_screen_and_opens_one(demo_repo):
    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            titles = [command.title for command in app.get_system_commands(app.screen)]
            for title in ("Dashboard", "Checklists", "Findings", "Gates", "Blockers", "Triage", "Re-scan",
                          "Toggle light/dark theme"):
                assert title in titles
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Findings")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, FindingsScreen)

    run(scenario())


def test_ctrl_t_switches_the_theme_and_q_quits(demo_repo):
    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            before = app.theme
            await pilot.press("ctrl+t")
            assert app.theme != before and {before, app.theme} == {"textual-dark", "textual-light"}
            await pilot.press("q")
            await pilot.pause()
        assert app.return_code in (0, None)
        assert not app.is_running

    run(scenario())
