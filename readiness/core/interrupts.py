"""SIGTERM and SIGHUP end a run as Ctrl-C does (CONTRACT.md): gates killed, temporary folders removed, exit 130.

`routed()` turns the first SIGTERM or SIGHUP into a KeyboardInterrupt in the main thread while a command runs (the
handlers it replaced are put back afterwards, so a program that calls `readiness.cli.main` keeps its own), so the
one clean-up path that Ctrl-C already takes (cancel the gates, kill their process groups and the descendants that
left them, leave the `readiness-gates-*` temporary folder's `with` block) runs for them too. Later signals of the
same kinds are ignored while that clean-up runs (it is bounded by the runner's kill grace); a second Ctrl-C still
interrupts it.

Descendants that left a gate's process group are found by the runner (`readiness.core.gates.processes`: a run
marker in their environment and the process tree), not by making readiness a child subreaper: a subreaper inherits
every orphan of every git and tool it starts, as zombies nobody waits for.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

HANDLED = (signal.SIGTERM, signal.SIGHUP) if hasattr(signal, "SIGHUP") else (signal.SIGTERM,)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    for sig in HANDLED:  # one clean-up: the signals that follow (a supervisor repeating itself) wait for it
        signal.signal(sig, signal.SIG_IGN)
    raise KeyboardInterrupt(signal.Signals(signum).name)


@contextmanager
def routed() -> Iterator[None]:
    """While inside, SIGTERM/SIGHUP take the Ctrl-C path. Outside the main thread it changes nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in HANDLED}
    for sig, handler in previous.items():
        if handler == signal.SIG_IGN:  # started under nohup: the user asked to survive a hang-up
            continue
        signal.signal(sig, _interrupt)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
