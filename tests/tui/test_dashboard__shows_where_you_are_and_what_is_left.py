"""The dashboard: repository, branch → base, change size, the verdict, checklist rows, findings by category,
open blockers; enter on a row opens the matching screen."""

from __future__ import annotations

from textual.widgets import DataTable
from tui_helpers import run, running_app, screen_text

from readiness.tui.screens.checklist import ChecklistScreen
from readiness.tui.screens.findings import FindingsScreen


def test_dashboard_shows_the_repository_verdict_checklists_findings_and_blockers(demo_repo):
    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            text = screen_text(app)
            assert "feature/refunds → main (merge-base" in text
            assert app.state.summary.files == 2 and app.state.summary.added > 0
            assert "✘ not ready: " in text and "failing" in text
            checklist_rows = [key.value for key in app.screen.query_one("#checklist-table", DataTable).rows]
            assert checklist_rows[:3] == ["ready-for-review", "merge", "quality-gates"]
            categories = [key.value for key in app.screen.query_one("#category-table", DataTable).rows]
            assert {"todo-throw", "hardcoded-secret", "printed-secret"} <= set(categories)
            assert "B1" in text and "staging DB refuses connections" in text

    run(scenario())


def test_enter_on_a_category_opens_the_findings_filtered_to_it(demo_repo):
    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            table = app.screen.query_one("#category-table", DataTable)
            table.focus()
            keys = [key.value for key in table.rows]
            table.move_cursor(row=keys.index("todo-throw"))
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, FindingsScreen)
            shown = app.screen.shown_findings()
            assert shown and {f.category for f in shown} == {"todo-throw"}
            await pilot.press("escape")
            assert not isinstance(app.screen, FindingsScreen)

    run(scenario())


def test_c_opens_the_highlighted_checklist_and_escape_comes_back(demo_repo):
    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            await pilot.press("down", "c")
            await pilot.pause()
            assert isinstance(app.screen, ChecklistScreen)
            assert app.screen.checklist_id == "merge"
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen.query_one("#checklist-table")

    run(scenario())
