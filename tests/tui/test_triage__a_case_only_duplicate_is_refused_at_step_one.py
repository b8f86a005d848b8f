"""The wizard refuses a blocker the README already logs at step 1, with the test `readiness triage` applies
(readiness.core.triage.session.find_duplicate): the same class and summary, whatever the case and spacing."""

from __future__ import annotations

from textual.widgets import Input, RadioButton, RadioSet, Static
from tui_helpers import make_app, run, settle, wait_for

from readiness.core.triage.flow import Step


def error_text(screen) -> str:
    return str(screen.query_one("#s1-error", Static).render())


def test_case_only_duplicate_is_refused_at_step_one(demo_repo):
    readme = demo_repo.path / "README.md"
    before = readme.read_bytes()

    async def scenario():
        app = make_app(demo_repo, initial_screen="triage")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            await wait_for(pilot, lambda: screen.triage is not None, what="the evidence")
            await wait_for(pilot, lambda: len(app.state.blockers) == 1, what="the blocker log")
            logged = app.state.blockers[0]  # B1 · environment · staging DB refuses connections from CI runners
            assert logged.is_open and logged.klass == "environment"
            button = next(b for b in screen.query_one("#s1-klass", RadioSet).query(RadioButton)
                          if str(b.label) == "environment")
            button.value = True
            screen.query_one("#s1-summary", Input).value = "  STAGING db refuses   connections from ci RUNNERS "
            await pilot.pause()
            await pilot.press("ctrl+n")
            await wait_for(pilot, lambda: "already logs" in error_text(screen), what="the duplicate refused")
            assert screen.triage.step is Step.CLASSIFY
            assert "B1 already logs this blocker" in error_text(screen)
            screen.query_one("#s1-summary", Input).value = "staging DB refuses connections from laptops too"
            await pilot.pause()
            await pilot.press("ctrl+n")
            await wait_for(pilot, lambda: screen.triage.step is Step.SCOPE, what="step 2")

    run(scenario())
    assert readme.read_bytes() == before
