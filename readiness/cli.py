"""Command line: argparse, one module per sub-command (readiness/commands/), one error handler → exit codes.

`main(argv=None) -> int`; stdout carries only results, stderr the diagnostics.
"""

from __future__ import annotations

import argparse
import os
import sys

from readiness import __version__
from readiness.core.errors import ReadinessError

EXIT_OK, EXIT_NOT_READY, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


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
    def error(self, message: str) -> None:  # one line, then exit 2, like every other error
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    from readiness.commands import COMMANDS

    parser = _Parser(
        prog="readiness",
        description="Is this branch ready for review? Finds TODO throws, untested changes, leaked secrets and "
                    "missing docs in what you changed, runs the quality gates, and walks you through the "
                    "ready-for-review and merge checklists. Without a command it opens the terminal UI.",
        epilog="Exit codes: 0 ready, 1 not ready, 2 usage/configuration/repository error, 130 interrupted. "
               "Run `readiness COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"readiness {__version__}")
    add_common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            from readiness.commands import open_app

            return open_app(args)
        return handler(args)
    except ReadinessError as exc:
        from readiness.core.secrets.values import mask_secrets

        print(f"readiness: error: {mask_secrets(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("readiness: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`readiness check | head`): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the one place that turns a bug into one line instead of a traceback
        if os.environ.get("READINESS_DEBUG"):
            raise
        from readiness.core.secrets.values import mask_secrets

        print(f"readiness: internal error: {exc.__class__.__name__}: {mask_secrets(str(exc))} "
              "(set READINESS_DEBUG=1 to see the traceback, and please report it)", file=sys.stderr)
        return EXIT_ERROR
