"""The checklist and report commands start: --help exits 0 from the installed entry point."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("argv", [["checklist", "--help"], ["checklist", "show", "--help"],
                                  ["checklist", "check", "--help"], ["report", "--help"]])
def test_help_exits_zero(argv):
    proc = subprocess.run([sys.executable, "-m", "readiness", *argv], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"usage: readiness {argv[0]}")
    assert proc.stderr == ""
