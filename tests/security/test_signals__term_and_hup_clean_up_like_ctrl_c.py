"""SIGTERM and SIGHUP during gates end the run as Ctrl-C does: exit 130, every gate process gone (including a
grandchild that left the process group with `setsid`), no `readiness-gates-*` temporary folder left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def _wait_gone(pid: int, budget: float = 10.0) -> bool:
    """A stray re-parented to PID 1 may need a moment to be reaped there after SIGKILL: poll, without timing claims."""
    end = time.monotonic() + budget
    while _alive(pid) and time.monotonic() < end:
        time.sleep(0.05)
    return not _alive(pid)


def _interrupt_gates(repo, tmp_path: Path, sig: int) -> tuple[subprocess.CompletedProcess, list[int], Path]:
    grouped, detached = tmp_path / "grouped.pid", tmp_path / "detached.pid"
    script = (f"sleep 300 & echo $! > {grouped}; "
              f"setsid sleep 301 & echo $! > {detached}; wait")
    repo.write("pyproject.toml", f"[tool.readiness.gates.hang]\ncommand = [\"sh\", \"-c\", \"{script}\"]\n")
    repo.write("README.md", "# hang\n")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    proc = subprocess.Popen([sys.executable, "-m", "readiness", "gates", "--only", "hang", "--trust"],
                            cwd=repo.path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            env=env, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 60
        while not all(p.exists() and p.read_text().strip() for p in (grouped, detached)):
            assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        pids = [int(grouped.read_text()), int(detached.read_text())]
        assert all(_alive(pid) for pid in pids)
        assert list(scratch.glob("readiness-gates-*")), "the gates' temporary folder exists while they run"
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for path in (grouped, detached):  # never leave a sleeper behind, whatever the assertions say
            if path.exists() and path.read_text().strip():
                try:
                    os.kill(int(path.read_text()), signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
    return subprocess.CompletedProcess(proc.args, proc.returncode, out.decode(), err.decode()), pids, scratch


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["TERM", "HUP", "INT"])
def test_a_signal_during_gates_kills_every_gate_process_and_removes_the_temporary_folder(git_repo, trust_home,
                                                                                       tmp_path, sig):
    done, pids, scratch = _interrupt_gates(git_repo, tmp_path, sig)
    assert done.returncode == 130, done.stderr
    assert "interrupted" in done.stderr
    assert "Traceback" not in done.stderr
    assert [pid for pid in pids if not _wait_gone(pid)] == []
    assert list(scratch.glob("readiness-gates-*")) == []
