"""Helpers of the TUI tests: a deterministic repository with planted problems, and ways to drive the app.

The repository has fixed names, contents, identities and dates (so its shas are fixed); the one secret in it is
generated at test time (`secret` attribute) and never committed anywhere.
"""

from __future__ import annotations

import asyncio
import secrets
import string
import time
from contextlib import asynccontextmanager

README = """# payments

Refunds and captures for the shop.

## Usage

Run `payments refund ORDER`.

## Blockers

- [ ] **B1** · environment · 2024-01-02 · staging DB refuses connections from CI runners
  - Scope: ship refunds without the nightly sync
"""

CORE = "def add(a, b):\n    return a + b\n"
CORE_TEST = "from pkg.core import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"
PAYMENTS = '''"""Refunds and captures."""

API_TOKEN = "{token}"


def refund(order):
    raise NotImplementedError


def capture(order, password):
    print("capturing", password)
    return order
'''
NOTIFY = "def notify(message):\n    try:\n        send(message)\n    except Exception:\n        pass\n"


def fake_github_token() -> str:
    """A random, never-committed token of the classic GitHub shape (the prefix is split on purpose)."""
    alphabet = string.ascii_letters + string.digits
    return "gh" + "p_" + "".join(secrets.choice(alphabet) for _ in range(36))


def build_demo_repo(demo, *, feature_extra: dict[str, str] | None = None):
    """On an empty repository (the `git_repo` fixture): main has README, pkg/core.py and its test; the branch
    feature/refunds adds a stub, a printed secret, a hard-coded secret, a swallowed exception and a module without
    tests. The generated secret is kept on `demo.secret`."""
    demo.write("README.md", README)
    demo.write("pkg/__init__.py", "")
    demo.write("pkg/core.py", CORE)
    demo.write("tests/test_core.py", CORE_TEST)
    demo.commit("initial")
    demo.git("checkout", "-q", "-b", "feature/refunds")
    demo.secret = fake_github_token()
    demo.write("pkg/payments.py", PAYMENTS.format(token=demo.secret))
    demo.write("pkg/notify.py", NOTIFY)
    for name, text in (feature_extra or {}).items():
        demo.write(name, text)
    demo.commit("refunds")
    return demo


def make_app(repo, **kwargs):
    from readiness.core.pipeline.run import CheckOptions
    from readiness.tui.app import ReadinessApp

    kwargs.setdefault("watch", False)
    return ReadinessApp(CheckOptions(repo=str(repo.path)), **kwargs)


async def settle(app, pilot, *, rounds: int = 200) -> None:
    """Wait until the scan, the checklist evaluation and the blockers are in, no finite worker runs, and the
    screen shows them (`until_drawn`)."""
    for _ in range(rounds):
        busy = [w for w in app.workers if w.group != "watch" and not w.is_finished]
        if busy:
            await app.workers.wait_for_complete(busy)
        await pilot.pause()
        idle = not any(w.group != "watch" and not w.is_finished for w in app.workers)
        if idle and not app.state.scanning and app.state.checklists_ready and app.state.blocker_log is not None:
            await until_drawn(app, pilot)
            return
    raise AssertionError("the app did not settle: scan, checklists or blockers never arrived")


def undrawn_tables(app) -> list[str]:
    """The DataTables of the screen stack whose new rows or changed cells are not measured yet. A DataTable
    measures them in its Idle handler, so its rows can be in the model while the screen still shows the old
    table; `pilot.pause()` does not wait for that when the machine is busy (textual's wait_for_idle takes a
    process starved of CPU by other test workers for an idle one), which made screenshots miss table rows."""
    from textual.widgets import DataTable

    return [table.id or repr(table) for screen in app.screen_stack for table in screen.query(DataTable)
            if table._require_update_dimensions or table._updated_cells]


async def until_drawn(app, pilot, *, timeout: float = 10.0) -> None:
    """Poll until every DataTable has measured its rows, then pause once more so the screen lays them out."""
    await poll_until(pilot, lambda: not undrawn_tables(app), timeout=timeout,
                     what=lambda: f"the tables to be drawn (still pending: {undrawn_tables(app)})")
    await pilot.pause()


POLL_INTERVAL = 0.02


