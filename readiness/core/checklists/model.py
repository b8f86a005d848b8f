"""The checklist data types, shared by the loader (which builds them from TOML) and the pure engine (which
evaluates them): a `Checklist` of `Item`s, each with one `Check` (findings, gate, manual, changed, all, any) and an
optional `Condition` (`applies_when`).
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.core.models import ItemKind, Severity, Status


@dataclass(frozen=True, slots=True)
class Check:
    kind: ItemKind
    refs: tuple[str, ...] = ()  # findings: categories / rule-id prefixes; changed: globs
    exclude: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()  # findings: only on these paths; manual: the files a check-off covers
    severity: Severity = Severity.WARNING
    on_findings: Status = Status.FAIL
    gate: str = ""
    on_skip: Status = Status.SKIP
    prompt: str = ""
    label: str = ""  # findings: what the findings are, as a plural noun ("code paths that log nothing")
    children: tuple[Check, ...] = ()
    when: tuple[str, ...] = ()  # change signals (readiness.core.checklists.signals): asked only when one is present

    def manual_part(self) -> Check | None:
        """The manual check inside this check (itself, or a child of all/any), if there is one."""
        if self.kind == ItemKind.MANUAL:
            return self
        return next((m for c in self.children if (m := c.manual_part()) is not None), None)

    def describe(self) -> str:
        if self.kind.combines:
            return f"{self.kind}({', '.join(c.describe() for c in self.children)})"
        if self.kind == ItemKind.GATE:
            return f"gate {self.gate}"
        if self.kind == ItemKind.MANUAL:
            return "manual"
        return f"{self.kind} {', '.join(self.refs)}"


@dataclass(frozen=True, slots=True)
class Condition:
    changed: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    changed_at_least: int = 1
    changed_words: tuple[str, ...] = ()  # case-insensitive substrings; cheaper than changed_text
    changed_text: str | None = None
    findings: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()  # applies only when the change shows one of them (checklists.signals)
    description: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    title: str
    check: Check
    why: str = ""
    how: str = ""
    source: str = ""
    applies_when: Condition | None = None


@dataclass(frozen=True, slots=True)
class Checklist:
    id: str
    title: str
    items: tuple[Item, ...]
    description: str = ""
    source: str = ""
    origin: str = "built-in"  # "built-in", or the repository-relative path of the file
    overrides: bool = False

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)
