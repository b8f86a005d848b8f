"""Words for the screen you are on: the core's texts name CLI commands (they are shared with `readiness check`);
inside the TUI the same hints name the key and the screen that do it.

`for_screen(text)` rewrites each CLI hint the core gives (gate summaries, checklist details, errors) into its TUI
form; text without such a hint comes back unchanged. No textual here: the rules are plain string rewrites.
"""

from __future__ import annotations

import re

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:run |with )?`readiness trust`(?: again)?"), "press T on the gates screen (g) to review and trust"),
    (re.compile(r"`readiness check --gates ([a-z0-9_,-]+)`"), r"run the \1 gate on the gates screen (g, enter)"),
    (re.compile(r"confirm with `readiness checklist check [^`]+`"), "confirm it with space on the checklist screen"),
    (re.compile(r"re-check with `readiness checklist check [^`]+`"), "press space to confirm it again"),
    (re.compile(r"`readiness checklist check [^`]+`"), "space on the checklist screen"),
    (re.compile(r"`readiness blocker resolve (B\d+)`"), r"resolve \1 on the blockers screen (b, x)"),
    (re.compile(r"`readiness checklist list`"), "the checklists on the dashboard"),
    (re.compile(r"run the command again"), "try again"),
    (re.compile(r"run `readiness triage` again"), "open the triage wizard again (t)"),
)


def for_screen(text: str) -> str:
    """`text` with the CLI's hints replaced by the keys and screens that do the same in the TUI."""
    if "readiness" not in text and "command again" not in text:
        return text
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text
