"""The wizard's first step starts on the summary (the findings pre-select a class when no gate ran; the footer
offers f1 help and ^p palette, not keys that would type), an error about a missing summary goes away once the summary is typed, and step 5 leaves
out the file that holds the deferred checklist item's findings."""

from __future__ import annotations

from textual.widgets import Input, OptionList, RadioSet, Static
from tui_helpers import poll_until, run, running_app, screen_text, wait_for_text

from readiness.core.triage.flow import Step
from readiness.tui.widgets.triage_steps import DeferList


def error_text(screen, step: int) -> str:
    return str(screen.query_one(f"#s{step}-error", Static).render())


def test_focus_suggestion_error_and_next_module(demo_repo):
    async def scenario():
        async with running_app(demo_repo, initial_screen="triage") as (app, pilot):
            screen = app.screen
            await poll_until(pilot, lambda: screen.triage is not None, what="the evidence")
            assert isinstance(app.focused, Input) and app.focused.id == "s1-summary"
            footer = screen_text(app).rstrip().splitlines()[-1]
            assert "f1 help" in footer and "^p palette" in footer and "q quit" not in footer
            assert screen.triage.suggestion.klass == "logic"
            assert "todo-throw finding: pkg/payments.py:7" in screen.triage.suggestion.reason
            await pilot.press("ctrl+n")
            assert screen.triage.step is Step.CLASSIFY
            await wait_for_text(pilot, app, "needs a summary")
            assert isinstance(app.focused, Input) and app.focused.id == "s1-summary"
            await pilot.press("shift+tab")
            assert isinstance(app.focused, RadioSet) and app.focused.id == "s1-klass"
            await pilot.press("tab")
            await pilot.press(*"refunds")
            await poll_until(pilot, lambda: "needs a summary" not in screen_text(app), what="the error to clear")
            assert error_text(screen, 1) == ""
            await pilot.press("ctrl+n")
            assert screen.triage.step is Step.SCOPE
            defer = screen.query_one("#s2-defer", DeferList)
            defer.highlighted = defer.get_option_index("ready-for-review/no-todo-throws")
            await pilot.press("space", "ctrl+n")
            await wait_for_text(pilot, app, "Scope: ship without: no TODO throws (deferred)")
            await pilot.press("ctrl+n")
            await poll_until(pilot, lambda: screen.triage.step is Step.FOLLOW_UP, what="step 4")
            assert screen.query_one("#s4-follow-up", Input).value == 'make "no TODO throws" pass'
            await pilot.press("ctrl+n")
            await poll_until(pilot, lambda: screen.triage.step is Step.CONTINUE, what="step 5")
            options = screen.query_one("#s5-next", OptionList)
            choices = [options.get_option_at_index(i).id for i in range(options.option_count)]
            assert choices == ["pkg/notify.py", "\0none"]  # pkg/payments.py holds the deferred stub
            await wait_for_text(pilot, app, "they hold deferred work: pkg/payments.py")

    run(scenario())
