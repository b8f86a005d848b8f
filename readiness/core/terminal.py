"""Whether the terminal UI can run in this terminal: the one rule both the app and the triage wizard follow.

A terminal that declares itself unable to move the cursor (`TERM=dumb`, `TERM=unknown`: Emacs' shell, some CI
consoles, `script` sessions) cannot show a full-screen app: drawn anyway, it spins redrawing a screen nobody can
see and its keys never arrive. readiness then refuses in one line (the app) or asks step by step (triage).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

INCAPABLE_TERMS = frozenset({"dumb", "unknown"})


def tui_refusal(environ: Mapping[str, str] | None = None) -> str | None:
    """Why the terminal UI cannot run here (one line, no prefix), or None when it can."""
    term = (environ if environ is not None else os.environ).get("TERM", "").strip().lower()
    if term in INCAPABLE_TERMS:
        return (f"the terminal UI needs a terminal that can move the cursor (TERM={term}); run `readiness check` "
                "for a text report, or set TERM=xterm-256color")
    return None
