"""The app's side of the quality gates: start, cancel, the trust prompt, and the results and output they stream.

Gates run in an app worker, so they keep running (and keep feeding the checklists) when you leave the gates
screen. Output is kept per gate, bounded, already cleaned of escape sequences and masked by the runner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from readiness.render.formats import safe
from readiness.tui import messages as msg
from readiness.tui.model import mask_text

if TYPE_CHECKING:
    from textual.app import App
    from textual.worker import Worker

    from readiness.core.gates.store import Stored
    from readiness.core.gates.trust import Subject
    from readiness.core.models import GateResult
    from readiness.core.pipeline.run import ScanResult
    from readiness.tui.state import AppState

    _AppBase = App[int]  # for the type checker only: the mixin uses the App's API (notify, push_screen, workers)
else:
    _AppBase = object

MAX_LOG_LINES = 5000


def trust_body(subject: Subject, state: str, changes: tuple[str, ...], detail: str, needing: tuple[str, ...]) -> Text:
    """The trust prompt's facts: why it asks, what changed since the last trust, what would run (masked)."""
    body = Text()
    if state == "changed":
        body.append("A gate command or a script it runs changed since you trusted this repository:\n",
                    style="bold yellow")
        for line in changes:
            body.append(f"  {mask_text(safe(line))}\n", style="red" if line.startswith("-") else "green"
                        if line.startswith("+") else "yellow")
        body.append("\n")
    elif state in ("unsafe", "damaged"):
        body.append(f"{safe(detail)}\n\n", style="bold yellow")  # trusting here writes a new, safe store
    if needing:
        body.append(f"These gates run this repository's code: {', '.join(needing)}\n\n")
    body.append("What would run (in the repository root, with your environment):\n", style="bold")
    for line in subject.commands:
        body.append(f"  {mask_text(safe(line))}\n")
    if subject.scripts:
        body.append(f"Repository scripts (hashed): {safe(', '.join(subject.scripts))}\n")
    body.append(f"\nConfiguration: {safe(subject.config or '(none: built-in defaults)')} (comments and settings "
                "that change no command keep the trust)\n")
    body.append(f"Digest:        sha256 {subject.digest[:16]}…", style="dim")
    return body


class GateControl(_AppBase):
    """Mixed into the App (handlers use the `on_<message>` names: a mixin cannot carry `@on`)."""

    # What the mixin uses from ReadinessApp (set in its __init__).
    state: AppState
    _tree_version: int

    if TYPE_CHECKING:
        def publish(self, topic: str) -> None: ...

        def evaluate(self) -> None: ...

        def gates_worker(self, result: ScanResult, gate_ids: tuple[str, ...], ask: bool,
                         grant: Subject | None = None) -> Worker[None]: ...

    def init_gates(self) -> None:
        self._running_gate_ids: set[str] = set()
        self._gates_tree = 0  # the tree version the running gates started on

    def tree_changed(self) -> None:
        """The watcher saw files change: every result describes an older tree until the re-scan ends, when the store
        says which still hold (`take_stored`): a README edit leaves the tests gate's result current, a source edit
        makes it stale (○)."""
        self._tree_version += 1
        if self.state.gate_results:
            self.state.stale_gates.update(self.state.gate_results)
            self.state.gate_results.clear()
            self.publish("gates")

    def take_stored(self, stored: Stored) -> None:
        """The gates' last results as the store judges them for the scanned tree (gates running now aside)."""
        running = self._running_gate_ids if self.state.gates_running else set()
        for gate_id, result in stored.fresh.items():
            if gate_id not in running:
                self.state.gate_results[gate_id] = result
                self.state.stale_gates.pop(gate_id, None)
        for gate_id, result in stored.stale.items():
            if gate_id not in running:
                self.state.stale_gates[gate_id] = self.state.gate_results.pop(gate_id, result)
        self.publish("gates")

    def keep_result(self, result: GateResult) -> None:
        """A gate's result is current only when no file changed since its run started."""
        if self._gates_tree == self._tree_version:
            self.state.gate_results[result.id] = result
            self.state.stale_gates.pop(result.id, None)
        else:
            self.state.stale_gates[result.id] = result
            self.state.gate_results.pop(result.id, None)

    def run_gates(self, gate_ids: list[str]) -> None:
        if self.state.scan_error is not None:
            self.notify(f"nothing can run until the scan works: {self.state.scan_error}", severity="warning",
                        markup=False, timeout=6)
            return
        if self.state.result is None:
            self.notify("the scan is still running: try again in a moment", timeout=3)
            return
        if self.state.gates_running:
            self.notify("gates are running: x cancels them", timeout=3)
            return
        if not gate_ids:
            return
        self.state.gates_running = True
        self._running_gate_ids = set(gate_ids)
        self._gates_tree = self._tree_version
        for gate_id in gate_ids:
            self.state.gate_output[gate_id] = []
        self.gates_worker(self.state.result, tuple(gate_ids), True)
        self.publish("gates")

    def cancel_gates(self) -> None:
        if not self.state.gates_running:
            self.notify("no gate is running", timeout=3)
            return
        self.workers.cancel_group(self, "gates")
        self.notify("cancelling: the running gates' processes are being stopped", timeout=3)

    def on_trust_needed(self, event: msg.TrustNeeded) -> None:
        # Local: the modals (~11 ms) load only when a gate first asks for trust.
        from readiness.tui.screens.modals import ConfirmScreen

        subject = event.subject
        body = trust_body(subject, event.state, event.changes, event.detail, event.needing)

        def answered(yes: bool | None) -> None:
            if self.state.result is None:  # the scan failed while the prompt was open: nothing can run
                self.state.gates_running, self._running_gate_ids = False, set()
                self.publish("gates")
                self.notify("nothing can run until the scan works", severity="warning", timeout=6)
                return
            self.gates_worker(self.state.result, event.gate_ids, False, subject if yes else None)
            if not yes:
                self.notify("running without trust: the gates above report skip (untrusted)", timeout=4)

        self.push_screen(ConfirmScreen("Trust prompt", body, "Trust what these gates would run?",
                                       yes="Trust and run", no="Run without them"), answered)

    def on_gate_started(self, event: msg.GateStarted) -> None:
        self.state.running_gates.add(event.gate_id)
        self.state.gate_output[event.gate_id] = []
        self.publish("gates")

    def on_gate_output(self, event: msg.GateOutput) -> None:
        log = self.state.gate_output.setdefault(event.gate_id, [])
        log.extend(mask_text(line) for line in event.lines)  # the runner masks already: belt and braces
        if len(log) > MAX_LOG_LINES:
            del log[:len(log) - MAX_LOG_LINES]
        self.publish(f"gate-output:{event.gate_id}")

    def on_gate_finished(self, event: msg.GateFinished) -> None:
        result = event.result
        self.keep_result(result)
        self.state.running_gates.discard(result.id)
        if not self.state.gate_output.get(result.id) and result.output:
            self.state.gate_output[result.id] = mask_text(result.output).splitlines()[-MAX_LOG_LINES:]
        self.publish("gates")

    def on_gates_stopped(self, event: msg.GatesStopped) -> None:
        for result in event.results:
            self.keep_result(result)
            if not self.state.gate_output.get(result.id) and result.output:
                self.state.gate_output[result.id] = mask_text(result.output).splitlines()[-MAX_LOG_LINES:]
        self.state.gates_running = False
        self.state.running_gates.clear()
        if event.cancelled:
            self.notify("gates cancelled", timeout=3)
        self.publish("gates")
        self.evaluate()
