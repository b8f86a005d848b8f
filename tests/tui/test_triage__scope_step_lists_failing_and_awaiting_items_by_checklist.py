"""The wizard's scope step (issue 16) lists only the checklist items that fail or await your confirmation (no
quality-gate item that merely has not run), grouped under each checklist's title, in a list that takes the room
the step leaves at 80x24; after End the highlighted row is inside the list's visible rows."""

from __future__ import annotations

from tui_helpers import poll_until, run, running_app

from readiness.core.models import Status
from readiness.core.triage.flow import Step
from readiness.tui.widgets.triage_steps import DeferList


def test_scope_lists_failing_and_awaiting_items_by_checklist_and_keeps_the_highlight_visible(demo_repo):
    async def scenario():
        async with running_app(demo_repo, initial_screen="triage", size=(80, 24)) as (app, pilot):
            screen = app.screen
            await poll_until(pilot, lambda: screen.triage is not None, what="the evidence")
            await pilot.press(*"refunds blocked", "ctrl+n")
            await poll_until(pilot, lambda: screen.triage.step is Step.SCOPE, what="step 2")
            defer = screen.query_one("#s2-defer", DeferList)
            await pilot.pause()
            manual = {f"{c.id}/{i.id}" for c in app.state.definitions for i in c.items
                      if i.check.manual_part() is not None}
            expected = [f"{c.id}/{i.id}" for c in app.state.checklists for i in c.items
                        if i.status in (Status.FAIL, Status.ERROR)
                        or (i.status == Status.MANUAL and f"{c.id}/{i.id}" in manual)]
            listed = [key for key in defer.labels if "/" in key and not key.endswith(".py")]
            assert listed == expected and listed
            assert not any(key.startswith("quality-gates/") for key in defer.labels)
            headings = [str(defer.get_option_at_index(i).prompt) for i in range(defer.option_count)
                        if defer.get_option_at_index(i).disabled]
            titles = {c.id: c.title for c in app.state.checklists}
            assert headings == [*dict.fromkeys(titles[key.split("/")[0]] for key in listed), "Changed modules"]
            # the list fills the step: taller than its old 10-row box would leave blank below it at 80x24
            assert defer.region.height >= 8 and defer.region.bottom <= screen.query_one("#s2-scope").region.y
            await pilot.press("end")
            await pilot.pause()
            assert defer.highlighted == defer.option_count - 1
            top = defer.scroll_offset.y
            visible_rows = defer.scrollable_content_region.height
            assert top <= defer.highlighted < top + visible_rows  # one line per option: the row is on screen

    run(scenario())
