"""Sub-commands: one module per command, each a set of plain typed functions that return an exit code."""

from __future__ import annotations

# The parsers live in readiness.cli, which calls these functions; no module here imports argparse, Rich or the CLI
# (pre-commit's shape). The heavy modules (the scan, the checklists, the Markdown parser, GitPython) are imported
# when a command runs, so building the parser stays cheap.
import sys
from collections.abc import Callable


class OutputClosed(Exception):
    """The reader of standard output went away (`readiness check | head -c 10`) while the result was written: the
    run's verdict still stands, so the CLI exits with `code`, not 0."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def emit(code: int, write: Callable[[], object]) -> int:
    """Write a command's result to standard output and flush it; return `code` (OutputClosed keeps it when the
    reader is gone)."""
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed(code) from None
    return code
