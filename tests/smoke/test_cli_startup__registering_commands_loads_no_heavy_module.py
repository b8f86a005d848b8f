"""Registering a sub-command is cheap: the command modules import the scanners, the checklists, the Markdown
parser and rich only when the command runs, so `readiness --help` (and the TUI's start) do not pay for them."""

import subprocess
import sys

import pytest

HEAVY = ("readiness.core.pipeline.run", "readiness.core.checklists.loader", "readiness.core.blockers.log", "readiness.core.gates.trust",
         "readiness.core.gates", "readiness.core.scan.engine", "markdown_it", "rich", "textual", "git")

# The command module on its own, then the whole parser (readiness.cli builds every sub-command's parser).
REGISTER = """
import importlib, sys
importlib.import_module("readiness.commands.{module}")
loaded = [name for name in {heavy!r} if name in sys.modules]
from readiness.cli import build_parser
parser = build_parser()
loaded += [name for name in {heavy!r} if name in sys.modules]
print(",".join(sorted(set(loaded))))
"""


@pytest.mark.parametrize("module", ["check", "checklist", "report", "gates", "trust", "blocker", "triage", "init"])
def test_register_imports_none_of_the_heavy_modules(module):
    code = REGISTER.format(module=module, heavy=HEAVY)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_commands_import_neither_argparse_nor_the_cli():
    """pre-commit's shape: commands are plain typed functions; argparse lives in readiness.cli only."""
    import pathlib

    import readiness

    folder = pathlib.Path(readiness.__file__).parent / "commands"
    for path in sorted(folder.glob("*.py")):
        imports = [line.split()[1] for line in path.read_text(encoding="utf-8").splitlines()
                   if line.strip().startswith(("import ", "from "))]
        assert imports, path.name
        for name in imports:
            assert name.split(".")[0] not in ("argparse", "rich") and not name.startswith("readiness.cli"), path.name
