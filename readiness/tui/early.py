"""The first verdict from a second process, computed while the UI process loads textual and draws (no textual here).

`readiness` spends its first ~0.35 s importing textual and drawing the dashboard; the scan needs ~0.2 s to import
the core and as much again to read the repository. One interpreter runs them one after the other, whatever the
threads. So before textual is imported, `EarlyScan.start` forks a child that runs the same core calls as the app's
scan and checklist workers (`model.open_summary`, `model.full_scan`, `model.stored_gates`, `model.evaluation`)
on a second core and sends back what the dashboard shows (`Early`: findings, checklists, gate results, the
verdict's settings; plain data, pickled through a pipe, never written to a file).

The app shows it as soon as it arrives, and runs its own scan as before (its result is needed for re-scans on
save, gates and check-offs; the child warmed the scan cache for it). The own result replaces the early one when it
lands; an early result that comes after it is dropped. The child never writes to the terminal and sends nothing when
anything goes wrong (an invalid configuration included: the app's own scan says what is wrong). Only where `fork`
is safe and cheap (Linux, before any thread starts) and a core is spare (`spare_core`); otherwise, or when the
child is not done within `app.EARLY_PATIENCE_S`, the app's own scan starts at once, as before.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from readiness.core.forked import Child
from readiness.tui.model import Evaluation, Launch, RepoSummary, evaluation, full_scan, open_summary, stored_gates

if TYPE_CHECKING:
    from readiness.core.models import Finding, GateResult

CHILD_NICENESS = 5


@dataclass(frozen=True, slots=True)
class Early:
    """What the dashboard shows after the first scan, as the app's scan and checklist workers would report it."""

    summary: RepoSummary
    findings: tuple[Finding, ...]
    notes: tuple[str, ...]
    fresh_gates: dict[str, GateResult]  # the gates' stored results, still current for this tree
    stale_gates: dict[str, GateResult]
    evaluation: Evaluation
    fail_on: str
    required: tuple[str, ...]
    strict: bool


def compute(launch: Launch) -> Early | None:
    """Scan and evaluate as the app's workers do; None when the configuration is invalid."""
    options = launch.check_options()
    summary = open_summary(options)
    if summary.problem is not None:
        return None
    result = full_scan(options, summary.to_scan, lambda _done, _total: None)
    try:
        stored = stored_gates(result)
        fresh = dict(stored.fresh) if stored is not None else {}
        stale = dict(stored.stale) if stored is not None else {}
        evaluated = evaluation(result, tuple(fresh.values()), stale)
        cfg = result.config
        return Early(summary=summary, findings=tuple(result.findings), notes=tuple(result.notes), fresh_gates=fresh,
                     stale_gates=stale, evaluation=evaluated, fail_on=str(cfg["fail_on"]),
                     required=tuple(cfg["checklists_required"]), strict=bool(cfg["strict"]))
    finally:
        result.repo.close()


def can_fork() -> bool:
    """Fork only on Linux: macOS frameworks are not fork-safe, Windows has no fork."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def spare_core() -> bool:
    """A second process helps only when it gets a core of its own; on a machine busy with other work it slows the
    first paint instead. Spare: the one-minute load average is at most the cores this process may use, less one."""
    try:
        cores = len(os.sched_getaffinity(0))
        load = os.getloadavg()[0]
    except OSError:
        return False
    return cores >= 2 and load <= cores - 1


class EarlyScan:
    """A forked child computing `Early` (`core.forked.Child`). `wait()` (once, from a worker thread) returns it, or
    None; `cancel()` at exit stops a child still running. Either reaps the child."""

    def __init__(self, child: Child) -> None:
        self._child = child

    @property
    def pid(self) -> int:
        return self._child.pid

    @classmethod
    def start(cls, launch: Launch, *, busy_too: bool = False) -> EarlyScan | None:
        """Fork the child (call it before any thread starts, i.e. before textual is imported); None when this
        platform does not fork, no core is spare (unless `busy_too`) or the fork fails: the app then runs its own
        scan at once."""
        if not can_fork() or threading.active_count() > 1 or not (busy_too or spare_core()):
            return None  # a thread running now could hold a lock the child would need
        child = Child.start(lambda: compute(launch), setup=_quiet)
        return cls(child) if child is not None else None

    def wait(self) -> Early | None:
        """Block until the child is done: its result, or None when it sent nothing usable."""
        return self._child.result(Early)

    def cancel(self) -> None:
        """The app quits: stop a child still scanning (its cache writes are atomic) and reap it."""
        self._child.stop(signal.SIGTERM)


def _quiet() -> None:
    """The child's set-up: a lower priority (on a busy machine the UI's first paint goes first) and nothing of it
    reaching the terminal the app draws on. Any failure of the child leaves it silent: the app's own scan reports
    every problem."""
    os.nice(CHILD_NICENESS)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
