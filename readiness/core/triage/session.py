"""One triage session, for the CLI (`readiness triage`) and the TUI's wizard alike.

Gathering the context (evidence from saved outputs or a `readiness check --format json` report, the changed
modules, the import graph), the duplicate test, the next free id, and finishing: the README entry is logged and the
follow-up ticket saved under `<git dir>/readiness/tickets/`. Nothing here prints: warnings are returned, each front
end shows them its own way.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from readiness.core.atomic import atomic_write
from readiness.core.blockers import log as blockers
from readiness.core.blockers.document import Blocker
from readiness.core.errors import UsageError
from readiness.core.models import ChecklistResult, Finding, GateResult, GateStatus, Status
from readiness.core.repo import Repository
from readiness.core.scan.base import SOURCE_LANGUAGES, language_of
from readiness.core.triage.flow import Context, Evidence, Item, Ticket, Triage, TriageError, findings_evidence
from readiness.core.triage.github import gh_create
from readiness.core.triage.next_module import import_graph
from readiness.core.writer import check_folder_writable, state_dir

if TYPE_CHECKING:
    from readiness.core.config import Config

MAX_EVIDENCE = 1 << 20  # the last MiB of a saved output is plenty to classify it


# -- evidence --------------------------------------------------------------------------------------------------------
def check_evidence_files(paths: Iterable[str]) -> None:
    """Refuse a missing or unreadable evidence file before anything else is asked or opened."""
    for name in paths:
        try:
            with open(name, "rb"):
                pass
        except FileNotFoundError:
            raise UsageError(f"evidence file {name} does not exist: pass the path of a saved output (pytest log, "
                             "build log) or of a `readiness check --format json` report") from None
        except OSError as exc:
            raise UsageError(f"cannot read evidence file {name}: {exc.strerror or exc}") from None


def read_evidence(paths: list[str]) -> tuple[list[Evidence], list[Item]]:
    """Saved outputs become evidence; a readiness JSON report adds its failing gates, its findings and its
    unfinished checklist items."""
    check_evidence_files(paths)
    evidence: list[Evidence] = []
    items: list[Item] = []
    for name in paths:
        try:
            with open(name, "rb") as handle:
                handle.seek(0, os.SEEK_END)
                handle.seek(max(0, handle.tell() - MAX_EVIDENCE))
                text = handle.read().decode("utf-8", "replace")
        except OSError as exc:
            raise UsageError(f"cannot read evidence file {name}: {exc.strerror or exc}") from None
        report = _report(text)
        if report is None:
            evidence.append(Evidence(source=Path(name).name, text=text, status=GateStatus.FAIL,
                                     integration="integration" in name.lower()))
            continue
        for gate in report.get("gates") or []:
            if isinstance(gate, dict) and isinstance(gate.get("id"), str):
                details = gate.get("details") if isinstance(gate.get("details"), list) else []
                text = "\n".join([str(gate.get("summary") or ""), *(str(d) for d in details or [])])
                evidence.append(Evidence(source=f"gate {gate['id']}", text=text, status=str(gate.get("status")),
                                         gate=gate["id"]))
        rows = [f for f in report.get("findings") or [] if isinstance(f, dict) and not f.get("waived")]
        evidence += findings_evidence(
            (str(f.get("category")), str(f.get("severity")), str(f.get("path")),
             f.get("line") if isinstance(f.get("line"), int) else None, str(f.get("message") or ""))
            for f in rows)
        for checklist in report.get("checklists") or []:
            for item in (checklist.get("items") or []) if isinstance(checklist, dict) else []:
                if isinstance(item, dict) and item.get("status") in _REPORTED_OPEN:
                    items.append(Item(key=f"{checklist.get('id')}/{item.get('id')}", label=str(item.get("title")),
                                      kind="checklist", detail=str(item.get("detail") or "")))
    return evidence, items


# Checklist item statuses a triage picks up: from a saved report (its JSON), and from a live run (which also counts
# an item that could not be checked).
_REPORTED_OPEN = (Status.FAIL, Status.WARN, Status.MANUAL)
_UNFINISHED = (*_REPORTED_OPEN, Status.ERROR)


def _report(text: str) -> dict[str, Any] | None:
    if not text.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not (isinstance(data, dict) and "schema_version" in data and ("gates" in data or "findings" in data)):
        return None
    return data


def gate_evidence(gates: Iterable[GateResult], stale: bool = False) -> list[Evidence]:
    """Failed gates as triage evidence: the summary, the details and the tail of the output (masked by the runner).
    A stale result (files changed since it ran) still counts, and says so."""
    when = " (before your last changes)" if stale else ""
    return [Evidence(source=f"gate {g.id}{when}", status=str(g.status), gate=g.id,
                     text="\n".join([g.summary, *g.details, *g.output.splitlines()[-200:]]))
            for g in gates if g.status.failed and not g.cancelled]


def checklist_items(checklists: Iterable[ChecklistResult], findings: Iterable[Finding] = ()) -> list[Item]:
    """Unfinished checklist items, each with the files its findings are in."""
    paths = {f.id: f.path for f in findings}
    return [Item(key=f"{c.id}/{i.id}", label=i.title, kind="checklist", detail=i.detail,
                 paths=tuple(dict.fromkeys(paths[f] for f in i.finding_ids if f in paths)))
            for c in checklists for i in c.items if i.status in _UNFINISHED]


def gather(repo: Repository, cfg: Config | Mapping[str, Any], evidence_files: Iterable[str] = (),
           planned: Iterable[str] = (), blocked: Iterable[str] = ()) -> Context:
    """The context a triage works from: the evidence files, the changed source modules (and the planned ones) as
    candidates, the unfinished checklist items of a report, and the import graph of the Python files."""
    evidence, items = read_evidence(list(evidence_files))
    changed = sorted(c.path for c in repo.changes().values()
                     if c.status != "D" and language_of(c.path) in SOURCE_LANGUAGES)
    items += [Item(key=path, label=path, kind="module") for path in changed]
    planned_paths = [PurePosixPath(p.replace("\\", "/")).as_posix() for p in planned]
    sources = {}
    for path in repo.all_paths():
        if path.endswith((".py", ".pyw")):
            text = repo.read_text(path, cfg["max_file_size"])
            if text is not None:
                sources[path] = text
    return Context(evidence=tuple(evidence), items=tuple(items), candidates=tuple([*changed, *planned_paths]),
                   imports=import_graph(sources), blocked=tuple(blocked), branch=repo.branch, head=repo.head,
                   docs_file=cfg["docs_file"])


# -- the log ---------------------------------------------------------------------------------------------------------
def preflight(repo: Repository, label: str) -> None:
    """Refuse a README that cannot take an entry before asking anything (conflicts, encoding, permissions...)."""
    readme = blockers.read_readme(repo.root, label)
    blockers.check_editable(readme.document(), label)
    if readme.exists:
        blockers.check_writable(readme)
    check_folder_writable(state_dir(repo.git_dir) / "tickets", "the follow-up ticket")


def find_duplicate(entries: Iterable[Blocker], triage: Triage) -> Blocker | None:
    """The open entry that already logs this blocker (same class, same summary without case or extra spaces)."""
    return blockers.find_duplicate(tuple(entries), triage.new_blocker())


def duplicate_error(same: Blocker, how: str) -> TriageError:
    return TriageError(f"{same.id} already logs this blocker ({same.klass}: {blockers.shown(same.summary)}): "
                       f"resolve it {how} or describe this one differently")


def check_duplicate(repo: Repository, label: str, triage: Triage) -> None:
    """Refuse a blocker the README already logs (read now, not from memory)."""
    doc = blockers.read_readme(repo.root, label).document()
    same = find_duplicate(doc.blockers, triage)
    if same is not None:
        raise duplicate_error(same, f"with `readiness blocker resolve {same.id}`")


def next_number(repo: Repository, label: str) -> int:
    doc = blockers.read_readme(repo.root, label).document()
    return max(doc.highest, blockers.id_floor(repo, label)[0]) + 1


# -- the end ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TriageOutcome:
    blocker: Blocker
    entry: str  # the lines written into the README
    ticket: Ticket
    ticket_path: Path
    warnings: tuple[str, ...]
    ticket_saved: bool = True  # False: the entry is logged, but the ticket file could not be written (see warnings)
    gh: bool = False  # the GitHub CLI is installed and logged in: offer `gh issue create` (set by the TUI)


def finish(repo: Repository, triage: Triage, date: str, label: str | None = None) -> TriageOutcome:
    """Log the README entry (read, add, verify, write atomically, record the id) and save the follow-up ticket
    under the git directory. Every target is checked first (the README by the writer, the tickets folder here):
    with a read-only git directory nothing is written. A ticket that still cannot be saved is a warning: the entry
    is logged already."""
    docs_file = triage.context.docs_file or label or "README.md"
    new = triage.new_blocker()
    folder = state_dir(repo.git_dir) / "tickets"
    check_folder_writable(folder, "the follow-up ticket")
    blocker, warnings = blockers.log_blocker(repo, docs_file, new, date)
    ticket = triage.ticket(blocker.id, date)
    path = folder / ticket.filename
    saved = True
    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(path, ticket.markdown.encode("utf-8"))
    except OSError as exc:
        saved = False
        warnings.append(f"{blocker.id} is logged, but the ticket could not be saved in {folder}: "
                        f"{exc.strerror or exc}")
    entry = "\n".join(blockers.entry_lines(blocker.number, new.cleaned(), date))
    return TriageOutcome(blocker, entry, ticket, path, tuple(warnings), saved)


def file_issue(outcome: TriageOutcome, cwd: Path) -> str:
    """`gh issue create` with the ticket (only ever after the user asked or confirmed); returns the issue URL."""
    folder = outcome.ticket_path.parent
    return gh_create(outcome.ticket, folder / f".{outcome.ticket.filename}.body", cwd)
