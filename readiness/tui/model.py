"""The UI's view of the repository, computed off the UI thread: no textual here, so it is testable on its own.

- `open_summary` opens the repository the way `scan_repository` does and returns the header facts (branch,
  base, merge-base, change size) plus the number of files a scan will read, so the first paint is useful
  before the scan ends.
- `full_scan` runs the same `scan_repository` as `readiness check` and reports progress through a callback.
- a save is re-scanned by the core (`readiness.core.pipeline.rescan`; the watcher is `watch.py`).
- `code_context` gives the lines around a finding with every secret masked.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.core.models import ChecklistResult, Finding, GateResult, Severity, Status
from readiness.core.pipeline.verdict import DEFAULT_REQUIRED, decide

if TYPE_CHECKING:  # the scan's modules load in the scan worker, after the first paint (README "Performance")
    import argparse

    from readiness.core.checklists.model import Checklist
    from readiness.core.gates.store import Stored
    from readiness.core.pipeline.run import CheckOptions, ScanResult
    from readiness.core.scan.base import Rule

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class RepoSummary:
    """What the header shows: where we are and how big the change is."""

    root: Path
    branch: str | None
    head: str | None
    base: str | None
    merge_base: str | None
    scope: str
    files: int
    added: int
    removed: int
    to_scan: int
    notes: tuple[str, ...] = ()
    git_dir: Path | None = None
    problem: str | None = None  # why nothing can be scanned (an invalid configuration): the header says so
    checkpoint: str = ""  # the methodology's checkpoint rhythm (core.checklists.rhythm), "" without branch commits

    @property
    def name(self) -> str:
        return self.root.name

    @property
    def where(self) -> str:
        branch = self.branch or (f"detached at {self.head[:7]}" if self.head else "no commits")
        if self.base is None:
            return branch
        merge_base = f" (merge-base {self.merge_base[:7]})" if self.merge_base else ""
        return f"{branch} → {self.base}{merge_base}"


def open_summary(options: CheckOptions) -> RepoSummary:
    """Branch, base, merge-base and change size, resolved as `scan_repository` resolves them (config base).

    With an invalid configuration the summary still names the repository and the branch, and carries the error
    as `problem` (base and change size depend on the configuration, so they are left out)."""
    # Local (as every core import of the functions below): the scan's modules load in the worker thread that
    # calls them, not before the first paint.
    from readiness.core import config as config_mod
    from readiness.core.checklists import rhythm
    from readiness.core.errors import ConfigError
    from readiness.core.pipeline.scope import select_paths
    from readiness.core.repo import open_repository

    repo = open_repository(Path(options.repo), None)
    try:
        try:
            cfg = config_mod.load(repo.root, options.config_path)
        except ConfigError as exc:
            return RepoSummary(root=repo.root, branch=repo.branch, head=repo.head, base=None, merge_base=None,
                               scope=options.scope, files=0, added=0, removed=0, to_scan=0,
                               notes=tuple(repo.notes_for(options.scope)), git_dir=repo.git_dir, problem=short_error(exc, repo.root))
        base = options.base or cfg["base"]
        if base is not None:
            repo.close()
            repo = open_repository(Path(options.repo), base)
        changes = repo.changes()
        to_scan = len(select_paths(repo, cfg, options.scope))
        return RepoSummary(root=repo.root, branch=repo.branch, head=repo.head, base=repo.base,
                           merge_base=repo.merge_base, scope=options.scope, files=len(changes),
                           added=sum(c.added for c in changes.values()),
                           removed=sum(c.removed for c in changes.values()), to_scan=to_scan,
                           notes=tuple(repo.notes_for(options.scope)), git_dir=repo.git_dir, checkpoint=rhythm.current(repo).short())
    finally:
        repo.close()


def short_error(error: Exception | str, root: Path | None) -> str:
    """The error's one line with the repository's own paths made relative (`pyproject.toml:14: ...`)."""
    text = str(error)
    if root is not None:
        text = text.replace(f"{root}{os.sep}", "")
    return re.sub(r"\(known keys: ((?:[\w-]+, ){4})[^)]*\)", r"(known keys: \1…)", text)


def refreshed_summary(summary: RepoSummary | None, result: ScanResult) -> RepoSummary | None:
    """The header's change size after a re-scan of saved files (branch and base do not move without a git
    operation, which triggers a full scan instead)."""
    if summary is None or summary.scope == "all":
        return summary
    changes = result.repo.changes()
    return dataclasses.replace(summary, files=len(changes), added=sum(c.added for c in changes.values()),
                               removed=sum(c.removed for c in changes.values()), to_scan=len(result.changed_paths))


def full_scan(options: CheckOptions, total: int, progress: Progress,
              cancelled: Callable[[], bool] = lambda: False) -> ScanResult:
    """`scan_repository` with progress: the core asks `cancelled()` once per file it reads, which we count."""
    from readiness.core.pipeline.run import scan_repository

    seen = 0

    def tick() -> bool:
        nonlocal seen
        seen += 1
        if seen <= total:
            progress(seen, total)
        return cancelled()

    return scan_repository(options, tick)



def stored_gates(result: ScanResult) -> Stored | None:
    """The gates' last results for the scanned tree (None when no gate ever ran here)."""
    from readiness.core.errors import ReadinessError
    from readiness.core.gates import stored_results
    from readiness.core.gates.store import store_file

    repo = result.repo
    if not store_file(repo.git_dir).is_file():
        return None
    try:
        return stored_results(repo, result.config, result.scope)
    except ReadinessError:
        return None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The checklists of a scan with the gate results at hand, and what the developer checked off."""

    checklists: tuple[ChecklistResult, ...]
    definitions: tuple[Checklist, ...]
    manual_keys: frozenset[str]
    notes: tuple[str, ...]


def evaluation(result: ScanResult, gates: Sequence[GateResult],
               stale: dict[str, GateResult] | None = None) -> Evaluation:
    """Evaluate the checklists (ReadinessError when a checklist file is invalid); items waiting for a gate whose
    result is stale say so."""
    from readiness.core.checklists.loader import evaluate_scan, load_for
    from readiness.core.checklists.state import ManualState, branch_key
    from readiness.core.pipeline.verdict import mark_stale_gates

    repo = result.repo
    checklists, notes = evaluate_scan(result, tuple(gates))
    definitions = tuple(load_for(repo.root, result.config))
    checklists = mark_stale_gates(checklists, stale or {})
    manual, _ = ManualState(repo.git_dir).load(branch_key(repo.branch, repo.head))
    return Evaluation(tuple(checklists), definitions, frozenset(manual), tuple(notes))


def rules() -> dict[str, Rule]:
    """Every rule the scanners and the pipeline know, by id (What / Why / Example / Fix for the detail pane)."""
    from readiness.core.scan.rule_docs import known_rules

    return known_rules()


def code_context(text: str, line: int, findings: Iterable[Finding] = (), radius: int = 4) -> tuple[int, str]:
    """(first line number, masked lines around `line`). The whole file is masked first, so a private key
    block whose header lies outside the window is still recognised; lines with a secret finding show the
    finding's masked snippet whatever the detectors say."""
    masked = mask_text(mask_known(text, findings))
    lines = masked.split("\n")
    first = max(1, line - radius)
    last = min(len(lines), line + radius)
    return first, "\n".join(lines[first - 1:last])


