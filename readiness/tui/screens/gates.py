"""Quality gates: one row per gate (status, duration, summary) and the selected gate's output as it streams."""

from __future__ import annotations

import time

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, RichLog

from readiness.core.gates import known_gates, spec_for
from readiness.core.models import GateResult
from readiness.core.pipeline.verdict import STALE_GATE
from readiness.render.formats import STATUS_ICON, safe
from readiness.tui.model import mask_text
from readiness.tui.screens.base import ModelScreen
from readiness.tui.widgets.common import RUNNING_ICON, plain, refill, selected_key, status_text
from readiness.tui.widgets.footer import KeysFooter
from readiness.tui.widgets.header import RepoHeader, VerdictBar
from readiness.tui.widgets.tables import RunTable


def gate_list(app) -> list[str]:
    values = app.state.result.config.values if app.state.result is not None else {}
    return known_gates(values)


def gate_title(gate_id: str, values: dict) -> str:
    try:
        return spec_for(gate_id, values).command_doc
    except Exception:  # a malformed gate table: the scan reports it, the row just shows the id
        return ""


class GatesScreen(ModelScreen):
    """The quality gates: run one or all, watch the output stream, cancel a run."""

    HELP = ("enter runs the highlighted gate, a runs them all, x cancels (the whole process group of every "
            "running gate is stopped). Gates that run this repository's code (tests, coverage, smoke, commands "
            "from its configuration) ask for trust first; trust is kept in your user state directory, never in "
            "the repository. Green results are reused while the tree is unchanged; once a file changes, every result "
            "turns stale (○, with what it was) until its gate runs again.")
    TITLE_TEXT = "Gates"
    AUTO_FOCUS = "#gate-table"
    TOPICS = frozenset({"summary", "progress", "gates", "checklists"})
    BINDINGS = [
        Binding("escape", "back", "back"),
        Binding("a", "run_all", "run all"),
        Binding("x", "cancel", "cancel"),
        Binding("l", "focus_log", "log", show=False),
    ]

    def __init__(self, gate_id: str | None = None) -> None:
        super().__init__()
        self.initial_gate = gate_id
        self.shown_gate: str | None = None
        self.shown_lines = 0
        self.started: dict[str, float] = {}

    def compose(self) -> ComposeResult:
        yield RepoHeader(id="header")
        yield VerdictBar(id="verdict")
        yield RunTable(id="gate-table")
        yield RichLog(id="gate-log", max_lines=5000, wrap=True, highlight=False, markup=False, auto_scroll=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#gate-table", DataTable)
        table.add_column("gate", key="gate")
        table.add_column("time", key="time")
        table.add_column("summary", key="summary")
        table.border_title = "Gates"
        self.query_one("#gate-log", RichLog).border_title = "Output"
        super().on_mount()
        if self.initial_gate is not None:
            keys = [gate for gate in gate_list(self.model)]
            if self.initial_gate in keys:
                table.move_cursor(row=keys.index(self.initial_gate), animate=False)
        table.focus()
        self.set_interval(1.0, self.tick)

    def _changed(self, topic: str) -> None:
        if topic.startswith("gate-output:"):
            if self.is_attached and topic.split(":", 1)[1] == self.shown_gate:
                self.append_output()
            return
        super()._changed(topic)

    def tick(self) -> None:
        if self.model.state.running_gates:
            self.redraw("gates")

    def row(self, gate_id: str, values: dict) -> list[object]:
        app = self.model
        result: GateResult | None = app.state.gate_results.get(gate_id)
        if gate_id in app.state.running_gates:
            started = self.started.setdefault(gate_id, time.monotonic())
            return [Text(f"{RUNNING_ICON} {gate_id}", style="bold"), plain(f"{time.monotonic() - started:.0f}s"),
                    plain("running…", "dim")]
        self.started.pop(gate_id, None)
        stale = app.state.stale_gates.get(gate_id)
        queued = app.state.gates_running and gate_id in app.state.gate_output and not app.state.gate_output[gate_id]
        if result is None and stale is not None and not queued:
            was = f"{STATUS_ICON.get(str(stale.status), '·')} {mask_text(stale.summary)}"
            return [Text(f"○ {gate_id}", style="blue italic"), plain(f"{stale.duration_s:.1f}s", "dim"),
                    plain(f"{STALE_GATE} · was {was}", "dim italic")]
        if result is None:
            return [Text(f"○ {gate_id}", style="blue"), plain(""),
                    plain("queued" if queued else f"not run · {mask_text(gate_title(gate_id, values))}", "dim")]
        return [status_text(str(result.status), gate_id), plain(f"{result.duration_s:.1f}s"),
                plain(mask_text(result.summary))]

    def redraw(self, topic: str) -> None:
        super().redraw(topic)
        if topic not in ("all", "gates", "summary"):
            return
        values = self.model.state.result.config.values if self.model.state.result is not None else {}
        table = self.query_one("#gate-table", DataTable)
        refill(table, [(gate_id, self.row(gate_id, values)) for gate_id in gate_list(self.model)])
        running = len(self.model.state.running_gates)
        table.border_title = f"Gates · {running} running" if running else "Gates"
        self.show_output(force=topic == "gates")

    @on(DataTable.RowHighlighted, "#gate-table")
    def highlighted(self) -> None:
        self.show_output()

    def show_output(self, force: bool = False) -> None:
        """The selected gate's output: streamed while it runs, redrawn with its result when it ends."""
        gate_id = selected_key(self.query_one("#gate-table", DataTable))
        running = gate_id in self.model.state.running_gates
        if gate_id == self.shown_gate and (not force or running):
            self.append_output()
            return
        log = self.query_one("#gate-log", RichLog)
        self.shown_gate, self.shown_lines = gate_id, 0
        log.clear()
        log.border_title = f"Output · {gate_id}" if gate_id else "Output"
        result = self.model.state.gate_results.get(gate_id or "")
        stale = result is None and not running and (gate_id or "") in self.model.state.stale_gates
        if stale:
            result = self.model.state.stale_gates[gate_id or ""]
            log.write(Text(f"○ {STALE_GATE}: enter runs {gate_id} again. Its last result:", style="blue italic"))
        if result is not None and not running:
            log.write(status_text(str(result.status), f"{gate_id}: {mask_text(safe(result.summary))}"))
            streamed = self.model.state.gate_output.get(gate_id or "", [])
            if not (streamed and streamed[0].startswith("$ ")):
                log.write(Text(f"$ {mask_text(safe(result.command))}", style="bold"))
            for detail in result.details:
                log.write(Text(f"  {mask_text(safe(detail))}", style="yellow"))
        elif not running and not self.model.state.gate_output.get(gate_id or ""):
            log.write(Text("not run yet: enter runs it, a runs every gate", style="dim"))
        self.append_output()

    def append_output(self) -> None:
        lines = self.model.state.gate_output.get(self.shown_gate or "", [])
        log = self.query_one("#gate-log", RichLog)
        for line in lines[self.shown_lines:]:
            log.write(Text(safe(line)))
        self.shown_lines = len(lines)

    @on(DataTable.RowSelected, "#gate-table")
    def run_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.model.run_gates([event.row_key.value])

    def action_run_all(self) -> None:
        self.model.run_gates(gate_list(self.model))

    def action_cancel(self) -> None:
        self.model.cancel_gates()

    def action_focus_log(self) -> None:
        self.query_one("#gate-log", RichLog).focus()