async def poll_until(pilot, condition, *, timeout: float = 20.0, what="condition") -> None:
    """Poll `condition()` between short `pilot.pause()`s (the app keeps running) until it holds; fail with an
    AssertionError naming `what` (a string, or a callable giving one at that moment) once `timeout` seconds have
    passed. Returns as soon as the condition holds."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what() if callable(what) else what}")
        await pilot.pause(POLL_INTERVAL)


async def wait_for(pilot, condition, *, rounds: int = 400, what: str = "condition") -> None:
    """The former name of `poll_until` (`rounds` of 0.05 s); kept for tests not yet moved to `poll_until`."""
    await poll_until(pilot, condition, timeout=rounds * 0.05, what=what)


@asynccontextmanager
async def running_app(repo=None, *, app=None, size: tuple[int, int] = (120, 40), settled: bool = True,
                      **options):
    """The TUI tests' one Pilot preamble: `async with running_app(demo_repo) as (app, pilot):` makes the app on
    `repo` (`options` go to `make_app`, e.g. watch=True, initial_screen="triage"; or pass a prepared `app=`),
    runs it headless at `size` and, unless settled=False, waits until the scan, the checklists and the blockers
    are in and no finite worker runs (`settle`)."""
    if app is None:
        app = make_app(repo, **options)
    elif repo is not None or options:
        raise TypeError("running_app takes either a repository (and make_app options) or app=, not both")
    async with app.run_test(size=size) as pilot:
        if settled:
            await settle(app, pilot)
        yield app, pilot


def run(coro) -> None:
    asyncio.run(coro)


def screen_text(app) -> str:
    """Everything the current screen shows (modals over their background included), as plain text."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True,
                      legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def no_blink(app) -> None:
    from textual.widgets import Input

    for screen in app.screen_stack:
        for widget in screen.query(Input):
            widget.cursor_blink = False


def notices(app) -> list[str]:
    """The messages of the notifications currently shown."""
    return [notification.message for notification in app._notifications]


def fixed_gate_results():
    """Gate results with fixed durations, for screenshots that must not change from run to run."""
    from readiness.core.models import GateResult, GateStatus

    return {
        "build": GateResult("build", GateStatus.PASS, "python -m compileall -q pkg", 0.6,
                            "0 errors; 3 Python files compiled"),
        "lint": GateResult("lint", GateStatus.FAIL, "ruff check --no-cache --output-format json pkg", 0.3,
                           "2 errors on changed lines (F821, F401)",
                           details=("pkg/notify.py:3:9: F821 undefined name `send`",
                                    "pkg/payments.py:1:1: F401 `os` imported but unused")),
        "tests": GateResult("tests", GateStatus.PASS, "python -m pytest -m 'not slow'", 6.3, "1 passed"),
    }


def fixed_gate_output():
    return {"lint": ["$ ruff check --no-cache --output-format json pkg", "pkg/notify.py:3:9: F821 undefined name `send`",
                     "pkg/payments.py:1:1: F401 `os` imported but unused", "Found 2 errors."]}


async def wait_for_text(pilot, app, text: str, *, timeout: float = 10.0) -> None:
    """Poll until the screen shows `text` (screens redraw just after the model changes, not with it)."""
    await poll_until(pilot, lambda: text in screen_text(app), timeout=timeout, what=f"{text!r} on the screen")


def checklist_item(app, checklist_id: str, item_id: str):
    """The current result of one checklist item."""
    checklist = next(c for c in app.state.checklists if c.id == checklist_id)
    return next(i for i in checklist.items if i.id == item_id)


async def save_until(pilot, write, condition, what: str) -> None:
    """Write, then poll; write again if the watcher had not started watching yet (five tries of 4 s each)."""
    for _ in range(5):
        write()
        try:
            await poll_until(pilot, condition, timeout=4.0, what=what)
            return
        except AssertionError:
            continue
    raise AssertionError(f"timed out waiting for {what} (the file was written five times)")


SIZES = [(80, 24), (120, 40)]  # every screen's snapshot at both: 80x24 is a first-class size
SIZE_IDS = ["80x24", "120x40"]


def assert_footer_keeps_help_and_palette(app) -> None:
    """The footer's last line offers help and the palette (docked right, never cut), whatever the width."""
    footer = screen_text(app).rstrip("\n").splitlines()[-1].rstrip()
    assert footer.endswith("^p palette") and ("? help" in footer or "f1 help" in footer), footer
