"""One writer: concurrent `readiness blocker add` runs wait for the repository's writer lock instead of failing
("changed while editing"); every run succeeds, every entry is in the README once, with its own id."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration  # real processes: the full suite (CI), not the quick one


def _add_in_parallel(repo, count: int) -> None:
    procs = [subprocess.Popen([sys.executable, "-m", "readiness", "blocker", "add", "--class", "build", "--summary",
                               f"parallel writer {n}", "--repo", str(repo.path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL) for n in range(count)]
    results = [(proc.wait(), proc.stdout.read().decode(), proc.stderr.read().decode()) for proc in procs]
    for proc in procs:
        proc.stdout.close()
        proc.stderr.close()
    failed = [r for r in results if r[0] != 0]
    assert not failed, failed[:3]
    text = (repo.path / "README.md").read_text(encoding="utf-8")
    ids = re.findall(r"\*\*B(\d+)\*\*", text)
    assert sorted(map(int, ids)) == list(range(1, count + 1))
    for n in range(count):
        assert text.count(f"parallel writer {n}\n") == 1
    assert sorted(r[1].strip() for r in results) == sorted(f"B{i}" for i in range(1, count + 1))
    assert not [p for p in repo.path.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def repo(git_repo):
    git_repo.write("README.md", "# demo\n\nText.\n")
    git_repo.commit("initial")
    return git_repo


def test_six_parallel_adds_all_succeed(repo):
    _add_in_parallel(repo, 6)


@pytest.mark.slow
def test_twenty_parallel_adds_all_succeed(repo):
    _add_in_parallel(repo, 20)
