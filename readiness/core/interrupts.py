"""SIGTERM and SIGHUP end a run as Ctrl-C does (CONTRACT.md): gates killed, temporary folders removed, exit 130.

`install()` turns the first SIGTERM or SIGHUP into a KeyboardInterrupt in the main thread, so the one clean-up path
that Ctrl-C already takes (cancel the gates, kill their process groups and stray descendants, leave the
`readiness-gates-*` temporary folder's `with` block) runs for them too. Later signals of the same kinds are ignored
while that clean-up runs (it is bounded by the runner's kill grace); a second Ctrl-C still interrupts it.

On Linux the process also becomes a child subreaper (`prctl(PR_SET_CHILD_SUBREAPER)`), so a gate's descendant whose
parent died is re-parented to readiness instead of PID 1 and stays within reach of the runner's sweep.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from readiness.core import procfs

HANDLED = (signal.SIGTERM, signal.SIGHUP) if hasattr(signal, "SIGHUP") else (signal.SIGTERM,)
_PR_SET_CHILD_SUBREAPER = 36


def _interrupt(signum: int, frame: FrameType | None) -> None:
    for sig in HANDLED:  # one clean-up: the signals that follow (a supervisor repeating itself) wait for it
        signal.signal(sig, signal.SIG_IGN)
    raise KeyboardInterrupt(signal.Signals(signum).name)


def install() -> bool:
    """Route SIGTERM/SIGHUP to the Ctrl-C path. Only from the main thread; False when that is impossible."""
    if threading.current_thread() is not threading.main_thread():
        return False
    for sig in HANDLED:
        if signal.getsignal(sig) == signal.SIG_IGN:  # started under nohup: the user asked to survive a hang-up
            continue
        signal.signal(sig, _interrupt)
    become_subreaper()
    return True


@contextmanager
def guarded() -> Iterator[None]:
    """`install()` for the length of one command, then the previous handlers back and no longer a subreaper, with
    the zombies re-parented meanwhile collected: a process that runs several commands (the test suite, an embedding
    program) keeps its own signal handling and gathers no zombies."""
    previous = {sig: signal.getsignal(sig) for sig in HANDLED}
    installed = install()
    try:
        yield
    finally:
        if installed:
            become_subreaper(False)
            reap_zombies()
            for sig, handler in previous.items():
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


def become_subreaper(on: bool = True) -> bool:
    """Linux only: orphaned descendants are re-parented to this process (so they can be found and ended)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes  # deferred: only on Linux, only for commands that may run gates

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_CHILD_SUBREAPER, 1 if on else 0, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def reap_zombies() -> int:
    """Collect the exit status of this process's children that already ended (Linux /proc); how many."""
    me, reaped = str(os.getpid()).encode(), 0
    for pid, fields in procfs.processes():
        if len(fields) > 1 and fields[0] == b"Z" and fields[1] == me:
            try:
                os.waitpid(pid, os.WNOHANG)
                reaped += 1
            except ChildProcessError:
                pass
    return reaped
