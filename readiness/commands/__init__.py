"""Sub-commands: one module per command, each a set of plain typed functions that return an exit code."""

from __future__ import annotations

# The parsers live in readiness.cli, which calls these functions; no module here imports argparse, Rich or the CLI
# (pre-commit's shape). The heavy modules (the scan, the checklists, the Markdown parser, GitPython) are imported
# when a command runs, so building the parser stays cheap.
