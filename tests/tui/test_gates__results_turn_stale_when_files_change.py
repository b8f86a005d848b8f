"""Gate results describe the tree they ran on: once the watcher sees a file change, they are stale (○ "stale:
files changed since the gates ran" on the checklist items and the gates screen), the verdict stops counting an
old failed gate, and running the gate again makes its result current."""

from __future__ import annotations

from tui_helpers import checklist_item as item
from tui_helpers import (
    fixed_gate_results,
    poll_until,
    run,
    running_app,
    save_until,
    screen_text,
    wait_for_text,
)

from readiness.core.pipeline.verdict import decide
from readiness.tui.screens.gates import GatesScreen

STALE = "stale: files changed since the gates ran"


def failed_gates(app) -> int:
    """How many failed gates the verdict behind the headline counts."""
    return decide(app.state.findings, app.state.checklists, tuple(app.state.gate_results.values())).gates


def test_a_saved_file_makes_the_gate_results_stale(demo_repo):
    async def scenario():
        async with running_app(demo_repo, watch=True) as (app, pilot):
            await poll_until(pilot, lambda: app.state.live == "on", what="the watcher")
            app.state.gate_results.update(fixed_gate_results())  # build ✔, lint ✘, tests ✔
            app.evaluate()
            await poll_until(pilot, lambda: item(app, "ready-for-review", "tests-green").detail.startswith(
                "tests gate passed"), what="the gate results in the checklist")
            await poll_until(pilot, lambda: failed_gates(app) == 1 and "✘ not ready" in screen_text(app),
                           what="the verdict counting the failed lint gate")
            counter = iter(range(100))
            await save_until(pilot, lambda: demo_repo.write("pkg/shipping.py", f"X = {next(counter)}\n"),
                             lambda: "tests" in app.state.stale_gates, "the gates to turn stale")
            assert app.state.gate_results == {}
            await poll_until(pilot, lambda: item(app, "ready-for-review", "tests-green").detail.startswith(STALE),
                           what="the stale checklist item")
            tests_green = item(app, "ready-for-review", "tests-green")
            assert str(tests_green.status) == "manual" and "(last run: tests pass)" in tests_green.detail
            await poll_until(pilot, lambda: failed_gates(app) == 0, what="the verdict to forget lint")
            await pilot.press("g")
            await poll_until(pilot, lambda: isinstance(app.screen, GatesScreen), what="the gates screen")
            await wait_for_text(pilot, app, "○ tests")
            text = screen_text(app)
            assert f"{STALE} · was ✔ 1 passed" in text and f"{STALE} · was ✘ 2 errors" in text
            app.run_gates(["build"])  # a static gate: no trust needed
            await poll_until(pilot, lambda: "build" in app.state.gate_results and not app.state.gates_running, timeout=30,
                           what="the build gate")
            assert "build" not in app.state.stale_gates and "lint" in app.state.stale_gates

    run(scenario())


def test_a_result_of_a_run_that_began_before_a_change_is_stale(demo_repo):
    """The watcher reports a change while a gate runs: its result describes neither tree, so it is stale."""
    from readiness.tui import messages as msg

    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            result = fixed_gate_results()["lint"]
            app.state.gates_running = True
            app._gates_tree = app._tree_version
            app.post_message(msg.FilesChanged(frozenset({"pkg/notify.py"})))
            await poll_until(pilot, lambda: app._tree_version > app._gates_tree, what="the change")
            app.post_message(msg.GatesStopped(False, (result,)))
            await poll_until(pilot, lambda: not app.state.gates_running, what="the end of the run")
            assert app.state.stale_gates == {"lint": result} and app.state.gate_results == {}

    run(scenario())
