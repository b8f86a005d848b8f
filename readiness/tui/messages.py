"""Past-tense messages that workers post to the app. Only `@on` handlers touch widgets.

Each scan carries the generation it was started for: a result from a scan that was superseded (a newer scan
started while it ran) is ignored, so a stale result never overwrites a fresh one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

from readiness.core.models import ChecklistResult, GateResult
from readiness.tui.model import RepoSummary

if TYPE_CHECKING:  # the scan's modules load in the workers, after the first paint
    from readiness.core.gates.store import Stored
    from readiness.core.gates.trust import Subject
    from readiness.core.pipeline.run import ScanResult
    from readiness.tui.blocker_ops import BlockerLog
    from readiness.tui.early import Early


@dataclass
class RepoOpened(Message):
    """The repository was opened: the header can show branch, base and change size."""

    summary: RepoSummary
    generation: int


@dataclass
class EarlyScanned(Message):
    """The early scan's child is done (`early.py`): what the dashboard shows, or None (it sent nothing)."""

    early: Early | None


@dataclass
class SummaryRefreshed(Message):
    """The header's change size after a re-scan of saved files (posted after its ScanFinished)."""

    summary: RepoSummary
    generation: int


@dataclass
class ScanProgressed(Message):
    """`done` of `total` files read."""

    done: int
    total: int
    generation: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ScanProgressed)


@dataclass
class ScanFinished(Message):
    """A full scan or an incremental re-scan completed."""

    result: ScanResult
    generation: int
    full: bool
    seconds: float
    summary: RepoSummary | None = None  # a re-scan's refreshed header (change size); a full scan sent RepoOpened
    stored: Stored | None = None  # the gates' last results, fresh or stale for this tree (readiness.core.gates.store)


@dataclass
class ScanFailed(Message):
    """A scan raised: `error` is one line (what is wrong and what to do)."""

    error: str
    generation: int


@dataclass
class FilesChanged(Message):
    """The watcher saw work-tree changes (`paths`, repository-relative) or a git operation (`git`)."""

    paths: frozenset[str]
    git: bool = False


@dataclass
class WatchStopped(Message):
    """Live updates are off (the watcher could not start or failed)."""

    reason: str


@dataclass
class ChecklistsEvaluated(Message):
    """The checklists were evaluated against the current findings, gates and manual state."""

    checklists: tuple[ChecklistResult, ...]
    definitions: tuple = ()  # readiness.core.checklists.loader.Checklist: which items can be confirmed, which gates
    manual_keys: frozenset[str] = frozenset()  # "checklist/item" keys with a check-off (fresh or stale)
    warnings: tuple[str, ...] = ()


@dataclass
class ManualStateChanged(Message):
    """A manual item was confirmed, marked not applicable or unchecked (and saved)."""

    key: str  # "checklist-id/item-id"
    action: str  # "confirmed", "not-applicable", "unchecked"
    warnings: tuple[str, ...] = ()


@dataclass
class GateStarted(Message):
    gate_id: str


@dataclass
class GateOutput(Message):
    """A batch of output lines of a running gate (already cleaned of escapes and masked)."""

    gate_id: str
    lines: list[str] = field(default_factory=list)


@dataclass
class GateFinished(Message):
    result: GateResult


@dataclass
class GatesStopped(Message):
    """A gate run (one gate or all) ended, whether it completed or was cancelled; `results` has every gate's
    result, the skipped ones (untrusted, disabled) included, which stream no events."""

    cancelled: bool
    results: tuple[GateResult, ...] = ()


@dataclass
class ActionDone(Message):
    """An action a worker finished that only needs saying (a notification)."""

    text: str


@dataclass
class TrustNeeded(Message):
    """Code-executing gates were asked for in an untrusted repository. `subject` (readiness.core.gates.trust.Subject)
    says what would run and carries its digest; trust is granted for exactly that subject. No `gate_ids`: asked by
    T on the gates screen, trust is recorded and nothing runs."""

    gate_ids: tuple[str, ...]
    needing: tuple[str, ...]
    subject: Subject
    state: str  # "untrusted", "changed", or "unsafe"/"damaged" (the store is ignored: `detail` says what to do)
    changes: tuple[str, ...] = ()  # "changed": what differs from the trusted record (masked)
    detail: str = ""


@dataclass
class BlockersLoaded(Message):
    """The README's blocker log (readiness.tui.blocker_ops.BlockerLog): entries, next id, warnings; or, when it
    could not be read, `log` None and the `error`."""

    log: BlockerLog | None
    error: str | None = None


@dataclass
class BlockerWritten(Message):
    """A blocker entry was added to or resolved in the README."""

    blocker_id: str
    action: str  # "added", "resolved" or "already resolved"
    warnings: tuple[str, ...] = ()


@dataclass
class ActionFailed(Message):
    """A user action (waive, write README, open editor...) failed: one line to show."""

    what: str
    error: str


@dataclass
class DetailLoaded(Message):
    """The code around a finding, read and masked off the UI thread."""

    finding_id: str
    first_line: int
    code: str
    error: str = ""


@dataclass
class WaiverWritten(Message):
    """A waiver was written (inline comment or configuration entry)."""

    finding_id: str
    where: str
    paths: tuple[str, ...]


@dataclass
class TriageReady(Message):
    """The triage context was gathered (evidence, items, modules, import graph) with the README's next id."""

    context: object  # readiness.core.triage.flow.Context
    next_number: int
    label: str


@dataclass
class TriageFinished(Message):
    """The README entry was written and the ticket saved (readiness.tui.blocker_ops.TriageOutcome)."""

    outcome: object


@dataclass
class IssueFiled(Message):
    url: str
