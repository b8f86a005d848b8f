"""Inline waivers: `readiness: ignore[CATEGORY] reason` in any comment syntax, on the line or the line above."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A comment marker, then the directive. The marker list covers # // /* -- ; % <!-- and (* styles.
_WAIVER = re.compile(
    r"(?:#|//|/\*|--|;|%|<!--|\(\*|\*)\s*readiness:\s*ignore\[(?P<targets>[^\]]*)\](?P<reason>[^\n]*)"
)
_CLOSERS = ("*/", "-->", "*)")


@dataclass(frozen=True, slots=True)
class InlineWaiver:
    line: int
    targets: frozenset[str]
    reason: str
    own_line: bool = False  # the comment is alone on its line, so it covers the line below too

    def covers(self, category: str, rule: str) -> bool:
        return category in self.targets or rule in self.targets or "*" in self.targets


def parse_waiver(text: str, line: int) -> InlineWaiver | None:
    if "readiness:" not in text:
        return None
    match = _WAIVER.search(text)
    if not match:
        return None
    reason = match.group("reason").strip()
    for closer in _CLOSERS:
        if reason.endswith(closer):
            reason = reason[: -len(closer)].rstrip()
    targets = frozenset(t.strip() for t in match.group("targets").split(",") if t.strip())
    own_line = not text[: match.start()].strip()
    return InlineWaiver(line=line, targets=targets, reason=reason, own_line=own_line)


def waiver_for(lines: list[str], line: int, category: str, rule: str) -> InlineWaiver | None:
    """The waiver covering a finding on `line` (1-based): on the line itself, or alone on the line above.

    A waiver trailing code on the line above belongs to that code, not to the next line.
    """
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            waiver = parse_waiver(lines[number - 1], number)
            if waiver and waiver.covers(category, rule) and (number == line or waiver.own_line):
                return waiver
    return None
