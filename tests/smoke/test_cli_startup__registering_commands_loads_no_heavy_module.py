"""Registering a sub-command is cheap: the command modules import the scanners, the checklists, the Markdown
parser and rich only when the command runs, so `readiness --help` (and the TUI's start) do not pay for them."""

import subprocess
import sys

import pytest

HEAVY = ("readiness.core.pipeline.run", "readiness.core.checklists.loader", "readiness.core.blockers.log", "readiness.core.gates.trust",
         "readiness.core.gates", "readiness.core.scan.engine", "markdown_it", "rich", "textual", "git")

# The module is loaded from its file on its own: importing the readiness.commands package registers every command.
REGISTER = """
import argparse, importlib.util, pathlib, sys
import readiness
path = pathlib.Path(readiness.__file__).parent / "commands" / "{module}.py"
spec = importlib.util.spec_from_file_location("readiness_command_{module}", path)
command = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(command)
parser = argparse.ArgumentParser(prog="readiness")
command.register(parser.add_subparsers(dest="command"))
print(",".join(sorted(name for name in {heavy!r} if name in sys.modules)))
"""


@pytest.mark.parametrize("module", ["check", "checklist", "report", "gates", "trust", "blocker", "triage", "init"])
def test_register_imports_none_of_the_heavy_modules(module):
    code = REGISTER.format(module=module, heavy=HEAVY)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""
