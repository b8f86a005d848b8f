"""Frozen data shared by every layer: findings, gate results, checklist results and the report."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


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


CATEGORIES = (
    "todo-throw",
    "missing-test",
    "printed-secret",
    "hardcoded-secret",
    "missing-docs",
    "silent-failure",
    "skipped-file",
    "waiver",
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
    kind: str = ""

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
class Report:
    tool_version: str
    repo: RepoInfo
    findings: tuple[Finding, ...]
    checklists: tuple[ChecklistResult, ...] = ()
    gates: tuple[GateResult, ...] = ()
    notes: tuple[str, ...] = ()
    fail_on: str = "error"
    files_scanned: int = 0
    ready: bool = field(default=False)

    def to_dict(self) -> dict:
        return {
            "schema_version": 1,
            "tool": {"name": "readiness", "version": self.tool_version},
            "repo": self.repo.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "checklists": [c.to_dict() for c in self.checklists],
            "gates": [g.to_dict() for g in self.gates],
            "ready": self.ready,
            "notes": list(self.notes),
        }
