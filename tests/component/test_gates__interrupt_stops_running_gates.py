"""Ctrl-C during `readiness gates` kills every running gate's process group and exits 130."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def test_sigint_kills_the_gate_and_its_children(git_repo, trust_home, tmp_path):
    pidfile = tmp_path / "pid"
    git_repo.write("pyproject.toml", "[tool.readiness.gates.hang]\n"
                   f"command = [\"sh\", \"-c\", \"sleep 300 & echo $! > {pidfile}; wait\"]\n")
    git_repo.write("README.md", "# hang\n")
    proc = subprocess.Popen([sys.executable, "-m", "readiness", "gates", "--only", "hang", "--trust"],
                            cwd=git_repo.path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, env=os.environ.copy(),
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 30
        while not (pidfile.exists() and pidfile.read_text().strip()):
            assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert "interrupted" in err.decode()
    assert not _alive(int(pidfile.read_text()))
