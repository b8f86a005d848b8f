"""Step 4 of the triage flow: the follow-up ticket, and how deferred items read in it (title, context, what was
deferred, acceptance criteria), as Markdown with every secret masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from readiness.core.blockers.log import escape
from readiness.core.secrets.find import mask_secrets


@dataclass(frozen=True)
class Item:
    """Something that can be deferred in step 2: a checklist item or a changed module."""

    key: str  # checklist item id ("ready-for-review/tests-green") or module path
    label: str
    kind: str  # "checklist" or "module"
    detail: str = ""
    paths: tuple[str, ...] = ()  # checklist: the files its findings are in (else read from `detail`)



@dataclass(frozen=True)
class Ticket:
    title: str
    body: str
    filename: str

    @property
    def markdown(self) -> str:
        return f"# {self.title}\n\n{self.body}"



@dataclass(frozen=True)
class TicketFacts:
    """What the ticket says, gathered by the triage flow."""

    klass: str | None
    summary: str | None
    details: str | None
    docs_file: str
    branch: str | None = None
    head: str | None = None
    evidence: str | None = None  # the suggestion's reason
    scope: str | None = None
    next_module: str | None = None
    follow_up: str | None = None
    criteria: tuple[str, ...] = ()
    deferred: tuple[Item, ...] = ()


def default_follow_up(items: tuple[Item, ...] | list[Item]) -> str | None:
    """`make "no TODO throws" pass; finish pkg/sync.py`: what the deferred items need."""
    wanted = [_follow_up(i) for i in items]
    return "; ".join(wanted) if wanted else None


def write_ticket(facts: TicketFacts, blocker_id: str, today: str) -> Ticket:
    what = facts.follow_up or facts.summary or ""
    title = f"Follow-up to {blocker_id}: {what}"
    lines = [f"Blocker **{blocker_id}** ({facts.klass}, logged {today} in `{facts.docs_file}`): "
             f"{escape(facts.summary or '')}", "", "## Context", ""]
    if facts.details:
        lines += [escape(facts.details), ""]
    if facts.branch or facts.head:
        where = f"branch {code(facts.branch)}" if facts.branch else "a detached HEAD"
        lines.append(f"- Found on {where}" + (f" at {code(facts.head[:12])}" if facts.head else ""))
    if facts.evidence is not None:
        lines.append(f"- Evidence: {code(facts.evidence)}")
    if facts.scope:
        lines.append(f"- Scope shipped: {escape(facts.scope)}")
    if facts.next_module:
        lines.append(f"- Work continued on: {code(facts.next_module)}")
    lines += ["", "## Deferred", ""]
    items = list(facts.deferred)
    lines += [f"- {_describe(i)}" for i in items] or ["Nothing was deferred explicitly."]
    lines += ["", "## Acceptance criteria", ""]
    per_item = not facts.criteria and items and facts.follow_up in (None, default_follow_up(items))
    if facts.criteria:
        criteria = list(facts.criteria)
    elif per_item:
        criteria = [_criterion(i) for i in items]
    elif facts.follow_up:
        criteria = [f"{facts.follow_up} works end to end, with tests"]
    else:
        criteria = [f"the blocker is fixed: {facts.summary}", "the change works end to end, with tests"]
    lines += [f"- [ ] {escape(c)}" for c in criteria]
    if items and not per_item:
        lines.append("- [ ] every deferred item above is done, or dropped on purpose")
    lines.append(f"- [ ] `readiness blocker resolve {blocker_id}` once this lands")
    slug = re.sub(r"[^a-z0-9]+", "-", what.lower()).strip("-")[:50].strip("-") or "follow-up"
    return Ticket(title=mask_secrets(title), body=mask_secrets("\n".join(lines) + "\n"),
                  filename=f"{blocker_id}-{slug}.md")


def code(text: str) -> str:
    """`text` as a Markdown code span, with enough backticks to hold any inside it."""
    text = " ".join(text.split())
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _lower_first(text: str) -> str:
    """`No TODO throws` → `no TODO throws`; an acronym (`README has…`) keeps its case."""
    return text[:1].lower() + text[1:] if text[1:2].islower() or text[1:2] == " " else text


def phrase(item: Item) -> str:
    return _lower_first(item.label) if item.kind == "checklist" else item.label


def _follow_up(item: Item) -> str:
    if item.kind == "checklist":
        return f'make "{phrase(item)}" pass'
    if item.kind == "module":
        return f"finish {item.key}"
    return item.label


def _criterion(item: Item) -> str:
    if item.kind == "checklist":
        return f'the checklist item "{phrase(item)}" passes'
    if item.kind == "module":
        return f"{item.key} is finished, with tests"
    return f"{item.label} is done"


def _describe(item: Item) -> str:
    if item.kind == "module":
        return f"module {code(item.key)}"
    if item.kind == "checklist":
        return f"checklist item: {escape(item.label)} ({code(item.key)})" + (
            f" — {escape(item.detail)}" if item.detail else "")
    return escape(item.label)
