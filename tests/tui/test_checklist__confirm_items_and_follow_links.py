"""The checklist screen: live statuses, confirming a manual item (and undoing it), following an item to its
findings, refusing to confirm an automatic item, switching checklists."""

from __future__ import annotations

import json

import pytest
from textual.widgets import DataTable
from tui_helpers import notices, poll_until, run, running_app, settle, wait_for_text

from readiness.tui.screens.checklist import ChecklistScreen
from readiness.tui.screens.findings import FindingsScreen


async def open_checklist(app, pilot, checklist_id: str) -> ChecklistScreen:
    await settle(app, pilot)
    app.action_open("checklist", checklist_id=checklist_id)
    await pilot.pause()
    assert isinstance(app.screen, ChecklistScreen)
    return app.screen


def move_to(screen: ChecklistScreen, item_id: str) -> None:
    table = screen.query_one("#item-table", DataTable)
    table.move_cursor(row=[key.value for key in table.rows].index(item_id))


STORE = ('"""Keeps refunds."""\n\n\ndef save(path, text):\n    """Write the refund log."""\n'
         '    with open(path, "w", encoding="utf-8") as handle:\n        handle.write(text)\n')


@pytest.fixture
def persisting_repo(demo_repo):
    """The demo branch plus a module that writes a file: the persistence item applies and awaits a confirmation
    (manual items are asked only when the change shows what they are about)."""
    demo_repo.write("pkg/store.py", STORE)
    demo_repo.commit("store refunds")
    return demo_repo


def manual_item(app) -> tuple[str, str]:
    """The first item (checklist, item) that awaits a confirmation on this branch (a manual item that applies to
    the change: the others show `skip` with the reason and are not asked)."""
    status = {(c.id, i.id): str(i.status) for c in app.state.checklists for i in c.items}
    for checklist in app.state.definitions:
        for item in checklist.items:
            if item.check.kind == "manual" and status.get((checklist.id, item.id)) == "manual":
                return checklist.id, item.id
    raise AssertionError("no purely manual item awaits a confirmation on the demo branch")


def test_space_confirms_a_manual_item_and_space_again_undoes_it(persisting_repo):
    demo_repo = persisting_repo
    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            await settle(app, pilot)
            await poll_until(pilot, lambda: app.state.checklists_ready, what="the evaluated checklists")
            checklist_id, item_id = manual_item(app)
            screen = await open_checklist(app, pilot, checklist_id)
            move_to(screen, item_id)
            key = f"{checklist_id}/{item_id}"
            status = lambda: str(next(i for i in screen.checklist.items if i.id == item_id).status)  # noqa: E731
            assert status() == "manual"
            await pilot.press("space")
            await poll_until(pilot, lambda: status() == "pass", what="the confirmed status")
            state = json.loads((demo_repo.path / ".git/readiness/checklists.json").read_text())
            assert key in state["branches"]["feature/refunds"]
            await wait_for_text(pilot, app, "confirmed by you")
            await pilot.press("space")
            await poll_until(pilot, lambda: status() == "manual", what="the unconfirmed status")
            state = json.loads((demo_repo.path / ".git/readiness/checklists.json").read_text())
            assert key not in state["branches"].get("feature/refunds", {})

    run(scenario())


def test_n_confirms_with_a_note(persisting_repo):
    demo_repo = persisting_repo
    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            await settle(app, pilot)
            await poll_until(pilot, lambda: app.state.checklists_ready, what="the evaluated checklists")
            checklist_id, item_id = manual_item(app)
            screen = await open_checklist(app, pilot, checklist_id)
            move_to(screen, item_id)
            await pilot.press("n")
            await pilot.pause()
            await pilot.press(*"checked by hand", "enter")
            await poll_until(pilot, lambda: "checked by hand" in str(
                next(i for i in screen.checklist.items if i.id == item_id).detail), what="the note")

    run(scenario())


def test_enter_follows_a_failing_item_to_its_findings(demo_repo):
    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            screen = await open_checklist(app, pilot, "ready-for-review")
            item = next(i for i in screen.checklist.items if i.finding_ids)
            move_to(screen, item.id)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, FindingsScreen)
            assert {f.id for f in app.screen.shown_findings()} == set(item.finding_ids)
            await pilot.press("escape")
            assert app.screen is screen

    run(scenario())


def test_space_on_an_automatic_item_explains_instead_of_confirming(demo_repo):
    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            screen = await open_checklist(app, pilot, "ready-for-review")
            definition = next(c for c in app.state.definitions if c.id == "ready-for-review")
            automatic = next(i for i in definition.items if i.check.manual_part() is None)
            move_to(screen, automatic.id)
            await pilot.press("space")
            await pilot.pause()
            assert any("checked automatically" in text for text in notices(app))
            assert not (demo_repo.path / ".git/readiness/checklists.json").exists()

    run(scenario())


def test_brackets_switch_between_checklists(demo_repo):
    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            screen = await open_checklist(app, pilot, "ready-for-review")
            await pilot.press("right_square_bracket")
            assert screen.checklist_id == "merge"
            await pilot.press("left_square_bracket")
            assert screen.checklist_id == "ready-for-review"

    run(scenario())


def test_a_confirmation_turns_stale_when_the_files_it_covered_change(persisting_repo):
    demo_repo = persisting_repo
    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            await settle(app, pilot)
            await poll_until(pilot, lambda: app.state.checklists_ready, what="the evaluated checklists")
            checklist_id, item_id = manual_item(app)
            screen = await open_checklist(app, pilot, checklist_id)
            move_to(screen, item_id)
            current = lambda: next(i for i in screen.checklist.items if i.id == item_id)  # noqa: E731
            await pilot.press("space")
            await poll_until(pilot, lambda: str(current().status) == "pass", what="the confirmation")
            demo_repo.write("pkg/notify.py", "def notify(message):\n    return message\n")
            app.start_scan(["pkg/notify.py"])
            await poll_until(pilot, lambda: current().detail.startswith("stale:"), what="the stale status")
            assert str(current().status) == "manual"
            await wait_for_text(pilot, app, f"{current().title} (stale)")

    run(scenario())
