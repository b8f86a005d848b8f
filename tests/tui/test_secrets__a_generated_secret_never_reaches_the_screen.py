"""A secret in the repository (generated at test time) never appears on any screen: the dashboard, the findings
table and the code around the finding, every checklist, a gate that prints the file holding it, the trust prompt
of a gate whose command names it, the blockers and the triage wizard fed by that gate's output."""

from __future__ import annotations

import json
import sys

from textual.widgets import DataTable
from tui_helpers import poll_until, run, running_app, screen_text

from readiness.tui.screens.findings import FindingsScreen
from readiness.tui.screens.modals import ConfirmScreen
from readiness.tui.screens.triage import TriageScreen


def assert_clean(app, secret: str, where: str) -> None:
    tail = secret[6:]  # the part a mask never keeps
    for text in (screen_text(app), app.export_screenshot()):
        assert tail not in text, f"the secret is visible on {where}"
    for notification in app._notifications:
        assert tail not in notification.message, f"the secret is in a notification on {where}"


def test_the_secret_is_masked_on_every_screen(demo_repo):
    show = "print(open('pkg/payments.py').read()); raise SystemExit(1)"
    demo_repo.write("readiness.toml", "\n".join([
        "[gates.leaky]", f"command = {json.dumps([sys.executable, '-c', show, demo_repo.secret])}", ""]))
    secret = demo_repo.secret

    async def scenario():
        async with running_app(demo_repo, size=(140, 45)) as (app, pilot):
            assert_clean(app, secret, "the dashboard")

            await pilot.press("f")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, FindingsScreen)
            table = screen.query_one("#finding-table", DataTable)
            keys = [key.value for key in table.rows]
            table.move_cursor(row=next(i for i, k in enumerate(keys) if screen.shown[k].category == "hardcoded-secret"))
            await poll_until(pilot, lambda: 'API_TOKEN = "ghp_****"' in screen_text(app), what="the masked code")
            assert_clean(app, secret, "the findings screen")
            await pilot.press("escape")

            for checklist in app.state.checklists:
                app.action_open("checklist", checklist_id=checklist.id)
                await pilot.pause()
                assert_clean(app, secret, f"the {checklist.id} checklist")
            app.action_open("gates")
            await pilot.pause()
            gates = app.screen.query_one("#gate-table", DataTable)
            gates.move_cursor(row=[key.value for key in gates.rows].index("leaky"))
            assert_clean(app, secret, "the gates screen")
            await pilot.press("enter")
            await poll_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the trust prompt")
            assert_clean(app, secret, "the trust prompt")
            await pilot.press("y")
            await poll_until(pilot, lambda: "leaky" in app.state.gate_results and not app.state.gates_running, what="the gate")
            await poll_until(pilot, lambda: "API_TOKEN" in screen_text(app), what="the gate's output")
            assert_clean(app, secret, "the gate output")

            app.action_open("blockers")
            await pilot.pause()
            assert_clean(app, secret, "the blockers screen")
            app.action_open("triage")
            await pilot.pause()
            triage = app.screen
            assert isinstance(triage, TriageScreen)
            await poll_until(pilot, lambda: triage.triage is not None, what="the triage evidence")
            assert_clean(app, secret, "the triage wizard")

    run(scenario())
