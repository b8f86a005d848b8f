"""The early scan (a child forked before textual loads) puts the verdict on the dashboard before the app's own scan
is done; what it shows is exactly what the app's own scan then shows, and what the app shows without it. It never
writes to the terminal (no secret either), stays silent on an invalid configuration (the app's own scan reports
it) and is stopped and reaped when the app quits first.

Each case runs in a fresh interpreter, as `readiness` does: the fork happens before any thread exists."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from readiness.tui.early import can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="the early scan forks (Linux only)")

PROBE = r"""
import asyncio, json, sys
from readiness.tui.launch import open_app
from readiness.tui.model import Launch

repo, mode = sys.argv[1], sys.argv[2]


def snapshot(app):
    st = app.state
    return {
        "findings": sorted([f.rule, f.path, f.line, str(f.severity), f.message, f.snippet, f.waived]
                           for f in st.findings),
        "checklists": [[c.id, [[i.id, str(i.status), i.detail] for i in c.items]] for c in st.checklists],
        "summary": [st.summary.branch, st.summary.base, st.summary.files, st.summary.added, st.summary.removed,
                    st.summary.to_scan, st.summary.checkpoint] if st.summary else None,
        "gates": sorted(st.gate_results), "stale_gates": sorted(st.stale_gates), "manual": sorted(st.manual_keys),
        "verdict": str(app.screen.query_one("#verdict-text").render()),
        "error": st.scan_error,
    }


def settled(app):
    return app.state.result is not None and not any(
        w.group in ("scan", "checklists", "early") and not w.is_finished for w in app.workers)


async def main():
    app = open_app(Launch(repo=repo), early=mode, watch=False)
    import readiness.tui.startup as startup
    startup.EARLY_PATIENCE_S = 120.0  # a slow test machine: the app's own scan still waits for the child
    out = {"early_started": app.early_scan}
    async with app.run_test(size=(120, 40)) as pilot:
        while app.state.scan_error is None and (app.state.scanning or not app.state.checklists_ready):
            await pilot.pause(0.01)
        out["shown_from_early"] = app.state.result is None
        # the screen redraws when it next processes its messages (textual posts a signal's callbacks)
        while "checking" in str(app.screen.query_one("#verdict-text").render()) and app.state.result is None:
            await pilot.pause(0.01)
        out["drawn_from_early"] = app.state.result is None
        out["shown"] = snapshot(app)
        while app.state.scan_error is None and not settled(app):
            await pilot.pause(0.01)
        await pilot.pause()
        out["settled"] = snapshot(app)
    print("RESULT " + json.dumps(out))


asyncio.run(main())
"""

REAP = r"""
import os, sys
from readiness.tui.early import EarlyScan
from readiness.tui.model import Launch

scan = EarlyScan.start(Launch(repo=sys.argv[1]), busy_too=True)
pid = scan.pid
scan.cancel()  # the app quit before the child was done
try:
    os.waitpid(pid, os.WNOHANG)
except ChildProcessError:
    print("RESULT reaped")
else:
    print("RESULT still a child")
"""


def probe(script: str, *args: str) -> tuple[object, str]:
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = next(line for line in proc.stdout.splitlines() if line.startswith("RESULT "))
    text = result.removeprefix("RESULT ")
    return (json.loads(text) if text.startswith("{") else text), proc.stdout + proc.stderr


def test_the_early_verdict_equals_the_apps_own_scan_and_the_app_without_it(demo_repo):
    early, early_output = probe(PROBE, str(demo_repo.path), "always")
    plain, _ = probe(PROBE, str(demo_repo.path), "never")

    assert early["early_started"] is True and plain["early_started"] is False
    # the dashboard showed the child's verdict before the app's own scan was in
    assert early["shown_from_early"] is True and early["drawn_from_early"] is True
    assert early["shown"]["findings"]  # the demo's planted problems, not an empty early result
    assert early["shown"] == early["settled"]  # the app's own scan replaced it with the same
    assert early["settled"] == plain["settled"]  # and the app shows what it shows without the early scan
    assert "not ready" in early["shown"]["verdict"]
    assert demo_repo.secret not in early_output  # the child writes nothing; findings carry masked snippets only


def test_an_invalid_configuration_is_reported_by_the_apps_own_scan(demo_repo):
    demo_repo.write("readiness.toml", "fail_on = 'sometimes'\n")
    early, _ = probe(PROBE, str(demo_repo.path), "always")
    plain, _ = probe(PROBE, str(demo_repo.path), "never")

    assert early["early_started"] is True
    assert early["settled"]["error"] and early["settled"]["error"].startswith("Invalid configuration")
    assert early["settled"]["error"] == plain["settled"]["error"]
    assert early["settled"]["findings"] == [] and early["settled"]["checklists"] == []


def test_a_child_still_scanning_when_the_app_quits_is_stopped_and_reaped(demo_repo):
    result, _ = probe(REAP, str(demo_repo.path))
    assert result == "reaped"


THREADED = r"""
import sys, threading
from readiness.tui.early import EarlyScan
from readiness.tui.model import Launch

stop = threading.Event()
threading.Thread(target=stop.wait, daemon=True).start()
print("RESULT", "forked" if EarlyScan.start(Launch(repo=sys.argv[1]), busy_too=True) else "not forked")
stop.set()
"""


def test_no_fork_once_another_thread_runs(demo_repo):
    result, _ = probe(THREADED, str(demo_repo.path))
    assert result == "not forked"


@pytest.mark.parametrize(("load", "cores", "spare"), [(0.4, 2, True), (1.0, 2, True), (1.6, 2, False),
                                                      (5.0, 8, True), (7.5, 8, False), (0.0, 1, False)])
def test_a_core_is_spare_when_the_load_leaves_one_free(monkeypatch, load, cores, spare):
    from readiness.tui import early

    monkeypatch.setattr(early.os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(early.os, "sched_getaffinity", lambda _pid: set(range(cores)))
    assert early.spare_core() is spare
