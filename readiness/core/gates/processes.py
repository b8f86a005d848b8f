"""Finding and ending a gate command's processes: its process group and the strays that left it.

A stray is a live process outside the group that descends from the command (through parents that left the group
too) or carries the command's run marker in its environment (`MARKER`; `setsid` and daemons keep their
environment). Linux reads /proc; elsewhere only the process group is reachable.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

from readiness.core import procfs

MARKER = "READINESS_GATE_RUN"  # in every gate command's environment: finds the descendants that left the group


def group_alive(pgid: int) -> bool:
    """True while a process of the group runs. Zombies left for a reaper that never comes do not count."""
    if os.path.isdir("/proc/self"):
        return _group_has_live_members(pgid)
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def terminate(proc: subprocess.Popen, grace: float, token: str | None = None) -> None:
    """SIGTERM to the group and to the strays (descendants outside it), up to `grace` seconds for them to go, then
    SIGKILL; reap the main process."""
    pgid = proc.pid
    found = strays(proc.pid, token) if token else set()
    if group_alive(pgid) or found:
        _signal_group(pgid, signal.SIGTERM)
        _signal_pids(found, signal.SIGTERM)
        end = time.monotonic() + grace
        while time.monotonic() < end:
            proc.poll()
            _reap(found)
            if not group_alive(pgid) and not _live(found):
                break
            time.sleep(0.02)
        _signal_group(pgid, signal.SIGKILL)
        _signal_pids(_live(found), signal.SIGKILL)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    _reap(found)


def _signal_pids(pids: set[int], sig: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except (ProcessLookupError, PermissionError):
            pass


def _reap(pids: set[int]) -> None:
    """Collect the exit status of strays re-parented to this process (a child subreaper): no zombies left."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except (ChildProcessError, OSError):
            pass


def _live(pids: set[int]) -> set[int]:
    return {pid for pid in pids if _state(pid) not in (None, b"Z", b"X")}


def _state(pid: int) -> bytes | None:
    fields = procfs.stat_fields(pid)
    return fields[0] if fields else None


def strays(root: int, token: str) -> set[int]:
    """Live processes outside `root`'s group that descend from `root` or carry the run marker `token` (Linux)."""
    if not os.path.isdir("/proc/self"):
        return set()
    parents: dict[int, int] = {}
    found: set[int] = set()
    grouped: set[int] = set()
    needle = f"{MARKER}={token}".encode()
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in (me, root):
            continue
        pid = int(entry)
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                stat = handle.read()
            fields = stat[stat.rfind(b")") + 2:].split()
            if fields[0] in (b"Z", b"X"):
                continue
            parents[pid] = int(fields[1])
            if int(fields[2]) == root:
                grouped.add(pid)  # signalled as a group
                continue
            with open(f"/proc/{pid}/environ", "rb") as handle:
                if needle in handle.read().split(b"\0"):
                    found.add(pid)
        except (OSError, ValueError, IndexError):
            continue
    tree = {root}
    grew = True
    while grew:  # descendants through parents that left the group themselves
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return (found | tree) - grouped - {root}


def _group_has_live_members(pgid: int) -> bool:
    """True while a process of the group is running (zombies waiting for a reaper do not count). Linux: /proc."""
    if not os.path.isdir("/proc"):
        return True
    return any(len(fields) > 2 and fields[0] != b"Z" and int(fields[2]) == pgid for _, fields in procfs.processes())
