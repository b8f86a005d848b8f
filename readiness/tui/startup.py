"""The app's start: the first screen is drawn before any scan work, then the early scan's verdict (if a child was
forked, `early.py`) or the app's own scan; and the header's change size after a save's re-scan.

Mixed into the App (handlers use the `on_<message>` names: a mixin cannot carry `@on`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from readiness.tui import messages as msg

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.app import App
    from textual.worker import Worker

    from readiness.tui.early import EarlyScan
    from readiness.tui.state import AppState

    _AppBase = App[int]  # for the type checker only: the mixin uses the App's API (set_timer, notify)
else:
    _AppBase = object

EARLY_PATIENCE_S = 2.0  # how long the app's own scan waits for the early scan's result


class Startup(_AppBase):
    # What the mixin uses from ReadinessApp (set in its __init__).
    state: AppState
    _early: EarlyScan | None
    _scan_started: bool
    _blockers_after_scan: bool
    _generation: int

    if TYPE_CHECKING:
        def publish(self, topic: str) -> None: ...

        def start_scan(self, paths: Iterable[str] = (), *, full: bool = False, quiet: bool = False) -> None: ...

        def load_blockers(self) -> None: ...

        def early_worker(self, early: EarlyScan) -> Worker[None]: ...

        def prepare_worker(self) -> Worker[None]: ...

    @property
    def early_scan(self) -> bool:
        """Whether this app started with an early scan (`launch.open_app`) whose result is still to come."""
        return self._early is not None

    def _start(self) -> None:
        """After the first screen is drawn (a worker started before would take turns with it: one interpreter)."""
        if self._early is not None:  # the app's own scan starts when the early one is in (they share the cores)
            self.early_worker(self._early)
            self.set_timer(EARLY_PATIENCE_S, self._early_overdue)
            self.prepare_worker()  # meanwhile, on this process's core: the scan's modules and the blocker log
            self.load_blockers()
        else:
            self.start_scan(full=True)
            self._blockers_after_scan = True  # one core: the verdict first, then the README's blocker log

    def _early_overdue(self) -> None:
        """A large tree (or a busy machine): the app's own scan starts anyway, with its progress on screen."""
        if not self._scan_started:
            self.start_scan(full=True)

    def on_early_scanned(self, event: msg.EarlyScanned) -> None:
        """Show the early scan's verdict unless the app's own scan (or an error) is in already; the own scan keeps
        running quietly and replaces it when it lands (the same findings unless a file changed meanwhile)."""
        self._early = None
        early = event.early
        shown = early is not None and self.state.result is None and self.state.scan_error is None
        if not self._scan_started:  # the app's own result: re-scans on save, gates and check-offs need it
            self.start_scan(full=True, quiet=shown)
        if early is None or not shown:
            return
        self.state.summary = early.summary
        self.state.findings = early.findings
        for note in dict.fromkeys(early.notes).keys() - self.state.notes_shown:  # each note once
            self.notify(note, title="Note", markup=False, timeout=8)
        self.state.notes_shown.update(early.notes)
        self.state.gate_results.update(early.fresh_gates)
        self.state.stale_gates.update(early.stale_gates)
        done = early.evaluation  # its warnings are notified once, by the own scan's evaluation
        self.state.checklists, self.state.checklists_ready = done.checklists, True
        self.state.definitions, self.state.manual_keys = done.definitions, done.manual_keys
        self.state.early_settings = (early.fail_on, early.required, early.strict)
        self.state.scanning, self.state.progress = False, None
        for topic in ("summary", "gates", "findings", "checklists"):
            self.publish(topic)

    def on_summary_refreshed(self, event: msg.SummaryRefreshed) -> None:
        """The header's change size after a save's re-scan (posted after its findings)."""
        if event.generation == self._generation and self.state.scan_error is None:
            self.state.summary = event.summary
            self.publish("summary")
