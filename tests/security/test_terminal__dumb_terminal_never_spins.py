"""`TERM=dumb readiness` (and TERM=unknown) exits 2 with one line instead of drawing a full-screen app it cannot
show; `readiness triage` in such a terminal asks step by step instead of opening the wizard."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from readiness.core.terminal import tui_refusal


@pytest.mark.parametrize("term", ["dumb", "unknown", "DUMB"])
def test_the_app_refuses_in_one_line_in_a_terminal_that_cannot_move_the_cursor(git_repo, term):
    git_repo.write("README.md", "# r\n")
    done = subprocess.run([sys.executable, "-m", "readiness"], cwd=git_repo.path, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, env={**os.environ, "TERM": term}, timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("readiness: error: the terminal UI needs") and "readiness check" in line


def test_capable_terminals_are_not_refused():
    assert tui_refusal({"TERM": "xterm-256color"}) is None
    assert tui_refusal({"TERM": "screen"}) is None
    assert tui_refusal({}) is None
    assert "TERM=dumb" in (tui_refusal({"TERM": "dumb"}) or "")
