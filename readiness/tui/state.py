"""The app's state, in one explicit object: what the screens show, changed only by the App's message handlers.

Workers compute in threads and post messages; the handlers in `app.py` and `gate_control.py` write these fields and
publish a topic (`summary`, `findings`, `checklists`, `gates`, `blockers`, `progress`); screens read them (as
`self.model.state`) when their topic is published. Nothing here imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from readiness.core.models import ChecklistResult, Finding, GateResult
from readiness.tui.model import RepoSummary

if TYPE_CHECKING:  # the scan's and the blocker log's modules load in the workers, after the first paint
    from readiness.core.blockers.log import Blocker
    from readiness.core.checklists.model import Checklist
    from readiness.core.pipeline.run import ScanResult
    from readiness.tui.blocker_ops import BlockerLog


@dataclass
class AppState:
    summary: RepoSummary | None = None  # the header: where you are, the change size
    result: ScanResult | None = None  # the last scan (its repository stays open for re-scans)
    findings: tuple[Finding, ...] = ()
    checklists: tuple[ChecklistResult, ...] = ()
    definitions: tuple[Checklist, ...] = ()
    manual_keys: frozenset[str] = frozenset()  # `checklist/item` keys the developer checked off
    gate_results: dict[str, GateResult] = field(default_factory=dict)  # current: their files are unchanged
    stale_gates: dict[str, GateResult] = field(default_factory=dict)  # last results whose files changed since
    running_gates: set[str] = field(default_factory=set)
    gate_output: dict[str, list[str]] = field(default_factory=dict)  # per gate, bounded, masked
    gates_running: bool = False
    blockers: tuple[Blocker, ...] = ()
    blocker_log: BlockerLog | None = None  # once read
    blocker_error: str | None = None  # why the blocker log could not be read
    notes_shown: set[str] = field(default_factory=set)
    scanning: bool = True
    progress: tuple[int, int] | None = None
    scan_error: str | None = None  # why nothing could be scanned: the headline says it
    checklists_ready: bool = False  # the checklists of the current scan are evaluated (until then: "checking…")
    live: str = "disabled"  # "starting", then "on", or "off: <why>"
    # the verdict's settings (fail_on, checklists_required, strict) when the findings come from the early scan,
    # before the app's own scan result (whose configuration says them) is in
    early_settings: tuple[str, tuple[str, ...], bool] | None = None
