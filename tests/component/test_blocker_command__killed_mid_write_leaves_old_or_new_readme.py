"""A `readiness blocker add` killed with SIGKILL while it writes leaves README.md either as it was or complete with
the new entry — never a partial file. The writer is a real subprocess; the kill lands while it sits in fsync or in
os.replace (patched to signal and wait), and at random moments of a whole run."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

README = b"# Demo\r\n\r\n## Blockers\r\n\r\n- [ ] **B1** \xc2\xb7 build \xc2\xb7 2026-01-01 \xc2\xb7 first\r\n" \
         + b"filler line\r\n" * 2000  # a README large enough that a torn write would show

WRITER = r"""
import os, sys, time
from pathlib import Path
marker, repo, hook = sys.argv[1], sys.argv[2], sys.argv[3]
if hook != "none":
    real = getattr(os, hook)
    def stall(*args):
        if str(args[-1]).endswith("README.md") or hook == "fsync":
            Path(marker).write_text(hook)
            time.sleep(120)
        return real(*args)
    setattr(os, hook, stall)
else:
    Path(marker).write_text("start")
from readiness.cli import main
sys.exit(main(["blocker", "add", "--repo", repo, "--class", "build", "--summary", "second"]))
"""


def _start(tmp_path: Path, repo: Path, hook: str) -> tuple[subprocess.Popen, Path]:
    marker = tmp_path / f"marker-{random.random()}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(marker), str(repo), hook], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    return proc, marker


def _wait_for(marker: Path, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60  # a guard against a hung test, not a timing assertion
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"writer ended early: {proc.stderr.read().decode(errors='replace')}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("writer never reached the write")
        time.sleep(0.01)


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    proc.stderr.close()


@pytest.fixture
def repo(git_repo):
    git_repo.write("README.md", README)
    git_repo.commit("init")
    return git_repo


@pytest.mark.parametrize("hook", ["fsync", "replace"])
def test_kill_during_the_write_leaves_the_old_readme(tmp_path: Path, repo, hook: str) -> None:
    proc, marker = _start(tmp_path, repo.path, hook)
    _wait_for(marker, proc)
    _kill(proc)
    assert (repo.path / "README.md").read_bytes() == README
    leftovers = [p for p in repo.path.iterdir() if p.name.startswith(".README.md.") and p.name.endswith(".tmp")]
    assert len(leftovers) == 1  # the complete new text sat in the temporary file, never in README.md
    if hook == "replace":
        assert b"**B2** \xc2\xb7 build" in leftovers[0].read_bytes()
        assert leftovers[0].read_bytes().startswith(README)


def _new_readme(tmp_path: Path, repo) -> bytes:
    """The README a completed run writes, from a copy of the repository."""
    subprocess.run(["git", "clone", "-q", str(repo.path), str(tmp_path / "copy")], check=True,
                   env={k: v for k, v in os.environ.items() if not k.startswith("GIT_")})
    proc, marker = _start(tmp_path, tmp_path / "copy", "none")
    assert proc.wait() == 0, proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    return (tmp_path / "copy" / "README.md").read_bytes()


@pytest.mark.slow
def test_kill_at_random_moments_leaves_old_or_new_never_partial(tmp_path: Path, repo) -> None:
    new = _new_readme(tmp_path, repo)
    assert new != README and new.startswith(README)
    outcomes = set()
    rng = random.Random(20261126)
    for _ in range(25):
        (repo.path / "README.md").write_bytes(README)
        (repo.path / ".git" / "readiness" / "blockers.json").unlink(missing_ok=True)  # or the next id is B3
        proc, marker = _start(tmp_path, repo.path, "none")
        _wait_for(marker, proc)
        time.sleep(rng.uniform(0, 0.6))
        _kill(proc)
        data = (repo.path / "README.md").read_bytes()
        assert data in (README, new)
        outcomes.add(data == new)
    assert False in outcomes  # at least one kill landed before the replace
