"""Run one gate command as a subprocess that can never hang the caller or outlive it.

The child gets its own session (process group), a closed stdin, the scrubbed environment and the repository root as
working directory. Output (stdout and stderr merged) is drained continuously into a bounded head + tail buffer, so a
command printing gigabytes costs no memory; `stream` also yields it line by line. On timeout, on cancel, when the
caller stops iterating, and when the main process exits while its children keep the pipe open, the whole group gets
SIGTERM, then SIGKILL after a grace period. Descendants that left the group (`setsid`, a daemon) are ended with it:
each command's environment carries a run marker (`READINESS_GATE_RUN`), and the processes holding it or descending
from the command are found in /proc (Linux). Every failure (missing executable, OS error) becomes an `Outcome`:
nothing here raises for the environment.
"""

from __future__ import annotations

import os
import selectors
import shlex
import shutil
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypedDict, Unpack

from readiness.core.gates.output import Capture, split_lines
from readiness.core.gates.output import clean_text as clean_text  # re-exported: gates call runner.clean_text
from readiness.core.gates.processes import MARKER, group_alive, strays, terminate
from readiness.core.repo import scrubbed_env
from readiness.core.secrets.values import secret_env_values as secret_env_values  # re-exported, as clean_text

HEAD_BYTES = 64 * 1024
TAIL_BYTES = 256 * 1024
KILL_GRACE_S = 5.0
LINGER_S = 1.0  # after the main process exits, how long its children may keep the pipe open
_CHUNK = 64 * 1024


class Limits(TypedDict, total=False):
    """`run`'s optional limits, passed on to `stream`."""

    head_bytes: int
    tail_bytes: int
    kill_grace: float


