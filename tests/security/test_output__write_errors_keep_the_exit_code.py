"""Standard output that fails: a reader that went away (`check --format json | head -c 10`) keeps the run's exit
code (1 on a not-ready run, never 0); a full disk (`> /dev/full`) is one line on stderr and exit 2, no traceback."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys

import pytest

from readiness.cli import main

pytestmark = pytest.mark.integration  # real processes: the full suite (CI), not the quick one


class FailingStdout(io.StringIO):
    """A standard output whose writes fail with `error` once more than `room` characters were written."""

    def __init__(self, error: OSError, room: int = 0) -> None:
        super().__init__()
        self.error, self.room = error, room

    def write(self, text: str) -> int:
        if self.tell() + len(text) > self.room:
            raise self.error
        return super().write(text)

    def flush(self) -> None:
        if self.tell() > self.room:
            raise self.error


@pytest.fixture
def not_ready(git_repo):
    git_repo.write("README.md", "# demo\n")
    git_repo.commit("initial")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("app.py", "def f():\n    raise NotImplementedError  # TODO\n")
    return git_repo


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "markdown"])
def test_closed_pipe_keeps_the_not_ready_exit_code(capsys, monkeypatch, not_ready, fmt):
    monkeypatch.setattr(sys, "stdout", FailingStdout(BrokenPipeError(errno.EPIPE, "Broken pipe"), room=10))
    assert main(["check", "--format", fmt, "--repo", str(not_ready.path)]) == 1
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_write_error_is_one_line_and_exit_2(capsys, monkeypatch, not_ready, code):
    monkeypatch.setattr(sys, "stdout", FailingStdout(OSError(code, os.strerror(code))))
    assert main(["check", "--format", "json", "--repo", str(not_ready.path)]) == 2
    err = capsys.readouterr().err
    assert err == f"readiness: error: cannot write the output: {os.strerror(code)} (free some space, or send the " \
                  "output elsewhere)\n"


def test_closed_pipe_in_a_real_process(not_ready):
    proc = subprocess.Popen([sys.executable, "-m", "readiness", "check", "--format", "json", "--repo",
                             str(not_ready.path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)
    proc.stdout.close()  # the reader is gone before readiness writes anything
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait() == 1 and "Traceback" not in err and "Exception ignored" not in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_full_disk_in_a_real_process(not_ready):
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "readiness", "check", "--repo", str(not_ready.path)],
                              stdout=full, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, check=False)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert err.startswith("readiness: error: cannot write the output:") and err.count("\n") == 1
