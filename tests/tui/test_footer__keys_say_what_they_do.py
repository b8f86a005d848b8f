"""Footers say what a key does now: space confirms an unconfirmed manual item and unconfirms a confirmed one,
`[ ]` switch checklists; the triage footer has q and ? like the other screens (see the triage wizard test); and
at 80x24 a long blocker log does not squeeze the findings (the blockers panel is capped)."""

from __future__ import annotations

from textual.widgets import DataTable
from tui_helpers import README, poll_until, run, running_app, screen_text, wait_for_text

from readiness.tui.screens.checklist import ChecklistScreen


def manual_item(app) -> tuple[str, str]:
    """The first checklist item that is confirmed by hand."""
    for checklist in app.state.definitions:
        for item in checklist.items:
            if item.check.manual_part() is not None:
                return checklist.id, item.id
    raise AssertionError("no manual checklist item")


def footer(app) -> str:
    return screen_text(app).rstrip().splitlines()[-1]


def test_space_says_confirm_or_unconfirm(demo_repo):
    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            checklist_id, item_id = manual_item(app)
            app.action_open("checklist", checklist_id=checklist_id)
            await poll_until(pilot, lambda: isinstance(app.screen, ChecklistScreen) and app.screen.query("#item-table"),
                           what="the checklist")
            table = app.screen.query_one("#item-table", DataTable)
            await poll_until(pilot, lambda: item_id in [k.value for k in table.rows], what="the items")
            table.move_cursor(row=[k.value for k in table.rows].index(item_id))
            await poll_until(pilot, lambda: "space confirm" in footer(app), what="confirm in the footer")
            assert "[ ] switch list" in footer(app) and "unconfirm" not in footer(app)
            await pilot.press("space")
            await poll_until(pilot, lambda: f"{checklist_id}/{item_id}" in app.state.manual_keys, what="the check-off")
            await poll_until(pilot, lambda: "space unconfirm" in footer(app), what="unconfirm in the footer")
            await pilot.press("space")
            await poll_until(pilot, lambda: "space confirm" in footer(app), what="confirm again")

    run(scenario())


def test_many_blockers_leave_room_for_the_findings_at_80x24(demo_repo):
    entries = "".join(f"- [ ] **B{n}** · logic · 2024-01-0{n} · open question number {n}\n" for n in range(2, 8))
    demo_repo.write("README.md", README + entries)

    async def scenario():
        async with running_app(demo_repo, size=(80, 24)) as (app, pilot):
            await wait_for_text(pilot, app, "Blockers · 7 open")
            blockers = app.screen.query_one("#blocker-table", DataTable)
            findings = app.screen.query_one("#category-table", DataTable)
            assert blockers.outer_size.height <= 5
            assert findings.outer_size.height >= 7  # five rows of findings inside the border

    run(scenario())