def display_command(argv: Sequence[str]) -> str:
    return shlex.join(argv)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one command. `error` is set when it could not run at all (then `exit_code` is None)."""

    argv: tuple[str, ...]
    exit_code: int | None
    duration_s: float
    head: str = ""
    tail: str = ""
    bytes_total: int = 0
    omitted: int = 0  # bytes between head and tail that were not kept
    timed_out: bool = False
    cancelled: bool = False
    error: str | None = None
    not_found: bool = False

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not (self.timed_out or self.cancelled or self.error)

    @property
    def output(self) -> str:
        if not self.omitted:
            return self.head + self.tail
        return f"{self.head}\n… {self.omitted} bytes of output omitted …\n{self.tail}"

    def last_line(self) -> str:
        lines = [line.strip() for line in self.output.splitlines() if line.strip()]
        return lines[-1][:200] if lines else ""


@dataclass(frozen=True, slots=True)
class Started:
    argv: tuple[str, ...]
    pid: int


@dataclass(frozen=True, slots=True)
class Lines:
    """Complete output lines (cleaned and masked), batched per read."""

    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Finished:
    outcome: Outcome


Event = Started | Lines | Finished


def resolve(executable: str, path: str | None = None, exclude: Sequence[str] = ()) -> str | None:
    """Find an executable on PATH, never in "." or in a directory under one of `exclude` (the repository)."""
    if os.sep in executable or (os.altsep and os.altsep in executable):
        return executable if os.path.isfile(executable) and os.access(executable, os.X_OK) else None
    entries = (path if path is not None else os.environ.get("PATH", "")).split(os.pathsep)
    roots = [os.path.realpath(e) for e in exclude]
    kept = []
    for entry in entries:
        if not entry or entry == ".":
            continue
        real = os.path.realpath(entry)
        if any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
            continue
        kept.append(entry)
    return shutil.which(executable, path=os.pathsep.join(kept))


def stream(argv: Sequence[str], *, cwd: str | os.PathLike[str], timeout: float,
           cancel: threading.Event | None = None, env: dict[str, str] | None = None,
           lines: bool = True, head_bytes: int = HEAD_BYTES, tail_bytes: int = TAIL_BYTES,
           kill_grace: float = KILL_GRACE_S, stdout_path: str | os.PathLike[str] | None = None) -> Iterator[Event]:
    """Run `argv` and yield Started, Lines (when `lines`), then exactly one Finished. Never raises for the child.

    With `stdout_path`, standard output goes to that file (a tool's machine-readable report) and only standard
    error is captured and streamed. Stopping the iteration early (`close()`, garbage collection) kills the process
    group like a cancel does.
    """
    argv = tuple(str(a) for a in argv)
    start = time.monotonic()
    if not argv:
        yield Finished(Outcome(argv, None, 0.0, error="empty command"))
        return
    if not hasattr(os, "killpg"):
        yield Finished(Outcome(argv, None, 0.0, error="gates need a POSIX system (Linux, macOS)"))
        return
    if not os.path.isdir(cwd):
        yield Finished(Outcome(argv, None, 0.0, error=f"working directory {os.fspath(cwd)} does not exist"))
        return
    child_env = env if env is not None else gate_env()
    known = secret_env_values(child_env)
    token = f"{os.getpid()}-{uuid.uuid4().hex}"
    child_env = {**child_env, MARKER: token}
    try:
        report = open(stdout_path, "wb") if stdout_path is not None else None
    except OSError as exc:
        yield Finished(Outcome(argv, None, 0.0, error=f"cannot write {stdout_path}: {exc.strerror or exc}"))
        return
    try:
        proc = subprocess.Popen(argv, cwd=os.fspath(cwd), env=child_env, stdin=subprocess.DEVNULL,
                                stdout=report if report is not None else subprocess.PIPE,
                                stderr=subprocess.PIPE if report is not None else subprocess.STDOUT,
                                start_new_session=True, close_fds=True)
    except FileNotFoundError:
        yield Finished(Outcome(argv, None, time.monotonic() - start, not_found=True,
                               error=f"`{argv[0]}` not found: install it or put it on PATH"))
        return
    except PermissionError:
        yield Finished(Outcome(argv, None, time.monotonic() - start,
                               error=f"`{argv[0]}` is not executable (permission denied)"))
        return
    except OSError as exc:
        yield Finished(Outcome(argv, None, time.monotonic() - start,
                               error=f"cannot start `{argv[0]}`: {exc.strerror or exc}"))
        return
    finally:
        if report is not None:
            report.close()  # the child holds its own descriptor
    capture = Capture(head_bytes, tail_bytes)
    pending = bytearray()
    timed_out = cancelled = False
    pipe = proc.stderr if report is not None else proc.stdout
    assert pipe is not None  # stdout or stderr is subprocess.PIPE above
    fd = pipe.fileno()
    os.set_blocking(fd, False)
    selector = selectors.DefaultSelector()
    selector.register(fd, selectors.EVENT_READ)
    open_pipe = True
    exited_at: float | None = None
    finished = False
    try:
        yield Started(argv, proc.pid)
        deadline = start + timeout
        while True:
            if cancel is not None and cancel.is_set():
                cancelled = True
                break
            now = time.monotonic()
            if now >= deadline:
                timed_out = True
                break
            if open_pipe:
                data = _read_ready(selector, fd, min(0.1, deadline - now))
                if data is None:
                    pass
                elif data:
                    capture.add(data)
                    if lines:
                        batch = split_lines(pending, data, known)
                        if batch:
                            yield Lines(batch)
                else:
                    open_pipe = False
            if proc.poll() is not None:
                if not open_pipe:
                    break
                exited_at = exited_at or time.monotonic()
                if time.monotonic() - exited_at > LINGER_S:
                    break  # children of the finished command hold the pipe open: they get terminated below
            elif not open_pipe:
                time.sleep(min(0.05, max(deadline - time.monotonic(), 0)))
        if cancelled or timed_out or group_alive(proc.pid) or strays(proc.pid, token):
            terminate(proc, kill_grace, token)
        for data in _drain(fd, 1.0 if open_pipe else 0.0):
            capture.add(data)
            if lines:
                batch = split_lines(pending, data, known)
                if batch:
                    yield Lines(batch)
        if lines and pending:
            yield Lines(tuple(clean_text(bytes(pending), known).split("\n")))
            pending.clear()
        proc.wait()
        head, tail, omitted = capture.texts(known)
        outcome = Outcome(argv, proc.returncode, time.monotonic() - start, head, tail, capture.total, omitted,
                          timed_out=timed_out, cancelled=cancelled)
        finished = True
        yield Finished(outcome)
    finally:
        if not finished:  # the consumer stopped early, or something went wrong: nothing may survive
            terminate(proc, kill_grace, token)
        selector.close()
        pipe.close()


def _read_ready(selector: selectors.BaseSelector, fd: int, wait: float) -> bytes | None:
    """Bytes read (b"" at end of file), or None when nothing arrived within `wait` seconds."""
    if not selector.select(max(wait, 0)):
        return None
    try:
        return os.read(fd, _CHUNK)
    except BlockingIOError:
        return None
    except OSError:
        return b""


def _drain(fd: int, budget: float) -> Iterator[bytes]:
    """Whatever is still in the pipe after the group is gone, bounded in time."""
    end = time.monotonic() + budget
    while True:
        try:
            data = os.read(fd, _CHUNK)
        except BlockingIOError:
            if time.monotonic() >= end:
                return
            time.sleep(0.01)
            continue
        except OSError:
            return
        if not data:
            return
        yield data


def run(argv: Sequence[str], *, cwd: str | os.PathLike[str], timeout: float, cancel: threading.Event | None = None,
        env: dict[str, str] | None = None, on_lines: Callable[[tuple[str, ...]], None] | None = None,
        stdout_path: str | os.PathLike[str] | None = None, **limits: Unpack[Limits]) -> Outcome:
    """Run to completion; `on_lines` receives the output as it arrives. Always returns an Outcome."""
    outcome: Outcome | None = None
    for event in stream(argv, cwd=cwd, timeout=timeout, cancel=cancel, env=env, lines=on_lines is not None,
                        stdout_path=stdout_path, **limits):
        if isinstance(event, Lines) and on_lines is not None:
            on_lines(event.lines)
        elif isinstance(event, Finished):
            outcome = event.outcome
    return outcome if outcome is not None else Outcome(tuple(argv), None, 0.0, error="the runner stopped early")


def gate_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The child environment: the user's own, without the GIT_* variables that redirect git and without
    readiness's own variables. Nothing else changes: a project's tests see the environment they see in a shell
    (colours are off anyway, the output is a pipe, and escape sequences are stripped from what is shown)."""
    env = {k: v for k, v in scrubbed_env().items() if not k.startswith("READINESS_")}
    for name in ("LC_ALL", "GIT_PYTHON_REFRESH"):  # set by scrubbed_env for readiness's own git calls
        env.pop(name, None)
        if name in os.environ:
            env[name] = os.environ[name]
    if extra:
        env.update(extra)
    return env
