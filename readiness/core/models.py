"""Frozen data shared by every layer: findings, gate results, checklist results and the report."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def at_least(self, floor: Severity) -> bool:
        return self.rank >= floor.rank


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Status(enum.StrEnum):
    """Status of a checklist item (contract: pass fail warn manual skip error)."""

    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    MANUAL = "manual"
    SKIP = "skip"
    ERROR = "error"


class GateStatus(enum.StrEnum):
    PASS = "pass"
    FAIL = "fail"
    SKIP = "skip"
    ERROR = "error"
    TIMEOUT = "timeout"

    @property
    def failed(self) -> bool:
        """A gate that ran and did not pass (failed, could not run, timed out): the run is not ready."""
        return self in (GateStatus.FAIL, GateStatus.ERROR, GateStatus.TIMEOUT)


class ItemKind(enum.StrEnum):
    """The kind of a checklist item's check (the TOML key that names it)."""

    FINDINGS = "findings"
    GATE = "gate"
    MANUAL = "manual"
    CHANGED = "changed"
    SIGNAL = "signal"  # what the change shows (readiness.core.checklists.signals): present → fail or warn
    ALL = "all"
    ANY = "any"

    @property
    def combines(self) -> bool:
        """`all`/`any`: a check made of child checks."""
        return self in (ItemKind.ALL, ItemKind.ANY)


CATEGORIES = (
    "todo-throw",
    "missing-test",
    "printed-secret",
    "hardcoded-secret",
    "missing-docs",
    "silent-failure",
    "skipped-file",
    "waiver",
    "conflict-marker",
)

# Built-in quality gates (the methodology's "Automated Quality Gate Mapping"); configuration may add more.
GATE_IDS = ("build", "lint", "tests", "coverage", "security", "smoke", "performance", "docs")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. `snippet` is already masked; `id` is the stable fingerprint."""

    id: str
    rule: str
    category: str
    severity: Severity
    path: str
    line: int | None
    message: str
    snippet: str = ""
    waived: bool = False
    waiver_reason: str | None = None
    baselined: bool = False  # matches an entry of .readiness-baseline.json: reported as a count, never failing
    commit: tuple[str, str] | None = None  # (short sha, masked subject): a finding only the branch's history holds

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "rule": self.rule,
            "category": self.category,
            "severity": str(self.severity),
            "path": self.path,
            "line": self.line,
            "message": self.message,
            "snippet": self.snippet,
            "waived": self.waived,
            "baselined": self.baselined,
            "commit": None if self.commit is None else {"id": self.commit[0], "subject": self.commit[1]},
        }


@dataclass(frozen=True, slots=True)
class GateResult:
    id: str
    status: GateStatus
    command: str
    duration_s: float
    summary: str
    exit_code: int | None = None
    output: str = ""
    details: tuple[str, ...] = ()  # e.g. uncovered changed lines per file, lint errors on changed lines
    cancelled: bool = False  # stopped before it finished (its status is `error`; it says nothing about the code)
    # what the gate measured, for checklist items that name one measure: (name, covered, total), e.g. the coverage
    # gate's ("lines", 30, 40), ("branches", 7, 12), ("functions", 4, 5) (readiness.core.gates.coverage_measures)
    measures: tuple[tuple[str, int, int], ...] = ()

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "status": str(self.status),
            "command": self.command,
            "duration_s": round(self.duration_s, 3),
            "summary": self.summary,
        }


@dataclass(frozen=True, slots=True)
class ItemResult:
    id: str
    title: str
    status: Status
    detail: str
    finding_ids: tuple[str, ...] = ()
    why: str = ""
    how: str = ""
    kind: ItemKind | None = None  # the kind of the item's check (None: not known, e.g. read back from a report)
    gates: tuple[str, ...] = ()  # the quality gates the item's check reads
    # A manual item that would still await your confirmation once its gates pass (`all` of a gate and a
    # confirmation not given yet): counted as awaiting you as well as gate not run (core.checklists.tally).
    awaits_confirmation: bool = False

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "status": str(self.status), "detail": self.detail}


@dataclass(frozen=True, slots=True)
class ChecklistResult:
    id: str
    title: str
    items: tuple[ItemResult, ...]
    description: str = ""

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "items": [item.to_dict() for item in self.items]}


@dataclass(frozen=True, slots=True)
class RepoInfo:
    root: str
    branch: str | None
    head: str | None
    base: str | None
    merge_base: str | None
    scope: str  # "diff" or "all"

    def to_dict(self) -> dict:
        return {
            "root": self.root,
            "branch": self.branch,
            "head": self.head,
            "base": self.base,
            "merge_base": self.merge_base,
            "scope": self.scope,
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """Ready or not, and why, each problem counted once (readiness.core.pipeline.verdict decides it).

    `findings`, `gates`, `items`: what fails (items count only when no failing finding or gate already explains
    them); `awaiting`: confirmations a person must give; `gates_not_run`: gates the checklists wait for that have
    no current result. Every front end states it with `sentence()`.
    """

    ready: bool
    findings: int = 0
    gates: int = 0
    items: int = 0
    awaiting: int = 0
    gates_not_run: int = 0
    reasons: tuple[str, ...] = ()
    strict: bool = False

    @property
    def failing(self) -> int:
        return self.findings + self.gates + self.items

    def counts(self) -> str:
        """`3 failing, 1 awaiting you, 2 gates not run` (only what is not zero)."""
        parts = [f"{self.failing} failing"] if self.failing else []
        if self.awaiting:
            parts.append(f"{self.awaiting} awaiting you")
        if self.gates_not_run:
            parts.append(f"{self.gates_not_run} gate{'s' if self.gates_not_run != 1 else ''} not run")
        return ", ".join(parts)

    def sentence(self) -> str:
        """The one line every front end shows: `✔ ready` or `✘ not ready`, then the counts."""
        head = "✔ ready" if self.ready else "✘ not ready"
        counts = self.counts()
        return f"{head}: {counts}" if counts else head

    def to_dict(self) -> dict[str, Any]:
        return {"ready": self.ready, "failing": {"findings": self.findings, "gates": self.gates, "items": self.items},
                "awaiting": self.awaiting, "gates_not_run": self.gates_not_run, "strict": self.strict,
                "reasons": list(self.reasons)}


@dataclass(frozen=True, slots=True)
class Report:
    tool_version: str
    repo: RepoInfo
    findings: tuple[Finding, ...]
    checklists: tuple[ChecklistResult, ...] = ()
    gates: tuple[GateResult, ...] = ()
    notes: tuple[str, ...] = ()
    fail_on: str = "error"
    files_scanned: int = 0
    verdict: Verdict = field(default_factory=lambda: Verdict(ready=False))
    files_in_scope: int | None = None  # the checklists' "files in scope"; more than scanned when some are binary

    @property
    def ready(self) -> bool:
        return self.verdict.ready

    def to_dict(self) -> dict:
        return {
            "schema_version": 1,
            "tool": {"name": "readiness", "version": self.tool_version},
            "repo": self.repo.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "checklists": [c.to_dict() for c in self.checklists],
            "gates": [g.to_dict() for g in self.gates],
            "ready": self.ready,
            "verdict": self.verdict.to_dict(),
            "notes": list(self.notes),
        }
