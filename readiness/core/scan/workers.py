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
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence

from readiness.core.forked import Child
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
              ) -> Callable[[bool], list[RawFinding] | None]:
    """Start a child scanning `files` (`core.forked`); the returned function waits for its findings (None: it
    failed, could not be forked, or the run was cancelled; the caller scans the files itself). `collect(True)` ends
    the child instead (this process is being interrupted): nothing is left running."""
    child = Child.start(lambda: list(scan_files(ctx, scanners, files)), setup=_default_signals)

    def collect(stop: bool = False) -> list[RawFinding] | None:
        if child is None:
            return None
        if stop or ctx.cancelled():
            child.stop(signal.SIGKILL)
            child.close()
            return None
        found = child.result(list)
        return found if found is not None and all(isinstance(f, RawFinding) for f in found) else None

    return collect


def _default_signals() -> None:
    """The child's set-up: an interrupt (Ctrl-C reaches the whole process group) just ends it."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