def mask_text(text: str) -> str:
    """Every secret the detectors recognise replaced by its mask (`ghp_****`)."""
    from readiness.core.secrets.find import mask_secrets

    return mask_secrets(text)


def mask_known(text: str, findings: Iterable[Finding]) -> str:
    """Lines carrying a secret finding replaced by the finding's (already masked) snippet."""
    lines = text.split("\n")
    for finding in findings:
        if finding.category in ("hardcoded-secret", "printed-secret") and finding.line and finding.snippet:
            if 1 <= finding.line <= len(lines):
                indent = len(lines[finding.line - 1]) - len(lines[finding.line - 1].lstrip())
                lines[finding.line - 1] = lines[finding.line - 1][:indent] + finding.snippet.lstrip()
    return "\n".join(lines)


# -- what the dashboard says ---------------------------------------------------------------------------------------
VERDICT_CHECKLISTS = DEFAULT_REQUIRED


@dataclass(frozen=True, slots=True)
class Verdict:
    """The headline as shown: a status for its colour (pass, fail, error, running) and the core verdict's sentence."""

    status: str
    text: str


def item_counts(checklist: ChecklistResult) -> Counter[Status]:
    return Counter(item.status for item in checklist.items)


def checklist_status(checklist: ChecklistResult) -> Status:
    counts = item_counts(checklist)
    for status in (Status.ERROR, Status.FAIL, Status.MANUAL, Status.WARN):
        if counts[status]:
            return Status.FAIL if status == Status.ERROR else status
    return Status.PASS if counts[Status.PASS] else Status.SKIP


