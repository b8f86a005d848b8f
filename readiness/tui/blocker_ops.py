"""The blockers screen's and the triage wizard's I/O (no textual here): read the README's log, add and resolve
entries, gather the triage context from what the app knows, and finish a triage (the core's triage session,
`readiness.core.triage.session`, which `readiness triage` runs too).

The text transformations, the safety checks, the atomic write and logging an entry are `readiness.core.blockers.log`
(the same `log_blocker` and `id_floor` `readiness blocker add` uses: this clone's record and the README's git
history), so the TUI and the shell never hand out the same id. Warnings are returned to be shown, never printed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.core import config as config_mod
from readiness.core.blockers import log as blockers
from readiness.core.errors import ConfigError
from readiness.core.models import Status
from readiness.core.repo import Repository, open_repository

if TYPE_CHECKING:
    from readiness.core.checklists.model import Checklist
    from readiness.core.models import ChecklistResult, Finding, GateResult
    from readiness.core.pipeline.run import CheckOptions
    from readiness.core.triage.flow import Context, Triage
    from readiness.core.triage.session import TriageOutcome


@dataclass(frozen=True)
class BlockerLog:
    label: str
    blockers: tuple[blockers.Blocker, ...]
    next_number: int
    exists: bool
    warnings: tuple[str, ...] = ()


def _open(options: CheckOptions) -> tuple[Repository, str]:
    repo = open_repository(Path(options.repo), None)
    try:
        label = config_mod.load(repo.root, options.config_path)["docs_file"]
    except BaseException:
        repo.close()
        raise
    return repo, label


def load_log(options: CheckOptions) -> BlockerLog:
    """The blocker log, for reading. With an invalid configuration the default file (README.md) is read, with a
    warning: writing still refuses until the configuration is fixed (it may name another docs_file)."""
    repo = open_repository(Path(options.repo), None)
    with repo:
        config_warning: tuple[str, ...] = ()
        try:
            label = config_mod.load(repo.root, options.config_path)["docs_file"]
        except ConfigError:
            label = config_mod.KEYS["docs_file"].default
            config_warning = (f"the configuration is invalid: showing the blockers of {label} (the default "
                              "docs_file); fix the configuration to log or resolve one",)
        readme = blockers.read_readme(repo.root, label)
        doc = readme.document()
        floor, notes = blockers.id_floor(repo, label)
    return BlockerLog(label, doc.blockers, max(doc.highest, floor) + 1, readme.exists,
                      (*config_warning, *readme.warnings, *doc.warnings, *notes))


def add_blocker(options: CheckOptions, new: blockers.NewBlocker, date: str) -> tuple[blockers.Blocker, list[str]]:
    """Read, add, verify, write atomically (refusing if the README changed meanwhile), record the id."""
    repo, label = _open(options)
    with repo:
        return blockers.log_blocker(repo, label, new, date)


def resolve_blocker(options: CheckOptions, number: int, note: str | None, date: str) -> tuple[blockers.Blocker, bool]:
    repo, label = _open(options)
    with repo:
        blocker, changed, _warnings = blockers.resolve_blocker(repo, label, number, note, date)
    return blocker, changed


def preview(new: blockers.NewBlocker, number: int, date: str) -> str:
    """The exact lines the entry will have in the README (raises UsageError for bad input, secrets included)."""
    cleaned = new.cleaned()
    blockers.refuse_secrets(cleaned.texts())
    return "\n".join(blockers.entry_lines(number, cleaned, date))


# -- triage (readiness.core.triage.session: the same session `readiness triage` runs) ---------------------------
def triage_context(options: CheckOptions, gates: Iterable[GateResult], checklists: Iterable[ChecklistResult],
                   evidence_files: list[str] | None = None, findings: Iterable[Finding] = (),
                   stale_gates: Iterable[GateResult] = (), definitions: Iterable[Checklist] | None = None) -> Context:
    """The triage context `readiness triage` builds, plus the evidence the app already has (failed gates, stale
    ones included; the findings; unfinished checklist items: with the `definitions`, only the failing ones and those
    awaiting your confirmation, see `scope_checklists`)."""
    # Local: the triage session, flow and github helper cost ~40-50 ms and load only when triage opens.
    from readiness.core.triage import session
    from readiness.core.triage.flow import findings_evidence

    findings = tuple(findings)
    repo = open_repository(Path(options.repo), options.base)
    with repo:
        cfg = config_mod.load(repo.root, options.config_path)
        context = session.gather(repo, cfg, evidence_files or ())
    if definitions is not None:
        checklists = scope_checklists(checklists, definitions)
    items = tuple(session.checklist_items(checklists, findings)) + context.items
    found = findings_evidence((f.category, str(f.severity), f.path, f.line, f.message)
                              for f in findings if not f.waived)
    return replace(context, evidence=(*context.evidence, *session.gate_evidence(gates),
                                      *session.gate_evidence(stale_gates, True), *found), items=items)


def scope_checklists(checklists: Iterable[ChecklistResult], definitions: Iterable[Checklist]) -> list[ChecklistResult]:
    """The checklists with only the items worth deferring: failing ones (✘) and those awaiting your confirmation
    (○ on an item checked by hand). A gate that has not run yet (○ pending) or a warning is not work to defer."""
    manual = {f"{c.id}/{i.id}" for c in definitions for i in c.items if i.check.manual_part() is not None}
    kept = []
    for checklist in checklists:
        items = tuple(i for i in checklist.items if i.status in (Status.FAIL, Status.ERROR)
                      or (i.status == Status.MANUAL and f"{checklist.id}/{i.id}" in manual))
        if items:
            kept.append(replace(checklist, items=items))
    return kept


def finish_triage(options: CheckOptions, triage: Triage, date: str) -> TriageOutcome:
    """Write the README entry and save the follow-up ticket under the git directory (warnings are returned)."""
    # Local: the triage session, flow and github helper cost ~40-50 ms and load only when triage opens.
    from readiness.core.triage import session
    from readiness.core.triage.github import gh_ready

    repo, label = _open(options)
    with repo:
        outcome = session.finish(repo, triage, date, label)
    return replace(outcome, gh=gh_ready(Path(options.repo)))


def file_issue(options: CheckOptions, outcome: TriageOutcome) -> str:
    """`gh issue create` with the ticket (only ever after the user confirmed); returns the issue URL."""
    # Local: the triage session, flow and github helper cost ~40-50 ms and load only when triage opens.
    from readiness.core.triage import session

    return session.file_issue(outcome, Path(options.repo))
