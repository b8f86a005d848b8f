"""The readiness App: state, navigation and the handlers of the messages workers post.

The App holds the current model (repository summary, scan result, checklist results, gate results, blockers)
and publishes `model_changed` with a topic after each change; screens subscribe and redraw what they show.
`readiness.tui.launch.run_app(args, initial_screen=...)` is the entry point of `readiness` (and of `readiness
triage`): it starts the early scan (`early.py`) before importing this module (textual).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import Worker, WorkerState

from readiness.tui import messages as msg
from readiness.tui.gate_control import GateControl
from readiness.tui.model import Launch
from readiness.tui.screens import make_screen
from readiness.tui.screens.dashboard import DashboardScreen
from readiness.tui.screens.help import HelpScreen
from readiness.tui.startup import Startup
from readiness.tui.state import AppState
from readiness.tui.wording import for_screen
from readiness.tui.workers import Workers

if TYPE_CHECKING:  # the core's scan modules load in the scan worker, after the first paint
    from readiness.core.pipeline.run import CheckOptions
    from readiness.core.repo import Repository
    from readiness.tui.early import EarlyScan

FULL_RESCAN = frozenset({"readiness.toml", ".readiness.toml", "pyproject.toml", ".gitignore"})
SCREENS = ("dashboard", "checklist", "findings", "gates", "blockers", "triage")
PALETTE = (("Dashboard", "Back to the dashboard", "dashboard"),
           ("Checklists", "Ready for review, merge, quality gates…", "checklist"),
           ("Findings", "Every finding, filterable, with the rule's explanation", "findings"),
           ("Gates", "Run the quality gates", "gates"), ("Blockers", "The README's blocker log", "blockers"),
           ("Triage", "The five-step rapid triage wizard", "triage"))


class ReadinessApp(Startup, Workers, GateControl, App[int]):
    """Is this branch ready for review? The dashboard first; every other screen one key away."""

    CSS_PATH = "app.tcss"
    TITLE = "readiness"
    # The screen keys work on every screen (a screen's own binding of the same key wins there); none fires while a
    # text field has focus: an Input takes every printable key (f1 opens the help from there).
    BINDINGS = [
        Binding("q", "quit", "quit"),
        Binding("ctrl+c", "exit", "quit now", show=False, priority=True),  # at once, even with answers unsaved
        Binding("question_mark", "help", "help"),
        Binding("f1", "help", "help", show=False),
        Binding("ctrl+t", "toggle_dark", "theme", show=False),
        Binding("c", "open('checklist')", "checklist", show=False),
        Binding("f", "open('findings')", "findings", show=False),
        Binding("g", "open('gates')", "gates", show=False),
        Binding("b", "open('blockers')", "blockers", show=False),
        Binding("t", "open('triage')", "triage", show=False),
        Binding("d", "open('dashboard')", "dashboard", show=False),
        Binding("r", "rescan", "rescan", show=False),
    ]

    def __init__(self, options: CheckOptions | Launch, *, initial_screen: str = "dashboard", watch: bool = True,
                 screen_options: dict | None = None, early: EarlyScan | None = None) -> None:
        super().__init__()
        self._early = early  # the early scan's child (launch.open_app), until its result is in
        self._options = options
        self._options_lock = threading.Lock()
        self.initial_screen = initial_screen if initial_screen in SCREENS else "dashboard"
        self.screen_options = screen_options or {}
        self.state = AppState(live="starting" if watch else "disabled")
        self._generation = 0
        self._scan_started = False  # the app's own first scan started (it waits for the early scan's result)
        self._blockers_after_scan = False  # the blocker log is read once the first scan and evaluation are done
        self._tree_version = 0  # counts the watcher's change batches: gate results of an older tree are stale
        self._full_pending = True
        self._pending_paths: set[str] = set()
        self._retired: list[Repository] = []
        self._pending_open: tuple[str, dict] | None = None  # a screen key pressed while a screen was mounting
        self.model_changed: Signal[str] = Signal(self, "model-changed")
        self.init_gates()

    @property
    def options(self) -> CheckOptions:
        """The core's options; from a `Launch` they are built by the first worker that asks (it imports the core)."""
        with self._options_lock:
            if isinstance(self._options, Launch):
                self._options = self._options.check_options()
            return self._options

    # -- start and stop -------------------------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        return DashboardScreen()

    def on_mount(self) -> None:
        # The first screen is drawn first: a worker started now would take turns with it (one interpreter lock).
        self.call_after_refresh(self._start)
        if self.initial_screen != "dashboard":
            self.action_open(self.initial_screen, **self.screen_options)

    def on_unmount(self) -> None:
        if self._early is not None:
            self._early.cancel()
        self.workers.cancel_all()
        for repo in [*self._retired, *([self.state.result.repo] if self.state.result else [])]:
            repo.close()

    # -- the model ----------------------------------------------------------------------------------------------
    def publish(self, topic: str) -> None:
        self.model_changed.publish(topic)

    def start_scan(self, paths: Iterable[str] = (), *, full: bool = False, quiet: bool = False) -> None:
        """Scan everything (full) or re-scan changed paths; a newer request supersedes a running one. `quiet`: the
        early scan's verdict is on screen, and stays there until this scan replaces it."""
        self._generation += 1
        self._scan_started = True
        full = full or self.state.result is None or self._full_pending
        self.state.scanning = self.state.scanning or not quiet
        self.state.scan_error = None
        if full:
            self._full_pending = True
            self._pending_paths.clear()
            self.state.progress = self.state.progress if quiet else None
            self.full_scan_worker(self._generation)
        else:
            self._pending_paths.update(paths)
            self.rescan_worker(self._generation, self.state.result, frozenset(self._pending_paths), self.state.summary)
        self.publish("progress")

    @on(msg.RepoOpened)
    def repo_opened(self, event: msg.RepoOpened) -> None:
        if event.generation == self._generation and self.state.scanning:  # not under the early scan's verdict
            self.state.summary = event.summary
            self.state.progress = (0, event.summary.to_scan)
            self.publish("summary")

    @on(msg.ScanProgressed)
    def scan_progressed(self, event: msg.ScanProgressed) -> None:
        if event.generation == self._generation and self.state.scanning:
            self.state.progress = (event.done, event.total)
            self.publish("progress")

    @on(msg.ScanFinished)
    def scan_finished(self, event: msg.ScanFinished) -> None:
        current = self.state.result.repo if self.state.result else None
        if event.generation != self._generation:
            if event.result.repo is not current:
                self._retired.append(event.result.repo)
            return
        if current is not None and event.result.repo is not current:
            self._retired.append(current)
        if event.full:
            self._full_pending = False
            if self.state.live == "starting":
                self.state.live = "on"
                self.watch_worker(event.result.repo.root, event.result.repo.git_dir)
        self._pending_paths.clear()
        self.state.result, self.state.findings = event.result, tuple(event.result.findings)
        if event.summary is not None:
            self.state.summary = event.summary
            self.publish("summary")
        for note in dict.fromkeys(event.result.notes).keys() - self.state.notes_shown:  # each note once
            self.notify(note, title="Note", markup=False, timeout=8)
        self.state.notes_shown.update(event.result.notes)
        self.state.scanning, self.state.progress = False, None
        if event.stored is not None:
            self.take_stored(event.stored)
        self.publish("findings")
        self.evaluate()

    @on(msg.ScanFailed)
    def scan_failed(self, event: msg.ScanFailed) -> None:
        if event.generation == self._generation:
            self.notify(event.error, title="Scan failed", severity="error", markup=False, timeout=10)
            self.mark_unavailable(event.error)
            if self.state.live == "starting" and self.state.summary is not None and self.state.summary.git_dir is not None:
                self.state.live = "on"  # watch anyway: saving the fixed configuration scans again
                self.watch_worker(self.state.summary.root, self.state.summary.git_dir)
            self.publish("progress")

    def mark_unavailable(self, error: str) -> None:
        """Nothing could be scanned: drop what was shown (it no longer describes the tree) rather than keep an
        all-clear or old findings on screen; the verdict carries the error."""
        self.state.scanning, self.state.scan_error, self.state.progress = False, error, None
        if self.state.result is not None:
            self._retired.append(self.state.result.repo)
            self.state.result = None
        self.state.findings, self.state.checklists, self.state.checklists_ready = (), (), False
        self.state.early_settings = None
        self.publish("findings")
        self.publish("checklists")

    @on(msg.ChecklistsEvaluated)
    def checklists_evaluated(self, event: msg.ChecklistsEvaluated) -> None:
        if self.state.scan_error is not None or self.state.result is None:
            return  # a late evaluation of a tree that could not be scanned since
        self.state.checklists, self.state.checklists_ready = event.checklists, True
        self.state.definitions, self.state.manual_keys = event.definitions, event.manual_keys
        for warning in event.warnings:
            self.notify(warning, title="Checklists", severity="warning", markup=False)
        self._close_retired()
        self.publish("checklists")

    def evaluate(self) -> None:
        """Evaluate the checklists again (after a gate finished or a check-off changed)."""
        if self.state.result is not None:
            self.evaluate_worker(self.state.result, tuple(self.state.gate_results.values()), dict(self.state.stale_gates))

    @on(msg.ManualStateChanged)
    def manual_state_changed(self, event: msg.ManualStateChanged) -> None:
        done = {"confirmed": "confirmed", "not-applicable": "marked not applicable", "unchecked": "unchecked"}
        self.notify(f"{done.get(event.action, event.action)}: {event.key}", markup=False, timeout=3)
        for warning in event.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.evaluate()

    def check_off(self, key: str, action: str, note: str = "") -> None:
        if self.state.result is not None:
            self.manual_worker(self.state.result, key, action, note)

    @on(msg.FilesChanged)
    def files_changed(self, event: msg.FilesChanged) -> None:
        """A commit or checkout, the configuration or the ignore rules: scan again from scratch."""
        docs = self.state.blocker_log.label if self.state.blocker_log is not None else "README.md"
        full = event.git or any(Path(p).name in FULL_RESCAN for p in event.paths)
        if event.git or event.paths:
            self.tree_changed()
        if full or event.paths:
            self.start_scan(event.paths, full=full)
        if full or docs in event.paths:
            self.load_blockers()

    @on(msg.WatchStopped)
    def watch_stopped(self, event: msg.WatchStopped) -> None:
        self.state.live = f"off: {event.reason}"
        self.notify(event.reason, title="Live updates", severity="warning", markup=False)
        self.publish("progress")

    @on(msg.ActionFailed)
    def action_failed(self, event: msg.ActionFailed) -> None:
        self.notify(event.error, title=f"{event.what} failed", severity="error", markup=False, timeout=10)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self._blockers_after_scan and event.worker.group in ("scan", "checklists") and not any(
                w.group in ("scan", "checklists") and not w.is_finished for w in self.workers):
            self._blockers_after_scan = False  # the first scan and its evaluation are done (or failed)
            self.load_blockers()
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"{event.worker.description or event.worker.name}: {type(error).__name__}: {error}",
                        title="Something went wrong", severity="error", markup=False, timeout=15)
            if event.worker.group == "scan":
                self.mark_unavailable(f"{type(error).__name__}: {error}")
                self.publish("progress")

    def _close_retired(self) -> None:
        if not any(w.group in ("scan", "checklists", "gates", "manual") and not w.is_finished for w in self.workers):
            for repo in self._retired:
                repo.close()
            self._retired.clear()

    def load_blockers(self) -> None:
        self.blockers_worker()
    @on(msg.BlockersLoaded)
    def blockers_loaded(self, event: msg.BlockersLoaded) -> None:
        self.state.blocker_error = event.error
        if event.log is None:
            self.notify(event.error or "", title="Reading the blockers failed", severity="error", markup=False,
                        timeout=10)
            self.state.blockers = ()
        else:
            self.state.blocker_log = event.log
            self.state.blockers = event.log.blockers
            warning = next((w for w in event.log.warnings if w.startswith("the configuration is invalid")), None)
            if warning is not None and warning not in self.state.notes_shown:  # once
                self.notify(warning, title="Blockers", severity="warning", markup=False, timeout=8)
                self.state.notes_shown.add(warning)
        self.publish("blockers")

    @on(msg.BlockerWritten)
    def blocker_written(self, event: msg.BlockerWritten) -> None:
        self.notify(f"{event.blocker_id} {event.action}", markup=False, timeout=4)
        for warning in event.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.load_blockers()

    # -- navigation and actions -----------------------------------------------------------------------------
    def action_open(self, name: str, **kwargs) -> None:
        """Go to a screen from any screen (other screens are popped first); the triage wizard asks first when that
        would lose answers; the screen you are on stays as it is."""
        if not self.screen.is_mounted:  # keys typed faster than screens mount: the last key wins, once mounted
            if self._pending_open is None:
                self.call_after_refresh(self._open_pending)
            self._pending_open = (name, kwargs)
            return
        if not kwargs and type(self.screen).__name__ == f"{name.capitalize()}Screen":
            return
        leaving = self.unsaved_screen()
        if leaving is not None:
            leaving.confirm_leave(partial(self.action_open, name, **kwargs))
            return
        while len(self.screen_stack) > 1 and not self.screen.is_modal:
            self.pop_screen()
        if name != "dashboard":
            self.push_screen(make_screen(name, **kwargs))

    def _open_pending(self) -> None:
        if self._pending_open is not None and not self.screen.is_mounted:
            self.call_after_refresh(self._open_pending)
            return
        if self._pending_open is not None:
            name, kwargs = self._pending_open
            self._pending_open = None
            self.action_open(name, **kwargs)

    def unsaved_screen(self):
        """The screen on the stack holding answers that leaving it would lose (the triage wizard), if any."""
        return next((s for s in self.screen_stack if getattr(s, "unsaved", lambda: False)()), None)

    def _on_key(self, event: events.Key) -> None:  # type: ignore[override]
        """Keys typed faster than a screen opens ("tquota exceeded…" as one burst) were queued for the screen they
        were typed on; once a key changed the screen they belong to the new one (the triage summary), not to
        shortcuts of the old one (`q` would quit)."""
        typed_on = getattr(event, "typed_on", None)
        if typed_on is not None and typed_on is not self.screen and not self.screen.is_modal and event.character:
            event.prevent_default()  # textual's own App._on_key (the shortcuts) runs next unless prevented
            self.post_message(events.Key(event.key, event.character))

    def action_exit(self) -> None:
        self.exit()

    async def action_quit(self) -> None:
        leaving = self.unsaved_screen()
        if leaving is not None:
            leaving.confirm_leave(self.exit)
            return
        self.exit()

    def action_rescan(self) -> None:
        self.start_scan(full=True)
        self.load_blockers()
        self.notify("re-scanning the repository", timeout=2)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def notify(self, message: str, *args, **kwargs) -> None:
        """Every notification in the words of the screen: the core's CLI hints become keys and screens."""
        super().notify(for_screen(message), *args, **kwargs)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for title, text, name in PALETTE:
            yield SystemCommand(title, text, partial(self.action_open, name))
        yield SystemCommand("Re-scan", "Scan the repository again from scratch", self.action_rescan)
        yield SystemCommand("Toggle light/dark theme", "Switch between textual-light and textual-dark",
                            self.action_toggle_dark)
        # Local: the help screen's key list (loaded with the palette): every key of this screen, by name.
        from readiness.tui.screens.help import key_label

        offered = {"quit", "help", "toggle_dark", "open", "rescan", "exit", "command_palette"}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            name = binding.action.removeprefix("app.").split("(")[0]
            if binding.description and name not in offered and active.node is not self:
                offered.add(name)
                yield SystemCommand(f"{binding.description[:1].upper()}{binding.description[1:]}",
                                    f"key {binding.key_display or key_label(key)} on this screen",
                                    partial(self.run_action, binding.action, active.node))
