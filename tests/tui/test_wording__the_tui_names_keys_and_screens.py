"""Words for the screen you are on (issue 16): inside the TUI the core's CLI hints ("run `readiness trust`",
"`readiness check --gates tests`", "run the command again") name the key and the screen instead; T on the gates
screen asks for trust (what would run) and records it."""

from __future__ import annotations

from tui_helpers import notices, poll_until, run, running_app, screen_text

from readiness.core import config as config_mod
from readiness.core.gates import trust
from readiness.tui.screens.checklist import ChecklistScreen
from readiness.tui.screens.gates import GatesScreen
from readiness.tui.screens.modals import ConfirmScreen
from readiness.tui.wording import for_screen


def test_the_cli_hints_become_keys_and_screens():
    assert for_screen("untrusted: run `readiness trust`") == \
        "untrusted: press T on the gates screen (g) to review and trust"
    assert for_screen("not run yet: `readiness check --gates tests`") == \
        "not run yet: run the tests gate on the gates screen (g, enter)"
    assert for_screen("convert it to UTF-8, then run the command again") == "convert it to UTF-8, then try again"
    assert "press space" in for_screen("stale: files changed; re-check with `readiness checklist check a b`")
    assert for_screen("nothing to rewrite here") == "nothing to rewrite here"


def test_no_cli_command_on_the_screens_and_t_trusts(demo_repo):
    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            app.action_open("checklist", checklist_id="quality-gates")
            await poll_until(pilot, lambda: isinstance(app.screen, ChecklistScreen), what="the checklist")
            await poll_until(pilot, lambda: "gates screen" in screen_text(app), what="the TUI hint")
            assert "`readiness" not in screen_text(app)
            await pilot.press("g")
            await poll_until(pilot, lambda: isinstance(app.screen, GatesScreen), what="the gates")
            app.run_gates(["tests"])
            await poll_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the trust prompt")
            await pilot.press("n")
            await poll_until(pilot, lambda: "tests" in app.state.gate_results and not app.state.gates_running,
                             what="the skipped gate")
            await poll_until(pilot, lambda: "press T on the gates screen" in screen_text(app), what="the T hint")
            assert "readiness trust" not in screen_text(app)
            await pilot.press("T")
            await poll_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the prompt of T")
            assert "tests:" in screen_text(app) and "What would run" in screen_text(app)
            await pilot.press("y")
            await poll_until(pilot, lambda: any(n.startswith("trusted:") for n in notices(app)), what="trusted")
            subject = trust.subject(demo_repo.path, config_mod.load(demo_repo.path))
            assert trust.state(subject).trusted

    run(scenario())
