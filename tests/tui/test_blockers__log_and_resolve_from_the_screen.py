"""The blockers screen: the README's log, a new entry through the form (its preview is the exact README text),
resolving one; nothing else in the README changes."""

from __future__ import annotations

import datetime

from textual.widgets import DataTable, Input, Select, Static
from tui_helpers import README, poll_until, run, running_app, settle

from readiness.tui.screens.blockers import BlockerForm, BlockersScreen
from readiness.tui.screens.modals import TextScreen


async def open_blockers(app, pilot) -> BlockersScreen:
    await settle(app, pilot)
    await pilot.press("b")
    await pilot.pause()
    assert isinstance(app.screen, BlockersScreen)
    return app.screen


def test_the_form_previews_the_exact_entry_and_writes_it_to_the_readme(demo_repo):
    today = datetime.date.today().isoformat()

    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            await open_blockers(app, pilot)
            await pilot.press("a")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, BlockerForm)
            form.query_one("#field-klass", Select).value = "build"
            form.query_one("#field-summary", Input).value = "pytest collection fails on Python 3.13"
            form.query_one("#field-scope", Input).value = "ship the parser without streaming"
            await pilot.pause()
            shown = str(form.query_one("#form-preview", Static).render())
            expected = (f"- [ ] **B2** · build · {today} · pytest collection fails on Python 3.13\n"
                        "  - Scope: ship the parser without streaming")
            assert shown.strip() == expected
            await pilot.press("ctrl+s")
            await poll_until(pilot, lambda: any(b.id == "B2" for b in app.state.blockers), what="the new blocker")
            assert (demo_repo.path / "README.md").read_text() == README + expected + "\n"

    run(scenario())


def test_a_summary_with_a_secret_is_refused_and_nothing_is_written(demo_repo):
    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            await open_blockers(app, pilot)
            await pilot.press("a")
            await pilot.pause()
            form = app.screen
            form.query_one("#field-klass", Select).value = "environment"
            form.query_one("#field-summary", Input).value = f"CI token {demo_repo.secret} expired"
            await pilot.pause()
            shown = str(form.query_one("#form-preview", Static).render())
            assert "secret" in shown and demo_repo.secret not in shown
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, BlockerForm)
            assert (demo_repo.path / "README.md").read_text() == README

    run(scenario())


def test_x_resolves_the_highlighted_blocker_with_a_note(demo_repo):
    today = datetime.date.today().isoformat()

    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            screen = await open_blockers(app, pilot)
            assert [key.value for key in screen.query_one("#blocker-list", DataTable).rows] == ["B1"]
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, TextScreen)
            await pilot.press(*"staging firewall opened", "enter")
            await poll_until(pilot, lambda: app.state.blockers and not app.state.blockers[0].is_open, what="the resolution")
            text = (demo_repo.path / "README.md").read_text()
            assert (f"- [x] **B1** · environment · 2024-01-02 · staging DB refuses connections from CI runners "
                    f"(resolved {today})") in text
            assert "  - Resolution: staging firewall opened" in text

    run(scenario())
