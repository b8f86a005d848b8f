"""A keyboard user's regressions (issue 16): `t` opens the wizard on the summary and "quota exceeded on staging"
lands in it instead of quitting; every printable ASCII character reaches each text field of every screen; leaving
the wizard with unsaved answers asks first; the screen keys work from every screen."""

from __future__ import annotations

from textual.widgets import Input
from tui_helpers import poll_until, run, running_app

from readiness.tui.screens.blockers import BlockerForm, BlockersScreen
from readiness.tui.screens.checklist import ChecklistScreen
from readiness.tui.screens.dashboard import DashboardScreen
from readiness.tui.screens.findings import FindingsScreen
from readiness.tui.screens.gates import GatesScreen
from readiness.tui.screens.modals import ConfirmScreen, TextScreen, WaiveScreen
from readiness.tui.screens.triage import TriageScreen

PRINTABLE = "".join(chr(code) for code in range(32, 127))  # space to tilde: letters, digits, punctuation


async def type_everything(app, pilot, field_id: str) -> None:
    """Type every printable ASCII character into the focused field `field_id`; the app keeps running, the screen
    stays, and the field holds exactly what was typed."""
    screen = app.screen
    field = screen.query_one(f"#{field_id}", Input)
    field.focus()
    await pilot.pause()
    field.value = ""
    await pilot.press(*PRINTABLE)
    await pilot.pause()
    assert app.is_running and app.screen is screen, f"{field_id}: a typed key left {type(screen).__name__}"
    assert app.focused is field, f"{field_id}: a typed key moved the focus to {app.focused!r}"
    assert field.value == PRINTABLE, f"{field_id} holds {field.value!r}"


def test_t_opens_the_wizard_on_the_summary_and_q_types(demo_repo):
    async def scenario():
        async with running_app(demo_repo, size=(80, 24)) as (app, pilot):
            await pilot.press("t")
            await poll_until(pilot, lambda: isinstance(app.screen, TriageScreen), what="the wizard")
            await pilot.press(*"quota exceeded on staging")  # typed at once: while the evidence is gathered too
            screen = app.screen
            await poll_until(pilot, lambda: screen.triage is not None, what="the evidence")
            await pilot.pause()
            assert app.is_running and app.screen is screen
            summary = screen.query_one("#s1-summary", Input)
            assert app.focused is summary and summary.value == "quota exceeded on staging"
            assert screen.triage.suggestion is not None  # the class is pre-selected: the summary comes first

    run(scenario())


def test_every_printable_character_reaches_each_text_field_of_the_wizard(demo_repo):
    async def scenario():
        async with running_app(demo_repo, initial_screen="triage") as (app, pilot):
            screen = app.screen
            await poll_until(pilot, lambda: screen.triage is not None, what="the evidence")
            await type_everything(app, pilot, "s1-summary")
            await type_everything(app, pilot, "s1-details")
            await pilot.press("ctrl+n")
            await poll_until(pilot, lambda: screen.triage.step.value == 2, what="step 2")
            await type_everything(app, pilot, "s2-scope")
            await pilot.press("ctrl+n", "ctrl+n")
            await poll_until(pilot, lambda: screen.triage.step.value == 4, what="step 4")
            await type_everything(app, pilot, "s4-follow-up")
            await type_everything(app, pilot, "s4-criteria")

    run(scenario())


