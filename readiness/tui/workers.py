"""The app's background work: each worker calls the core in a thread and posts a past-tense message.

Workers never touch widgets or app state; the `@on` handlers in `app.py` do. Every worker is a thread worker,
exclusive within its group (a newer request cancels the older one, whose late result is then ignored), and
does not take the app down when it fails (`exit_on_error=False`: the app shows the error instead).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from readiness.core.errors import ConfigError, ReadinessError
from readiness.tui import messages as msg
from readiness.tui.model import (
    RepoSummary,
    evaluation,
    full_scan,
    open_summary,
    refreshed_summary,
    short_error,
    stored_gates,
)

# The core's scan, checklist and gate modules load in these worker threads, when a worker first needs them (each
# import below is local): the first paint does not wait for them (README "Performance").
if TYPE_CHECKING:
    from textual.message import Message

    from readiness.core.blockers.log import NewBlocker
    from readiness.core.gates import GateEvent
    from readiness.core.gates.trust import Subject
    from readiness.core.models import GateResult
    from readiness.core.pipeline.run import CheckOptions, ScanResult
    from readiness.tui.early import EarlyScan

PROGRESS_EVERY_S = 0.1
INVALID_CONFIG = "Invalid configuration"


def scan_error(text: str, config: bool = False) -> str:
    """What the verdict says when nothing could be scanned."""
    if config:
        return f"{INVALID_CONFIG}: {text}; fix it (saving the file scans again)"
    return text


class Workers:
    """Mixed into the App: `post_message` comes from the App."""

    if TYPE_CHECKING:
        def post_message(self, message: Message) -> bool: ...  # the App's

        @property
        def options(self) -> CheckOptions: ...  # the App's

    @work(thread=True, exclusive=True, exit_on_error=False, group="scan", description="scan the repository")
    def full_scan_worker(self, generation: int) -> None:
        worker = get_current_worker()
        started = time.monotonic()
        root = None
        try:
            summary = open_summary(self.options)
            root = summary.root
            self.post_message(msg.RepoOpened(summary, generation))
            if summary.problem is not None:  # an invalid configuration: nothing can be scanned until it is fixed
                self.post_message(msg.ScanFailed(scan_error(summary.problem, config=True), generation))
                return
            last = 0.0

            def progress(done: int, total: int) -> None:
                nonlocal last
                now = time.monotonic()
                if now - last >= PROGRESS_EVERY_S or done == total:
                    last = now
                    self.post_message(msg.ScanProgressed(done, total, generation))

            result = full_scan(self.options, summary.to_scan, progress, lambda: worker.is_cancelled)
        except ReadinessError as exc:
            self.post_message(msg.ScanFailed(scan_error(short_error(exc, root), isinstance(exc, ConfigError)),
                                             generation))
            return
        if worker.is_cancelled:
            result.repo.close()
            return
        self.post_message(msg.ScanFinished(result, generation, True, time.monotonic() - started,
                                           stored=stored_gates(result)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="prepare", description="load the scan's modules")
    def prepare_worker(self) -> None:
        """While the early scan's child scans on another core: import what the app's own scan, its checklists and
        the re-scans on save need, so that the own result follows the early one sooner."""
        import readiness.core.checklists.loader
        import readiness.core.pipeline.rescan
        import readiness.core.pipeline.run  # noqa: F401

    @work(thread=True, exclusive=True, exit_on_error=False, group="early", description="wait for the early scan")
    def early_worker(self, early: EarlyScan) -> None:
        self.post_message(msg.EarlyScanned(early.wait()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="scan", description="re-scan changed files")
    def rescan_worker(self, generation: int, previous: ScanResult, paths: frozenset[str],
                      summary: RepoSummary | None = None) -> None:
        from readiness.core.pipeline.rescan import rescan

        worker = get_current_worker()
        started = time.monotonic()
        try:
            result = rescan(previous, self.options.scope, paths, lambda: worker.is_cancelled)
        except ReadinessError as exc:
            self.post_message(msg.ScanFailed(scan_error(short_error(exc, previous.repo.root),
                                                        isinstance(exc, ConfigError)), generation))
            return
        if worker.is_cancelled:
            return
        self.post_message(msg.ScanFinished(result, generation, False, time.monotonic() - started, None,
                                           stored_gates(result)))
        # The header's change size after the findings: it lists the changes again (~10 ms, more with many
        # untracked files), which the save's findings on screen do not wait for.
        try:
            refreshed = refreshed_summary(summary, result)
        except ReadinessError as exc:
            self.post_message(msg.ActionFailed("the header's change size", str(exc)))
            return
        if refreshed is not None and not worker.is_cancelled:
            self.post_message(msg.SummaryRefreshed(refreshed, generation))

    @work(thread=True, exclusive=True, exit_on_error=False, group="watch", description="watch the work tree")
    def watch_worker(self, root: Path, git_dir: Path) -> None:
        from readiness.tui.watch import watch_changes

        worker = get_current_worker()
        try:
            for paths, git in watch_changes(root, git_dir, worker.cancelled_event):
                if worker.is_cancelled:
                    return
                self.post_message(msg.FilesChanged(paths, git))
        except (OSError, RuntimeError) as exc:  # inotify limits, a vanished directory
            self.post_message(msg.WatchStopped(f"live updates are off: {exc} (press r to re-scan by hand)"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="checklists", description="evaluate checklists")
    def evaluate_worker(self, result: ScanResult, gates: Sequence[GateResult],
                        stale: Mapping[str, GateResult] | None = None) -> None:
        """Evaluate with the current gate results; items waiting for a gate whose result is stale say so."""
        try:
            done = evaluation(result, gates, dict(stale or {}))
        except ReadinessError as exc:
            self.post_message(msg.ActionFailed("checklists", str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(msg.ChecklistsEvaluated(done.checklists, done.definitions, done.manual_keys, done.notes))

    @work(thread=True, exclusive=True, exit_on_error=False, group="manual", description="save a check-off")
    def manual_worker(self, result: ScanResult, key: str, action: str, note: str) -> None:
        from readiness.tui.checkoffs import save_check_off

        try:
            warnings = save_check_off(result.repo, result.config, key, action, note)
        except ReadinessError as exc:
            self.post_message(msg.ActionFailed("check-off", str(exc)))
            return
        self.post_message(msg.ManualStateChanged(key, action, tuple(warnings)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="gates", description="run quality gates")
    def gates_worker(self, result: ScanResult, gate_ids: tuple[str, ...], ask: bool, grant: Subject | None = None) -> None:
        """Ask for trust first when a selected gate runs the repository's code; then run and stream the gates."""
        from readiness import __version__
        from readiness.core import gates
        from readiness.core.gates import trust
        from readiness.core.gates.settings import settings_for

        worker = get_current_worker()
        repo, cfg = result.repo, result.config
        try:
            if ask:
                table = cfg.values.get("gates") or {}
                needing = tuple(g for g in gate_ids
                                if gates.needs_trust(gates.spec_for(g, cfg.values), settings_for(g, table)))
                if needing:
                    subject = trust.subject(repo.root, cfg)
                    current = trust.state(subject)
                    if not current.trusted:
                        self.post_message(msg.TrustNeeded(gate_ids, needing, subject, current.state,
                                                          current.changes, current.detail))
                        return
            if grant is not None:
                trust.grant(grant, __version__)
        except ReadinessError as exc:
            self.post_message(msg.ActionFailed("trust", str(exc)))

        def on_event(event: GateEvent) -> None:
            if isinstance(event, gates.GateStarted):
                self.post_message(msg.GateStarted(event.gate))
            elif isinstance(event, gates.GateOutput):
                self.post_message(msg.GateOutput(event.gate, list(event.lines)))
            elif isinstance(event, gates.GateFinished):
                self.post_message(msg.GateFinished(event.result))

        results: list[GateResult] = []
        try:
            results = gates.run_gates(repo, cfg, list(gate_ids), scope=self.options.scope,
                                      findings=result.findings, cancel=worker.cancelled_event, on_event=on_event)
        except ReadinessError as exc:
            self.post_message(msg.ActionFailed("gates", str(exc)))
        self.post_message(msg.GatesStopped(worker.is_cancelled, tuple(results)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="trust", description="check the trust record")
    def trust_worker(self, result: ScanResult) -> None:
        """T on the gates screen: ask for trust (what would run, what changed) unless the record is current."""
        from readiness.core import gates
        from readiness.core.gates import trust
        from readiness.core.gates.settings import settings_for

        repo, cfg = result.repo, result.config
        try:
            table = cfg.values.get("gates") or {}
            needing = tuple(g for g in gates.known_gates(cfg.values)
                            if gates.needs_trust(gates.spec_for(g, cfg.values), settings_for(g, table)))
            subject = trust.subject(repo.root, cfg)
            current = trust.state(subject)
        except ReadinessError as exc:
            self.post_message(msg.ActionFailed("trust", str(exc)))
            return
        if current.trusted:
            self.post_message(msg.ActionDone(f"this repository is trusted ({current.detail}): its gates may run"))
            return
        self.post_message(msg.TrustNeeded((), needing, subject, current.state, current.changes, current.detail))

    @work(thread=True, exclusive=True, exit_on_error=False, group="trust", description="record trust")
    def trust_only(self, subject: Subject) -> None:
        from readiness import __version__
        from readiness.core.gates import trust

        try:
            trust.grant(subject, __version__)
        except ReadinessError as exc:
            self.post_message(msg.ActionFailed("trust", str(exc)))
            return
        self.post_message(msg.ActionDone("trusted: the gates that run this repository's code may run (enter, a)"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="blockers", description="read the blockers")
    def blockers_worker(self) -> None:
        # Local: blocker_ops (~20-45 ms) loads in this worker thread, after the first paint, not at start-up.
        from readiness.tui.blocker_ops import load_log

        try:
            log = load_log(self.options)
        except ReadinessError as exc:
            self.post_message(msg.BlockersLoaded(None, str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(msg.BlockersLoaded(log))

    @work(thread=True, exclusive=True, exit_on_error=False, group="blocker-write", description="write README.md")
    def blocker_write_worker(self, action: str, new: NewBlocker | None = None, number: int = 0, note: str | None = None) -> None:
        """`add` a NewBlocker or `resolve` blocker `number`; the README is re-read and checked just before."""
        # Local: blocker_ops (~20-45 ms) loads in this worker thread, after the first paint, not at start-up.
        from readiness.core.blockers.today import today
        from readiness.tui.blocker_ops import add_blocker, resolve_blocker

        try:
            if action == "add":
                assert new is not None, "blocker_write_worker('add') needs the new blocker"
                blocker, warnings = add_blocker(self.options, new, today())
                self.post_message(msg.BlockerWritten(blocker.id, "added", tuple(warnings)))
            else:
                blocker, changed = resolve_blocker(self.options, number, note, today())
                self.post_message(msg.BlockerWritten(blocker.id, "resolved" if changed else "already resolved"))
        except ReadinessError as exc:
            self.post_message(msg.ActionFailed("README update", str(exc)))
