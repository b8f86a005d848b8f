"""The rapid triage flow (methodology, "If Blocked") as a small state machine with no I/O.

1. Classify: build, logic, integration or environment, suggested from evidence (gate results, failing output,
   findings).
2. Reduce scope: mark what is deferred (checklist items, changed modules); the rest is the smallest viable subset.
3. Log: the README entry, previewed before anything is written.
4. Follow-up: a ticket in Markdown (title, context, what was deferred, acceptance criteria).
5. Continue: the next independent module, one that does not import a blocked module (Python import graph).

`Triage` is immutable: each step returns a new value, `back()` returns to the previous step with the answers
kept. The headless command and the terminal prompts drive it today, the TUI wizard later; they do the I/O
(reading evidence, writing the README, saving the ticket) with what it computes.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from readiness.core.blockers.log import CLASSES, NewBlocker, clean_field, entry_lines, refuse_secrets
from readiness.core.errors import UsageError
from readiness.core.triage.evidence import Evidence, Suggestion, classify_evidence, findings_evidence, suggest_class
from readiness.core.triage.next_module import (
    NextOption,
    dependents,
    import_graph,
    next_options,
    why_nothing_qualifies,
)
from readiness.core.triage.ticket import Item, Ticket, TicketFacts, code, default_follow_up, phrase, write_ticket

__all__ = [
    "Context", "Evidence", "Item", "NextOption", "Step", "Suggestion", "Ticket", "Triage", "TriageError",
    "classify_evidence", "code", "dependents", "findings_evidence", "import_graph", "next_options", "suggest_class",
]


class TriageError(UsageError):
    """A triage answer that cannot be accepted, or a step taken out of order."""


class Step(enum.IntEnum):
    CLASSIFY = 1
    SCOPE = 2
    LOG = 3
    FOLLOW_UP = 4
    CONTINUE = 5
    DONE = 6

    @property
    def title(self) -> str:
        return {1: "Classify", 2: "Reduce scope", 3: "Log", 4: "Follow-up", 5: "Continue", 6: "Done"}[self.value]


@dataclass(frozen=True)
class Context:
    """What the flow works from, gathered by the caller."""

    evidence: tuple[Evidence, ...] = ()
    items: tuple[Item, ...] = ()
    candidates: tuple[str, ...] = ()  # changed and planned modules: where work could continue
    imports: Mapping[str, frozenset[str]] = field(default_factory=dict)
    blocked: tuple[str, ...] = ()  # modules known to be blocked, besides the deferred ones
    branch: str | None = None
    head: str | None = None
    docs_file: str = "README.md"



@dataclass(frozen=True)
class Triage:
    context: Context
    step: Step = Step.CLASSIFY
    suggestion: Suggestion | None = None
    klass: str | None = None
    summary: str | None = None
    details: str | None = None
    deferred: tuple[str, ...] = ()  # item keys, or free text for things that are not listed
    scope: str | None = None
    follow_up: str | None = None
    criteria: tuple[str, ...] = ()
    next_module: str | None = None

    @classmethod
    def start(cls, context: Context) -> Triage:
        return cls(context=context, suggestion=suggest_class(context.evidence))

    def _expect(self, step: Step) -> None:
        if self.step != step:
            raise TriageError(f"triage is at step {self.step.value} ({self.step.title}), not at {step.title}")

    def back(self) -> Triage:
        """The previous step, answers kept (at step 1, stays there)."""
        return replace(self, step=Step(max(Step.CLASSIFY, self.step - 1)))

    # step 1
    def classify(self, klass: str | None, summary: str | None, details: str | None = None) -> Triage:
        """`klass` None or "auto" takes the suggestion."""
        self._expect(Step.CLASSIFY)
        if klass in (None, "", "auto"):
            if self.suggestion is None:
                why = "the evidence does not point to a class" if self.context.evidence else \
                    "no evidence to suggest a class from"
                raise TriageError(f"{why}: choose one of " + ", ".join(CLASSES))
            klass = self.suggestion.klass
        if klass not in CLASSES:
            raise TriageError(f"unknown blocker class {klass!r}: choose one of {', '.join(CLASSES)}")
        summary = clean_field(summary)
        if not summary:
            raise TriageError("the blocker needs a summary: one line saying what blocks you")
        refuse_secrets({"summary": summary, "details": details or ""})
        return replace(self, step=Step.SCOPE, klass=klass, summary=summary, details=clean_field(details))

    # step 2
    def reduce_scope(self, deferred: Iterable[str] = (), scope: str | None = None) -> Triage:
        self._expect(Step.SCOPE)
        keys = tuple(dict.fromkeys(k for k in (clean_field(d) for d in deferred) if k))
        refuse_secrets({"scope": scope or "", "deferred item": " ".join(keys)})
        return replace(self, step=Step.LOG, deferred=keys, scope=clean_field(scope) or self._default_scope(keys))

    def _label(self, key: str) -> str:
        item = next((i for i in self.context.items if i.key == key), None)
        return item.label if item is not None else key

    def _default_scope(self, keys: tuple[str, ...]) -> str | None:
        """`ship without: no TODO throws, pkg/sync.py (deferred)`."""
        if not keys:
            return None
        known = {i.key: i for i in self.context.items}
        return "ship without: " + ", ".join(phrase(known.get(k, Item(k, k, "other"))) for k in keys) + \
            " (deferred)"

    def deferred_items(self) -> list[Item]:
        known = {i.key: i for i in self.context.items}
        return [known.get(k, Item(k, k, "other")) for k in self.deferred]

    def blocked_modules(self) -> tuple[str, ...]:
        mods = [i.key for i in self.deferred_items() if i.kind == "module"]
        return tuple(dict.fromkeys([*mods, *self.context.blocked]))

    def held_modules(self) -> tuple[str, ...]:
        """The files the deferred checklist items are about (their findings' files): deferred work lives there,
        so they are not where work continues."""
        held: list[str] = []
        for item in self.deferred_items():
            if item.kind != "checklist":
                continue
            held += item.paths or [c for c in self.context.candidates if _mentions(item.detail, c)]
        return tuple(dict.fromkeys(held))

    # step 3
    def new_blocker(self) -> NewBlocker:
        if self.klass is None or self.summary is None:
            raise TriageError("classify the blocker first (step 1)")
        return NewBlocker(self.klass, self.summary, self.details, self.scope, self.follow_up, self.next_module)

    def preview(self, number: int | None, today: str) -> str:
        """The README entry as it will be written; `number` None shows `B?`."""
        lines = entry_lines(number or 0, self.new_blocker(), today)
        if number is None:
            lines[0] = lines[0].replace("**B0**", "**B?**", 1)
        return "\n".join(lines)

    def log(self, confirm: bool = True) -> Triage:
        """Accept the entry (on to the follow-up), or go back to step 1 to change it."""
        self._expect(Step.LOG)
        return replace(self, step=Step.FOLLOW_UP if confirm else Step.CLASSIFY)

    # step 4
    def default_follow_up(self) -> str | None:
        """`make "no TODO throws" pass; finish pkg/sync.py`: what the deferred items need."""
        return default_follow_up(self.deferred_items())

    def plan_follow_up(self, text: str | None = None, criteria: Iterable[str] = ()) -> Triage:
        self._expect(Step.FOLLOW_UP)
        wanted = tuple(c for c in (clean_field(c) for c in criteria) if c)
        refuse_secrets({"follow-up": text or "", "acceptance criteria": " ".join(wanted)})
        return replace(self, step=Step.CONTINUE, follow_up=clean_field(text) or self.default_follow_up(),
                       criteria=wanted)

    def ticket(self, blocker_id: str, today: str) -> Ticket:
        facts = TicketFacts(
            klass=self.klass, summary=self.summary, details=self.details, docs_file=self.context.docs_file,
            branch=self.context.branch, head=self.context.head,
            evidence=self.suggestion.reason if self.suggestion is not None else None, scope=self.scope,
            next_module=self.next_module, follow_up=self.follow_up, criteria=self.criteria,
            deferred=tuple(self.deferred_items()))
        return write_ticket(facts, blocker_id, today)

    # step 5
    def next_options(self) -> tuple[NextOption, ...]:
        return next_options(self.context.candidates, self.context.imports, self.blocked_modules(),
                            self.held_modules())

    def why_no_next(self) -> str:
        """Why step 5 offers no module (which candidates import a blocked one, with a chain; which hold work)."""
        return why_nothing_qualifies(self.context.candidates, self.context.imports, self.blocked_modules(),
                                     self.held_modules())

    def choose_next(self, module: str | None) -> Triage:
        """`module` None skips, "auto" takes the first option; a module that imports a blocked one is refused."""
        self._expect(Step.CONTINUE)
        options = self.next_options()
        if module == "auto":
            module = options[0].module if options else None
        module = clean_field(module)
        refuse_secrets({"next module": module or ""})
        if module is not None and module not in {o.module for o in options}:
            blocked = self.blocked_modules()
            if module in blocked:
                raise TriageError(f"{module} is the blocked module: pick one that does not depend on it")
            if module in dependents(self.context.imports, blocked):
                raise TriageError(f"{module} imports a blocked module ({', '.join(blocked)}): pick an independent "
                                  "one")
            if module in self.held_modules():
                raise TriageError(f"{module} holds deferred work: pick a module that does not")
        return replace(self, step=Step.DONE, next_module=module)


def _mentions(text: str, path: str) -> bool:
    """`path` appears in `text` as a whole path (`pkg/a.py:3`, `pkg/a.py,`), not inside a longer one."""
    return re.search(rf"(?<![\w./-]){re.escape(path)}(?![\w/-]|\.\w)", text) is not None
