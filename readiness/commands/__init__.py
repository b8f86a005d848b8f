"""Sub-commands. Each module has `register(subparsers)` that adds its parser and sets `handler`."""

from __future__ import annotations

import argparse
import sys

from readiness.commands import blocker, check, checklist, gates, init, report, triage, trust

COMMANDS = (check, init, blocker, triage, checklist, report, gates, trust)


def open_app(args: argparse.Namespace) -> int:
    """`readiness` with no command: the terminal UI when it is installed, the help otherwise."""
    try:
        from readiness.tui.app import run_app
    except ImportError:
        from readiness.cli import build_parser

        build_parser().print_help(sys.stdout)
        return 0
    return run_app(args)
