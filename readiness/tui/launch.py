"""Start the terminal UI: `readiness` (and `readiness triage` in a terminal) land here. No textual at import.

The order is the start-up's speed (README "Performance"): refuse without a terminal and check the repository
(one clear line, exit 2) first, then fork the early scan (`early.py`) while no thread exists yet, and only then
import textual and the app, which draw the dashboard while the child scans on another core.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from typing import TYPE_CHECKING

from readiness.tui.early import EarlyScan
from readiness.tui.model import Launch, options_from, preflight

if TYPE_CHECKING:
    from readiness.tui.app import ReadinessApp

if importlib.util.find_spec("textual") is None:  # the UI is not installed: `readiness` prints its help instead
    raise ImportError("the terminal UI needs textual")


def open_app(launch: Launch, *, early: str = "auto", **kwargs) -> ReadinessApp:
    """The app for `launch`, its early scan already running: `early` "auto" (when a core is spare), "always" (where
    the platform forks) or "never" (the app's own scan only)."""
    scan = EarlyScan.start(launch, busy_too=early == "always") if early != "never" else None
    try:
        from readiness.tui.app import ReadinessApp  # textual (~0.2 s): imported while the child scans
    except BaseException:
        if scan is not None:
            scan.cancel()
        raise
    return ReadinessApp(launch, early=scan, **kwargs)


def run_app(args: argparse.Namespace, initial_screen: str = "dashboard") -> int:
    """Open the terminal UI (exit 0 on quit). Without a terminal, refuse and point to the headless command."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("readiness: error: the terminal UI needs an interactive terminal; in scripts and CI run "
              "`readiness check --format json` instead", file=sys.stderr)
        return 2
    launch = options_from(args)
    preflight(launch)
    screen_options = {}
    if initial_screen == "triage" and getattr(args, "evidence", None):
        screen_options["evidence_files"] = list(args.evidence)
    app = open_app(launch, initial_screen=initial_screen, screen_options=screen_options)
    app.run()
    return app.return_code or 0


def run_triage(args: argparse.Namespace) -> int:
    """`readiness triage` in a terminal without answers: the app, opened on the triage wizard."""
    return run_app(args, initial_screen="triage")
