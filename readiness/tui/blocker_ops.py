"""The blockers screen's and the triage wizard's I/O (no textual here): read the README's log, add and resolve
entries, gather the triage context from what the app knows, and finish a triage.

The text transformations, the safety checks, the atomic write and logging an entry are `readiness.core.blockers.log`
(the same `log_blocker` and `id_floor` `readiness blocker add` uses: this clone's record and the README's git
history), so the TUI and the shell never hand out the same id. Warnings are returned to be shown, never printed.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.core import config as config_mod
from readiness.core.blockers import log as blockers
from readiness.core.errors import ConfigError
from readiness.core.repo import Repository, open_repository

if TYPE_CHECKING:
    from readiness.core.models import ChecklistResult, Finding, GateResult
    from readiness.core.pipeline.run import CheckOptions


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
        readme = blockers.read_readme(repo.root, label)
        text, blocker, changed = blockers.resolve_entry(readme.document(), number, today=date, note=note,
                                                        label=label)
        if changed:
            blockers.write_readme(readme, text)
    return blocker, changed


def preview(new: blockers.NewBlocker, number: int, date: str) -> str:
    """The exact lines the entry will have in the README (raises UsageError for bad input, secrets included)."""
    cleaned = new.cleaned()
    blockers.refuse_secrets(cleaned.texts())
    return "\n".join(blockers.entry_lines(number, cleaned, date))


# -- triage ----------------------------------------------------------------------------------------------------------
def gate_evidence(gates: Iterable[GateResult], stale: bool = False):
    """Failed gates as triage evidence: the summary, the details and the tail of the output (masked by the runner).
    A stale result (files changed since it ran) still counts, and says so."""
    from readiness.core.triage.flow import Evidence

    when = " (before your last changes)" if stale else ""
    return [Evidence(source=f"gate {g.id}{when}", status=str(g.status), gate=g.id,
                     text="\n".join([g.summary, *g.details, *g.output.splitlines()[-200:]]))
            for g in gates if str(g.status) in ("fail", "error", "timeout") and "cancelled" not in g.summary]


def checklist_items(checklists: Iterable[ChecklistResult], findings: Iterable[Finding] = ()):
    """Unfinished checklist items, each with the files its findings are in."""
    from readiness.core.triage.flow import Item

    paths = {f.id: f.path for f in findings}
    return [Item(key=f"{c.id}/{i.id}", label=i.title, kind="checklist", detail=i.detail,
                 paths=tuple(dict.fromkeys(paths[f] for f in i.finding_ids if f in paths)))
            for c in checklists for i in c.items if str(i.status) in ("fail", "warn", "manual", "error")]


def triage_context(options: CheckOptions, gates: Iterable[GateResult], checklists: Iterable[ChecklistResult],
                   evidence_files: list[str] | None = None, findings: Iterable[Finding] = (),
                   stale_gates: Iterable[GateResult] = ()):
    """The triage context `readiness triage` builds, plus the evidence the app already has (failed gates, stale
    ones included; the findings; unfinished checklist items)."""
    from dataclasses import replace

    from readiness.commands.triage import gather
    from readiness.core.triage.flow import findings_evidence

    findings = tuple(findings)
    repo = open_repository(Path(options.repo), options.base)
    with repo:
        cfg = config_mod.load(repo.root, options.config_path)
        args = argparse.Namespace(evidence=list(evidence_files or []), planned=[], blocked=[])
        context = gather(repo, cfg, args)
    items = tuple(checklist_items(checklists, findings)) + context.items
    found = findings_evidence((f.category, str(f.severity), f.path, f.line, f.message)
                              for f in findings if not f.waived)
    return replace(context, evidence=(*context.evidence, *gate_evidence(gates), *gate_evidence(stale_gates, True),
                                      *found), items=items)


@dataclass(frozen=True)
class TriageOutcome:
    blocker: blockers.Blocker
    entry: str
    ticket: object  # readiness.core.triage.flow.Ticket
    ticket_path: Path
    warnings: tuple[str, ...]
    gh: bool = False  # the GitHub CLI is installed and logged in: offer `gh issue create`


def finish_triage(options: CheckOptions, triage, date: str) -> TriageOutcome:
    """Write the README entry and save the follow-up ticket under the git directory."""
    from readiness.core.atomic import atomic_write

    repo, label = _open(options)
    with repo:
        blocker, warnings = blockers.log_blocker(repo, triage.context.docs_file or label, triage.new_blocker(), date)
        ticket = triage.ticket(blocker.id, date)
        folder = Path(repo.git_dir) / "readiness" / "tickets"
        path = folder / ticket.filename
        try:
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write(path, ticket.markdown.encode("utf-8"))
        except OSError as exc:
            warnings.append(f"{blocker.id} is logged, but the ticket could not be saved in {folder}: "
                            f"{exc.strerror or exc}")
    from readiness.core.triage.github import gh_ready

    entry = "\n".join(blockers.entry_lines(blocker.number, triage.new_blocker().cleaned(), date))
    return TriageOutcome(blocker, entry, ticket, path, tuple(warnings), gh_ready(Path(options.repo)))


def file_issue(options: CheckOptions, outcome: TriageOutcome) -> str:
    """`gh issue create` with the ticket (only ever after the user confirmed); returns the issue URL."""
    from readiness.core.triage.github import gh_create

    folder = outcome.ticket_path.parent
    return gh_create(outcome.ticket, folder / f".{outcome.ticket.filename}.body", Path(options.repo))
