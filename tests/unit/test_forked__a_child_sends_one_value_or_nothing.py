"""core.forked: a forked child computes one value and sends it back through a pipe; a failure, a value of another
type or a stopped child gives None (the caller then does the work itself), and no child is left behind."""

from __future__ import annotations

import os
import select
import signal
import sys

import pytest

from readiness.core import procfs
from readiness.core.forked import Child

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not sys.platform.startswith("linux"),
                                reason="forks and reads /proc (Linux)")


def children() -> set[int]:
    me = str(os.getpid()).encode()
    return {pid for pid, fields in procfs.processes() if len(fields) > 1 and fields[1] == me}


def start(work, setup=None) -> Child:
    child = Child.start(work, setup)
    assert child is not None
    return child


def test_the_childs_value_comes_back_and_the_child_is_reaped():
    child = start(lambda: {"pid": os.getpid(), "big": "x" * (3 << 20)})  # more than one pipe buffer
    pid = child.pid
    value = child.result(dict)
    assert value is not None and value["pid"] == pid != os.getpid() and len(value["big"]) == 3 << 20
    assert pid not in children()


def test_setup_runs_in_the_child_only():
    before = os.environ.get("READINESS_FORKED_PROBE")
    child = start(lambda: os.environ.get("READINESS_FORKED_PROBE"),
                  setup=lambda: os.environ.__setitem__("READINESS_FORKED_PROBE", "set in the child"))
    assert child.result(str) == "set in the child"
    assert os.environ.get("READINESS_FORKED_PROBE") == before


def boom() -> object:
    raise RuntimeError("the work fails")


@pytest.mark.parametrize("work, kind", [(boom, object), (lambda: None, object), (lambda: [1, 2], dict)],
                         ids=["the work raises", "nothing to send", "another type"])
def test_no_usable_value_is_none(work, kind):
    child = start(work)
    pid = child.pid
    assert child.result(kind) is None
    assert pid not in children()


def test_stop_ends_a_working_child_at_once_and_reaps_it():
    never, _ = os.pipe()
    child = start(lambda: select.select([never], [], [], 30))  # waits 30 s for a pipe nobody writes to
    pid = child.pid
    assert pid in children()
    child.stop(signal.SIGKILL)
    assert pid not in children()
    assert child.result(object) is None  # the pipe gives nothing: the caller does the work itself
    child.close()  # closing twice is harmless


def test_a_child_that_fails_after_writing_sends_no_value():
    def killed_at_exit() -> None:  # the whole value is written, then the child dies instead of exiting 0
        os._exit = lambda code: os.kill(os.getpid(), signal.SIGKILL)  # type: ignore[assignment]

    child = start(lambda: [1, 2, 3], setup=killed_at_exit)
    assert child.result(list) is None
    assert child.status is not None and child.status != 0
