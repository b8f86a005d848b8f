"""`core/procfs`: this process is in the table with its parent; a process that is gone reads as None; a child that
ended and was not waited for is a zombie until `interrupts.reap_zombies` collects it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from readiness.core import interrupts, procfs

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="Linux /proc only")


def test_this_process_is_listed_with_its_parent():
    table = dict(procfs.processes())
    assert int(table[os.getpid()][1]) == os.getppid()
    assert procfs.stat_fields(os.getpid())[0] in (b"R", b"S")


def test_a_gone_process_reads_as_none():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert procfs.stat_fields(child.pid) is None


def test_an_ended_child_is_a_zombie_until_reaped():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    for _ in range(200):
        if (procfs.stat_fields(pid) or [b""])[0] == b"Z":
            break
        time.sleep(0.01)
    assert procfs.stat_fields(pid)[0] == b"Z"
    assert interrupts.reap_zombies() >= 1
    assert procfs.stat_fields(pid) is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)
