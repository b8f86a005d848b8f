"""An invalid configuration is the verdict, and nothing on screen pretends otherwise: the findings and checklist
panels say they are unavailable (no "✔ no findings" all-clear, no endless "evaluating…"), the header names the
branch and the problem instead of "opening the repository…", the README's blockers are still listed, and saving
the fixed configuration scans again."""

from __future__ import annotations

from tui_helpers import poll_until, run, running_app, save_until, screen_text, wait_for_text


def row_text(app, selector: str, index: int) -> str:
    return " ".join(str(cell) for cell in app.screen.query_one(selector).get_row_at(index))


def first_cell(app, selector: str) -> str:
    table = app.screen.query_one(selector)
    return str(table.get_row_at(0)[0]) if table.row_count else ""


def test_the_configuration_error_is_the_verdict_and_the_panels_are_unavailable(demo_repo):
    demo_repo.write("pyproject.toml", "[project]\nname = \"payments\"\n\n[tool.readiness]\nbogus = 1\n")

    async def scenario():
        async with running_app(demo_repo, watch=True, settled=False) as (app, pilot):
            await poll_until(pilot, lambda: app.state.scan_error is not None, what="the scan error")
            await wait_for_text(pilot, app, "Invalid configuration: pyproject.toml:5: unknown key bogus")
            # the blockers, read anyway (judged by the panel's rows: the "Scan failed" toast may cover the panel)
            await poll_until(pilot, lambda: any("staging DB refuses connections" in row_text(app, "#blocker-table", i)
                                                for i in range(app.screen.query_one("#blocker-table").row_count)),
                             what="the open blocker in its panel")
            # the panels' own rows, not the rendered screen: a "Scan failed" toast may cover part of it
            await poll_until(pilot, lambda: [first_cell(app, "#checklist-table"), first_cell(app, "#category-table")]
                           == ["unavailable (see the verdict)"] * 2, what="both panels marked unavailable")
            text = screen_text(app)
            assert "no findings" not in text and "evaluating" not in text and "no open blockers" not in text
            assert "feature/refunds" in text and "invalid configuration: nothing scanned" in text
            assert "opening the repository" not in text
            assert app.state.findings == () and app.state.checklists == ()
            app.run_gates(["build"])
            assert not app.state.gates_running  # nothing runs on a configuration nobody could read
            await poll_until(pilot, lambda: app.state.live == "on", what="the watcher")
            # save the fix until the watcher (started just now) sees it; a scan that started is not restarted
            await save_until(pilot, lambda: demo_repo.write("pyproject.toml", "[project]\nname = \"payments\"\n"),
                             lambda: app.state.scanning or app.state.scan_error is None, "a scan of the fixed configuration")
            await poll_until(pilot, lambda: app.state.scan_error is None and app.state.checklists_ready, timeout=60,
                           what="the scan after the fix")
            await wait_for_text(pilot, app, "todo-throw")
            await poll_until(pilot, lambda: "unavailable" not in screen_text(app), what="the panels back")

    run(scenario())
