"""SIGTERM and SIGHUP end a run as Ctrl-C does (CONTRACT.md): gates killed, temporary folders removed, exit 130.

`install()` turns the first SIGTERM or SIGHUP into a KeyboardInterrupt in the main thread, so the one clean-up path
that Ctrl-C already takes (cancel the gates, kill their process groups and stray descendants, leave the
`readiness-gates-*` temporary folder's `with` block) runs for them too. Later signals of the same kinds are ignored
while that clean-up runs (it is bounded by the runner's kill grace); a second Ctrl-C still interrupts it.

On Linux the process also becomes a child subreaper (`prctl(PR_SET_CHILD_SUBREAPER)`), so a gate's descendant whose
parent died is re-parented to readiness instead of PID 1 and stays within reach of the runner's sweep.
"""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

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


def become_subreaper() -> bool:
    """Linux only: orphaned descendants are re-parented to this process (so they can be found and ended)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes  # deferred: only on Linux, only for commands that may run gates

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False