def verdict(findings: Sequence[Finding], checklists: Sequence[ChecklistResult], gates: Sequence[GateResult],
            fail_on: str, *, required: Sequence[str] = VERDICT_CHECKLISTS, strict: bool = False,
            evaluated: bool = True, error: str | None = None) -> Verdict:
    """The headline: the core's verdict (`readiness check` states the same sentence), "checking…" until the
    checklists of the current scan are evaluated, or why nothing could be scanned."""
    if error:
        return Verdict("error", error if error.startswith("Invalid configuration") else f"Cannot tell: {error}")
    if not evaluated:
        return Verdict("running", "checking…")
    decided = decide(findings, checklists, gates, fail_on=fail_on, required=required, strict=strict)
    return Verdict("pass" if decided.ready else "fail", decided.sentence())


@dataclass(frozen=True, slots=True)
class CategorySummary:
    category: str
    severity: Severity
    count: int
    waived: int
    locations: str


def findings_by_category(findings: Sequence[Finding], width: int = 40) -> list[CategorySummary]:
    """One row per category: worst unwaived severity, counts, and the first locations (`a.py:41, :58`)."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.category, []).append(finding)
    rows = []
    for category, group in groups.items():
        active = [f for f in group if not f.waived and not f.baselined]  # baselined: accepted, like waived
        worst = max((f.severity for f in active or group), key=lambda s: s.rank)
        rows.append(CategorySummary(category, worst, len(active), len(group) - len(active),
                                    locations(active or group, width)))
    rows.sort(key=lambda r: (-(r.count > 0), -r.severity.rank, -r.count, r.category))
    return rows


def locations(findings: Sequence[Finding], width: int = 40) -> str:
    """`pkg/payments.py:41, :58, notify.py:12 …`: the path is not repeated for the same file, each location once."""
    parts: list[str] = []
    last_path = None
    for path, number in dict.fromkeys((f.path, f.line) for f in findings):
        line = f":{number}" if number is not None else ""
        part = line if path == last_path and line else f"{path}{line}"
        if part not in parts or line:
            parts.append(part)
        last_path = path
    text = ""
    for index, part in enumerate(parts):
        candidate = f"{text}, {part}" if text else part
        if len(candidate) > width and text:
            return f"{text} …(+{len(parts) - index})"
        text = candidate
    return text


# -- before the UI starts -------------------------------------------------------------------------------------------
def preflight(options: CheckOptions | Launch) -> None:
    """Fail before the UI starts when the directory is not a usable repository (one clear line, exit 2)."""
    from readiness.core.git_cli import git_command, git_env

    try:
        proc = subprocess.run([*git_command(options.repo), "rev-parse", "--show-toplevel"], capture_output=True,
                              env=git_env(), stdin=subprocess.DEVNULL, timeout=30, check=False)
        ok = proc.returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    if not ok or options.base:
        from readiness.core.repo import open_repository

        open_repository(Path(options.repo), options.base).close()  # raises RepoError with the reason


@dataclass(frozen=True, slots=True)
class Launch:
    """What the command line asks the UI to check. The core's `CheckOptions` is built from it by the first worker
    that needs it (`ReadinessApp.options`): importing the scan pipeline takes ~0.2 s, which the first paint does not
    wait for."""

    repo: str = "."
    base: str | None = None
    scope: str = "diff"
    config_path: Path | None = None

    def check_options(self) -> CheckOptions:
        from readiness.core.pipeline.run import CheckOptions

        return CheckOptions(repo=self.repo, base=self.base, scope=self.scope, config_path=self.config_path)


def options_from(args: argparse.Namespace) -> Launch:
    return Launch(repo=getattr(args, "repo", None) or ".", base=getattr(args, "base", None),
                  scope="all" if getattr(args, "all", False) else "diff")
