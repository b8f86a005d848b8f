"""Linux's /proc process table, read without psutil: each process's pid and the fields of its `stat` line after the
command name (state, parent pid, process group, ...). Elsewhere, or when /proc cannot be read, it is empty."""

from __future__ import annotations

import os
from collections.abc import Iterator


def stat_fields(pid: int | str) -> list[bytes] | None:
    """The `stat` fields of one process after its `(comm)`: [state, ppid, pgrp, ...]; None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return None
    return stat[stat.rfind(b")") + 2:].split()


def processes() -> Iterator[tuple[int, list[bytes]]]:
    """(pid, stat fields) of every process that can be read now."""
    try:
        entries = os.listdir("/proc")
    except OSError:
        return
    for entry in entries:
        if entry.isdigit():
            fields = stat_fields(entry)
            if fields:
                yield int(entry), fields
