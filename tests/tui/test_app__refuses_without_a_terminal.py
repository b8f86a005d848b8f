"""`readiness` without a sub-command needs a terminal: in a pipe it exits 2 with one line pointing to the
headless command, and prints nothing on stdout; outside a repository it fails the same way before the UI starts."""

from __future__ import annotations

import subprocess
import sys


def readiness(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "readiness", *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60, check=False)


def test_without_a_tty_the_app_refuses_and_names_the_headless_command(demo_repo):
    proc = readiness("--repo", str(demo_repo.path), cwd=demo_repo.path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "readiness check --format json" in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_outside_a_repository_the_error_is_one_line(tmp_path):
    from readiness.core.errors import RepoError
    from readiness.core.pipeline.run import CheckOptions
    from readiness.tui.model import preflight

    try:
        preflight(CheckOptions(repo=str(tmp_path)))
    except RepoError as exc:
        assert "not a git repository" in str(exc)
    else:
        raise AssertionError("a directory outside any repository was accepted")
