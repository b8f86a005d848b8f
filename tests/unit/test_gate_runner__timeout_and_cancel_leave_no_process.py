"""Timeout, cancel and an abandoned stream kill the command's whole process group, grandchildren included."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

from readiness.core.gates import runner

pytestmark = pytest.mark.integration  # real processes: the full suite (CI), not the quick one

GRACE = 1.0  # seconds between SIGTERM and SIGKILL in these tests


def _alive(pid: int) -> bool:
    """Running (zombies waiting for a reaper do not count: they hold no resources and run no code)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def _pids(path: Path) -> list[int]:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        text = path.read_text() if path.exists() else ""
        if text.count("\n") >= 2:
            return [int(p) for p in text.split()]
        time.sleep(0.02)
    raise AssertionError(f"the fake gate did not record its pids: {text!r}")


def _forking_script(tmp_path: Path, ignore_term: bool) -> tuple[list[str], Path]:
    """A gate that starts a grandchild which sleeps (optionally deaf to SIGTERM), records both pids, and waits."""
    pidfile = tmp_path / "pids"
    trap = "trap '' TERM; " if ignore_term else ""
    script = tmp_path / "fake_gate.sh"
    script.write_text(f"#!/bin/sh\n{trap}sleep 300 &\necho $! >> {pidfile}\necho $$ >> {pidfile}\n"
                      "echo started\nwait\n")
    script.chmod(0o755)
    return [str(script)], pidfile


@pytest.mark.parametrize("ignore_term", [False, True], ids=["polite", "ignores-sigterm"])
def test_timeout_returns_promptly_and_kills_grandchildren(tmp_path, ignore_term):
    argv, pidfile = _forking_script(tmp_path, ignore_term)
    started = time.monotonic()
    outcome = runner.run(argv, cwd=tmp_path, timeout=1.0, kill_grace=GRACE)
    elapsed = time.monotonic() - started
    assert outcome.timed_out and not outcome.cancelled and outcome.error is None
    assert elapsed < 1.0 + GRACE + 3
    assert "started" in outcome.output
    for pid in _pids(pidfile):
        assert not _alive(pid), f"process {pid} survived the timeout"


def test_cancel_from_another_thread_stops_the_group(tmp_path):
    argv, pidfile = _forking_script(tmp_path, ignore_term=False)
    cancel = threading.Event()
    timer = threading.Timer(0.5, cancel.set)
    timer.start()
    started = time.monotonic()
    try:
        outcome = runner.run(argv, cwd=tmp_path, timeout=120, cancel=cancel, kill_grace=GRACE)
    finally:
        timer.cancel()
    assert outcome.cancelled and not outcome.timed_out
    assert time.monotonic() - started < 0.5 + GRACE + 3
    for pid in _pids(pidfile):
        assert not _alive(pid)


def test_abandoning_the_stream_kills_the_group(tmp_path):
    argv, pidfile = _forking_script(tmp_path, ignore_term=False)
    events = runner.stream(argv, cwd=tmp_path, timeout=120, kill_grace=GRACE)
    first = next(events)
    assert isinstance(first, runner.Started)
    pids = _pids(pidfile)
    events.close()
    for pid in pids:
        assert not _alive(pid)


def test_children_left_behind_by_a_finished_command_are_killed(tmp_path):
    """The command exits at once but its background child keeps the output pipe open: no hang, no survivor."""
    pidfile = tmp_path / "pid"
    started = time.monotonic()
    outcome = runner.run(["sh", "-c", f"sleep 300 & echo $! > {pidfile}; echo done"], cwd=tmp_path, timeout=60,
                         kill_grace=GRACE)
    assert outcome.exit_code == 0 and not outcome.timed_out
    assert "done" in outcome.output
    assert time.monotonic() - started < runner.LINGER_S + GRACE + 3
    assert not _alive(int(pidfile.read_text()))


def test_stdin_is_closed_so_a_prompt_gets_end_of_file(tmp_path):
    code = "import sys\ntry:\n    input('answer? ')\nexcept EOFError:\n    print('eof'); sys.exit(3)\n"
    outcome = runner.run([sys.executable, "-c", code], cwd=tmp_path, timeout=30)
    assert outcome.exit_code == 3 and "eof" in outcome.output


def test_environment_is_scrubbed_of_git_redirects_and_readiness_variables(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_DIR", "/elsewhere/.git")
    monkeypatch.setenv("READINESS_SECRET_KEY", "k" * 20)
    monkeypatch.setenv("KEEP_ME", "yes")
    code = "import os; print(sorted(k for k in os.environ if k in ('GIT_DIR', 'READINESS_SECRET_KEY', 'KEEP_ME')))"
    outcome = runner.run([sys.executable, "-c", code], cwd=tmp_path, timeout=30)
    assert outcome.exit_code == 0
    assert "['KEEP_ME']" in outcome.output


def test_exit_codes_and_signals_are_reported(tmp_path):
    assert runner.run(["sh", "-c", "exit 7"], cwd=tmp_path, timeout=30).exit_code == 7
    killed = runner.run(["sh", "-c", "kill -9 $$"], cwd=tmp_path, timeout=30)
    assert killed.exit_code == -9 and not killed.ok
    assert os.getpid() > 0  # the test process itself was never signalled
