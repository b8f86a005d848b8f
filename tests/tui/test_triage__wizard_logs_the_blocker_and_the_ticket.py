"""The triage wizard, as `readiness triage` opens it: the class is suggested from a failed gate, scope is
reduced by deferring a module, the README entry is previewed, the ticket written, the next independent module
picked; then the entry is logged, the ticket saved and copyable."""

from __future__ import annotations

import datetime

from textual.widgets import Input, OptionList
from tui_helpers import make_app, poll_until, run, running_app, screen_text, wait_for_text

from readiness.core.models import GateResult, GateStatus
from readiness.core.triage.flow import Step
from readiness.tui.screens.triage import TriageScreen
from readiness.tui.widgets.triage_steps import DeferList

BUILD_FAILURE = GateResult("build", GateStatus.FAIL, "python -m compileall", 0.2,
                           "1 error: pkg/payments.py:3: SyntaxError: invalid syntax")


def test_the_five_steps_end_in_a_readme_entry_a_ticket_and_the_next_module(demo_repo):
    today = datetime.date.today().isoformat()

    async def scenario():
        app = make_app(demo_repo, initial_screen="triage")
        app.state.gate_results["build"] = BUILD_FAILURE
        async with running_app(app=app) as (app, pilot):
            screen = app.screen
            assert isinstance(screen, TriageScreen)
            await poll_until(pilot, lambda: screen.triage is not None, what="the evidence")
            assert screen.triage.suggestion.klass == "build"
            await poll_until(pilot, lambda: "build suggested" in " ".join(screen_text(app).split()), what="evidence")
            screen.query_one("#s1-summary", Input).value = "the parser does not compile on 3.13"
            await pilot.press("ctrl+n")
            assert screen.triage.step is Step.SCOPE
            defer = screen.query_one("#s2-defer", DeferList)
            defer.focus()
            defer.highlighted = defer.get_option_index("pkg/payments.py")
            await pilot.press("space")
            await pilot.press("ctrl+n")
            assert screen.triage.deferred == ("pkg/payments.py",)
            await wait_for_text(pilot, app, "Scope: ship without: pkg/payments.py (deferred)")  # step 3 previews
            await pilot.press("ctrl+n")
            screen.query_one("#s4-criteria", Input).value = "compiles on 3.13; parser tests pass"
            await pilot.press("ctrl+n")
            assert screen.triage.step is Step.CONTINUE
            options = screen.query_one("#s5-next", OptionList)
            choices = [options.get_option_at_index(i).id for i in range(options.option_count)]
            assert choices == ["pkg/notify.py", "\0none"]  # the changed modules, minus the blocked one
            options.highlighted = 0
            await pilot.press("ctrl+n")
            await poll_until(pilot, lambda: screen.outcome is not None, what="the written entry")
            readme = (demo_repo.path / "README.md").read_text()
            assert (f"- [ ] **B2** · build · {today} · the parser does not compile on 3.13\n"
                    "  - Scope: ship without: pkg/payments.py (deferred)\n"
                    "  - Follow-up: finish pkg/payments.py\n"
                    "  - Next: pkg/notify.py\n") in readme
            tickets = list((demo_repo.path / ".git/readiness/tickets").iterdir())
            assert [t.name for t in tickets] == [screen.outcome.ticket_path.name]
            assert "- [ ] compiles on 3.13" in tickets[0].read_text()
            await pilot.press("c")
            assert app.clipboard == screen.outcome.ticket.markdown

    run(scenario())


def test_back_keeps_the_answers_and_a_missing_summary_is_explained(demo_repo):
    async def scenario():
        async with running_app(demo_repo, initial_screen="triage") as (app, pilot):
            screen = app.screen
            await poll_until(pilot, lambda: screen.triage is not None, what="the evidence")
            assert screen.triage.suggestion.klass == "logic"  # no failed gate: the findings suggest it
            assert "todo-throw finding" in screen.triage.suggestion.reason
            await pilot.click("#klass-logic")
            await pilot.press("ctrl+n")
            assert screen.triage.step is Step.CLASSIFY
            await wait_for_text(pilot, app, "needs a summary")
            screen.query_one("#s1-summary", Input).value = "refund totals are off by one cent"
            await pilot.press("ctrl+n", "ctrl+n")
            assert screen.triage.step is Step.LOG
            await pilot.press("ctrl+b", "ctrl+b")
            assert screen.triage.step is Step.CLASSIFY
            assert screen.query_one("#s1-summary", Input).value == "refund totals are off by one cent"
            assert screen.triage.klass == "logic"

    run(scenario())
