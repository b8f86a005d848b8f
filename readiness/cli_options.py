"""The options and helpers every sub-command parser shares (argparse lives in the CLI only)."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from readiness.core.exit_codes import ERROR

CONFIG_HELP = "configuration file (default: readiness.toml or [tool.readiness] in pyproject.toml)"
TRUST_HELP = "run gates that execute the repository's code even without `readiness trust` (for CI)"
Handler = Callable[[argparse.Namespace], int]


def add_common(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    """--repo, --base, --all: on the top-level parser and again on each sub-command (either place works)."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--repo", metavar="DIR", default=default if suppress else ".",
                        help="directory inside the repository (default: current directory; the root is found upward)")
    parser.add_argument("--base", metavar="REF", default=default,
                        help="branch or ref to compare against (default: auto-detected: the upstream's remote HEAD, "
                             "origin/main, origin/master, main, master, trunk, develop)")
    parser.add_argument("--all", dest="all", action="store_true", default=default if suppress else False,
                        help="scan every tracked and untracked-not-ignored file instead of only the changes")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, then exit 2, like every other error
        self.exit(ERROR, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def _wrap(text: str) -> str:
    return textwrap.fill(text, 100)


def _config(args: argparse.Namespace) -> Path | None:
    return Path(args.config) if args.config else None


def _repo_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repo", metavar="DIR", default=argparse.SUPPRESS,
                        help="directory inside the repository (default: current directory)")


def _handler(parser: argparse.ArgumentParser, handler: Handler) -> None:
    parser.set_defaults(handler=handler)