def test_every_printable_character_reaches_the_filter_and_the_dialogs(demo_repo):
    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            await pilot.press("f")
            await poll_until(pilot, lambda: isinstance(app.screen, FindingsScreen), what="the findings")
            await type_everything(app, pilot, "filter")
            app.screen.query_one("#filter", Input).value = ""
            await pilot.press("escape")
            await poll_until(pilot, lambda: app.screen.query_one("#finding-table").row_count > 0, what="findings")
            app.screen.query_one("#finding-table").focus()
            await pilot.press("w")
            await poll_until(pilot, lambda: isinstance(app.screen, WaiveScreen), what="the waiver dialog")
            await type_everything(app, pilot, "waive-reason")
            await pilot.press("escape")
            await pilot.press("b")
            await poll_until(pilot, lambda: isinstance(app.screen, BlockersScreen), what="the blockers")
            await pilot.press("a")
            await poll_until(pilot, lambda: isinstance(app.screen, BlockerForm), what="the blocker form")
            for name in ("summary", "details", "scope", "follow_up", "next"):
                await type_everything(app, pilot, f"field-{name}")
            await pilot.press("escape")
            await poll_until(pilot, lambda: isinstance(app.screen, BlockersScreen), what="the form to close")
            await pilot.press("c")
            await poll_until(pilot, lambda: isinstance(app.screen, ChecklistScreen), what="the checklist")
            screen = app.screen
            table = screen.query_one("#item-table")
            await poll_until(pilot, lambda: table.row_count > 1, what="the items")
            for row in range(table.row_count):
                table.move_cursor(row=row)
                await pilot.pause()
                if screen.is_manual():
                    break
            await pilot.press("n")
            await poll_until(pilot, lambda: isinstance(app.screen, TextScreen), what="the note dialog")
            await type_everything(app, pilot, "text-value")

    run(scenario())


def test_leaving_the_wizard_with_answers_asks_first(demo_repo):
    async def scenario():
        async with running_app(demo_repo, initial_screen="triage") as (app, pilot):
            screen = app.screen
            await poll_until(pilot, lambda: screen.triage is not None, what="the evidence")
            await pilot.press(*"staging is down")
            await pilot.press("escape")
            await poll_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
            await pilot.press("n")
            await poll_until(pilot, lambda: app.screen is screen, what="the wizard again")
            assert screen.query_one("#s1-summary", Input).value == "staging is down"
            screen.query_one("#s1-klass").focus()
            await pilot.press("q")  # quitting asks too
            await poll_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
            await pilot.press("n")
            await poll_until(pilot, lambda: app.screen is screen, what="the wizard again")
            await pilot.press("g")  # a screen key asks too
            await poll_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the question")
            await pilot.press("y")
            await poll_until(pilot, lambda: isinstance(app.screen, GatesScreen), what="the gates")
            assert app.is_running

    run(scenario())


def test_the_screen_keys_work_from_every_screen(demo_repo):
    screens = {"c": ChecklistScreen, "f": FindingsScreen, "g": GatesScreen, "b": BlockersScreen,
               "t": TriageScreen, "d": DashboardScreen}

    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            for here in "cfgbt":
                for there in "cfgbtd":
                    # back on the dashboard: d, or escape from the wizard (whose summary takes a typed d)
                    await pilot.press("escape" if isinstance(app.screen, TriageScreen) else "d")
                    await poll_until(pilot, lambda: isinstance(app.screen, DashboardScreen),
                                     what=lambda: f"the dashboard, not {app.screen_stack} (focus {app.focused})")
                    await pilot.press(here)
                    await poll_until(pilot, lambda here=here: isinstance(app.screen, screens[here]), what=f"{here}'s screen")
                    if here == "t":
                        await poll_until(pilot, lambda: app.screen.triage is not None, what="the evidence")
                        app.screen.query_one("#s1-klass").focus()  # off the summary: keys are shortcuts again
                        await pilot.pause()
                    await pilot.press(there)
                    await poll_until(pilot, lambda: isinstance(app.screen, screens[there]),  # noqa: B023
                                     what=f"{there} from {here}")
            await pilot.press(*"cfgbdcfgbd")  # faster than the screens mount: still one screen at a time
            await poll_until(pilot, lambda: isinstance(app.screen, DashboardScreen),
                             what=lambda: f"the dashboard, not {app.screen_stack} (focus {app.focused})")
            assert len(app.screen_stack) == 1 and app.is_running

    run(scenario())
