"""The gates screen: a code-executing gate asks for trust first (what would run, the config hash), runs after a
yes with its output streamed into the log, is skipped after a no (and its command never runs), and x cancels a
running gate, killing its process."""

from __future__ import annotations

import json
import os
import sys

from textual.widgets import DataTable
from tui_helpers import poll_until, run, running_app, screen_text, settle

from readiness.tui.screens.gates import GatesScreen
from readiness.tui.screens.modals import ConfirmScreen


def configure(demo_repo, tmp_path) -> tuple:
    marker, pidfile = tmp_path / "hello-ran", tmp_path / "sleepy.pid"
    hello = f"print('hello from the gate'); open({str(marker)!r}, 'w').write('ran')"
    sleepy = (f"import os, time; open({str(pidfile)!r}, 'w').write(str(os.getpid())); "
              "print('sleeping', flush=True); time.sleep(120)")
    demo_repo.write("readiness.toml", "\n".join([
        "[gates.hello]", f"command = {json.dumps([sys.executable, '-c', hello])}", "",
        "[gates.sleepy]", f"command = {json.dumps([sys.executable, '-c', sleepy])}", "timeout = 300", ""]))
    return marker, pidfile


async def open_gates(app, pilot, gate_id: str) -> GatesScreen:
    await settle(app, pilot)
    await pilot.press("g")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, GatesScreen)
    table = screen.query_one("#gate-table", DataTable)
    table.move_cursor(row=[key.value for key in table.rows].index(gate_id))
    return screen


def test_a_trusted_gate_runs_and_its_output_streams_into_the_log(demo_repo, tmp_path):
    marker, _ = configure(demo_repo, tmp_path)

    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            await open_gates(app, pilot, "hello")
            await pilot.press("enter")
            await poll_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the trust prompt")
            prompt = screen_text(app)
            assert "Trust what these gates would run?" in prompt
            assert "hello:" in prompt and "Digest:" in prompt and "readiness.toml" in prompt
            assert not marker.exists()
            await pilot.press("y")
            await poll_until(pilot, lambda: "hello" in app.state.gate_results and not app.state.gates_running, what="the gate")
            assert str(app.state.gate_results["hello"].status) == "pass"
            assert marker.exists()
            await poll_until(pilot, lambda: "hello from the gate" in screen_text(app), what="the output")

    run(scenario())


def test_declining_trust_skips_the_gate_without_running_its_command(demo_repo, tmp_path):
    marker, _ = configure(demo_repo, tmp_path)

    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            await open_gates(app, pilot, "hello")
            await pilot.press("enter")
            await poll_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the trust prompt")
            await pilot.press("n")
            await poll_until(pilot, lambda: "hello" in app.state.gate_results and not app.state.gates_running, what="the gate")
            result = app.state.gate_results["hello"]
            assert str(result.status) == "skip" and "untrusted" in result.summary
            assert not marker.exists()

    run(scenario())


def test_x_cancels_a_running_gate_and_its_process_is_gone(demo_repo, tmp_path):
    _, pidfile = configure(demo_repo, tmp_path)

    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            await open_gates(app, pilot, "sleepy")
            await pilot.press("enter")
            await poll_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the trust prompt")
            await pilot.press("y")
            await poll_until(pilot, lambda: "sleepy" in app.state.running_gates and pidfile.exists()
                           and "sleeping" in " ".join(app.state.gate_output.get("sleepy", [])), what="the running gate")
            pid = int(pidfile.read_text())
            await pilot.press("x")
            await poll_until(pilot, lambda: not app.state.gates_running, timeout=30, what="the cancel")
            result = app.state.gate_results["sleepy"]
            assert str(result.status) != "pass"
            try:
                os.kill(pid, 0)
                alive = True
            except ProcessLookupError:
                alive = False
            assert not alive, "the gate's process survived the cancel"

    run(scenario())


def drawn_cells(app, table: DataTable) -> dict[str, list[str]]:
    """Each gate row as the screen draws it, split at the table's column widths."""
    lines = screen_text(app).splitlines()
    region = table.content_region
    widths = [column.get_render_width(table) for column in table.ordered_columns]
    rows = {}
    for index, key in enumerate(table.rows):
        line = lines[region.y + 1 + index][region.x:region.right]  # +1: the header row
        cells, start = [], 0
        for width in widths:
            cells.append(line[start:start + width].strip())
            start += width
        rows[key.value] = cells
    return rows


def test_after_the_trust_prompt_the_gate_rows_stay_drawn_at_full_width(demo_repo, tmp_path):
    """Issue 16: after `y` the table once collapsed to `✔ bu  0.3s  0 erro…` (label-wide columns) until the screen
    was opened again. Each column is as wide as its widest cell, on screen, right after the answer and the run."""
    configure(demo_repo, tmp_path)

    async def scenario():
        async with running_app(demo_repo, settled=False, size=(100, 30)) as (app, pilot):
            screen = await open_gates(app, pilot, "hello")
            await pilot.press("enter")
            await poll_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the trust prompt")
            await pilot.press("y")
            await poll_until(pilot, lambda: app.screen is screen, what="the prompt to close")
            await poll_until(pilot, lambda: "hello" in app.state.gate_results and not app.state.gates_running,
                             what="the gate")
            await pilot.pause()
            table = screen.query_one("#gate-table", DataTable)
            for column_index, column in enumerate(table.ordered_columns):
                widest = max(table.get_row_at(i)[column_index].cell_len for i in range(table.row_count))
                if column_index < len(table.ordered_columns) - 1:
                    assert column.content_width >= widest, (column.label, column.content_width, widest)
            drawn = drawn_cells(app, table)
            assert drawn["hello"][0] == "✔ hello" and drawn["hello"][1].endswith("s")
            assert drawn["build"][0].endswith("build") and "not run" in drawn["build"][2]
            assert all(len(cells[2]) > 10 for cells in drawn.values())

    run(scenario())
