"""A second process for the per-file scanners of a large cold scan.

The per-file scanners (`PerFileScanner`) judge each file on its own, so on a large tree a forked child runs them
over most of the files while this process runs them over the rest and then the repository-level scanners (the
missing-test index, docs, observability). The child gets a copy of everything at fork time (nothing to re-import or
re-read) and sends back its raw findings through a pipe; they are emitted here, so fingerprints, masking, waivers
and the order of the report are the ones a single process gives.

Used only where it pays and is safe: a tree of at least `MIN_BYTES` of text, more than one CPU available, `os.fork`
present, and no other thread running (forking a threaded process, such as the terminal UI, can deadlock the child),
and never for small changes. When the child fails in any way its files are scanned here instead: a worker can make a
run faster, never different.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence

from readiness.core.scan.base import PerFileScanner, RawFinding, ScanContext, SourceFile

MIN_BYTES = 4 << 20  # text in scope below which one process is faster than forking (sympy holds 30 MB)
CHILD_SHARE = 0.8  # the child's share of the per-file work: this process also runs the repository-level scanners


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worth_forking(files: Sequence[SourceFile]) -> bool:
    """Whether a second process would pay for this scan (see the module's text)."""
    return (hasattr(os, "fork") and available_cpus() > 1 and threading.active_count() == 1
            and sum(len(f.text) for f in files) >= MIN_BYTES)


def split(files: Sequence[SourceFile], share: float = CHILD_SHARE) -> tuple[list[SourceFile], list[SourceFile]]:
    """(this process's files, the child's files): the child takes `share` of the text, from the end."""
    total = sum(len(f.text) for f in files)
    taken, cut = 0, len(files)
    while cut > 0 and taken + len(files[cut - 1].text) <= total * share:
        cut -= 1
        taken += len(files[cut].text)
    return list(files[:cut]), list(files[cut:])


def scan_files(ctx: ScanContext, scanners: Sequence[PerFileScanner], files: Iterable[SourceFile]
               ) -> Iterator[RawFinding]:
    """The per-file scanners over the files, file by file: one file's split lines held at a time."""
    for source in files:
        if ctx.cancelled():
            return
        for scanner in scanners:
            if scanner.wants(ctx, source):
                yield from scanner.scan_file(ctx, source)
        source.release()


def fork_scan(ctx: ScanContext, scanners: Sequence[PerFileScanner], files: Sequence[SourceFile]
              ) -> Callable[[], list[RawFinding] | None]:
    """Start a child scanning `files`; the returned function waits for its findings (None: it failed, or the run
    was cancelled; the caller scans the files itself)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: scan, send, and leave without running this process's exit handlers
        status = 1
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            data = pickle.dumps(list(scan_files(ctx, scanners, files)), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)

    def collect() -> list[RawFinding] | None:
        data = b""
        with os.fdopen(read_end, "rb") as source:
            try:
                if ctx.cancelled():
                    os.kill(pid, signal.SIGKILL)
                else:
                    data = source.read()
            finally:
                _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            return None
        try:
            found = pickle.loads(data)  # our own child's bytes, through a pipe only this process holds
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None
        return found if isinstance(found, list) and all(isinstance(f, RawFinding) for f in found) else None

    return collect
