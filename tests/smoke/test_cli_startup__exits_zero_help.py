"""The deployable artifact starts: console script, python -m, --help and --version."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import readiness


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["init", "--help"]])
def test_help_exits_zero_and_explains(argv):
    proc = _run(sys.executable, "-m", "readiness", *argv)
    assert proc.returncode == 0, proc.stderr
    assert "usage: readiness" in proc.stdout
    assert proc.stderr == ""


def test_version_matches_package():
    proc = _run(sys.executable, "-m", "readiness", "--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"readiness {readiness.__version__}"


def test_console_script_is_installed_and_starts():
    beside = Path(sys.executable).parent / "readiness"
    script = str(beside) if beside.exists() else shutil.which("readiness")
    assert script is not None, "the `readiness` console script is not on PATH: install the project"
    proc = _run(script, "--help")
    assert proc.returncode == 0
    assert "check" in proc.stdout


def test_unknown_command_is_one_line_and_exit_2():
    proc = _run(sys.executable, "-m", "readiness", "frobnicate")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
