"""One value computed in a forked child and sent back through a private pipe.

The mechanics shared by the two places that use a second core: the scan's worker for the per-file scanners of a
large cold scan (`scan.workers`) and the terminal UI's early verdict (`tui.early`). Whether forking pays and is safe
(a spare core, no other thread running, the platform) is the caller's decision; this module only forks, runs the
work, pickles its result into the pipe, and reaps.

The child runs the caller's `setup` (default signal handlers, niceness, silenced output...), computes the value and
leaves with `os._exit`: never through this process's exit handlers, status 0 only when it sent a value. The parent
reads everything the child wrote, then reaps it; a value that does not unpickle, is of another type or comes from a
child that failed is no value (`None`), so the caller does the work itself. `stop` ends a child that is no longer
wanted and reaps it: nothing is left running.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import NoReturn, TypeVar

T = TypeVar("T")
READ_CHUNK = 1 << 20


class Child:
    """A forked child computing one value. `result(kind)` (once) reads and returns it; `stop(sig)` ends the child
    instead. Both reap it; either may come from another thread than the one that forked (under a lock)."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self.status: int | None = None  # the wait status once reaped (0: it exited 0)
        self._fd = fd
        self._lock = threading.Lock()

    @classmethod
    def start(cls, work: Callable[[], object], setup: Callable[[], None] | None = None) -> Child | None:
        """Fork a child that runs `setup`, then `work`, and sends the value `work` returns (None: nothing is sent).
        None when the pipe or the fork cannot be made: the caller does the work itself."""
        try:
            read_fd, write_fd = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(read_fd)
            os.close(write_fd)
            return None
        if pid == 0:
            _run_child(work, setup, read_fd, write_fd)
        os.close(write_fd)
        return cls(pid, read_fd)

    def result(self, kind: type[T]) -> T | None:
        """Block until the child is done: its value when it is a `kind`, else None (the child failed, was stopped
        or sent something unusable)."""
        chunks: list[bytes] = []
        try:
            while chunk := os.read(self._fd, READ_CHUNK):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            self.close()  # only after reading: closing it while another thread reads could read another file
            self._reap(None)
        if not chunks or self.status != 0:  # a child that failed after writing sends no value either
            return None
        try:
            value = pickle.loads(b"".join(chunks))  # noqa: S301 - our own child's bytes, through a private pipe
        except Exception:  # a child killed mid-write: nothing usable
            return None
        return value if isinstance(value, kind) else None

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """End a child that is still working (`sig`) and reap it. The pipe stays open for a `result` being read in
        another thread (it then returns None); `close` closes it when nobody reads."""
        self._reap(sig)

    def close(self) -> None:
        with self._lock:
            if self._fd >= 0:
                try:
                    os.close(self._fd)
                except OSError:
                    pass
                self._fd = -1

    def _reap(self, sig: int | None) -> None:
        with self._lock:
            if self.pid == 0:
                return
            if sig is not None:
                try:
                    os.kill(self.pid, sig)
                except ProcessLookupError:
                    pass
            try:
                _, self.status = os.waitpid(self.pid, 0)
            except ChildProcessError:
                self.status = -1
            self.pid = 0


def _run_child(work: Callable[[], object], setup: Callable[[], None] | None, read_fd: int, write_fd: int) -> NoReturn:
    code = 1
    try:
        os.close(read_fd)
        if setup is not None:
            setup()
        value = work()
        if value is not None:
            view = memoryview(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            while view:
                view = view[os.write(write_fd, view):]
            code = 0
    finally:  # any failure leaves code 1 and sends nothing: the parent then does the work itself
        os._exit(code)
