"""Regenerate screenshots/*.svg from the real app, driven headless on a fixture repository built in a temp dir.

    python screenshots/make_screenshots.py [--out DIR] [--size 120x36]

The fixture has planted problems (a stub, a printed password, a hard-coded token, a swallowed exception, an
untested module) and a custom gate that streams output. The token is generated at run time and shown masked;
the script checks that it appears in no screenshot. Trust records go to a temporary state directory, never to
yours.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import string
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATE = "2024-01-02T03:04:05+00:00"

README = """# payments

Refunds and captures for the shop.

## Usage

Run `payments refund ORDER`.

## Blockers

- [ ] **B1** · environment · 2024-01-02 · staging DB refuses connections from CI runners
  - Scope: ship refunds without the nightly sync
  - Follow-up: nightly sync against staging
"""
PAYMENTS = '''"""Refunds and captures."""

import logging

log = logging.getLogger(__name__)
API_TOKEN = "{token}"


def refund(order):
    raise NotImplementedError


def capture(order, password):
    print("capturing", order, password)
    return order
'''
NOTIFY = "def notify(message):\n    try:\n        send(message)\n    except Exception:\n        pass\n"
E2E = ("import time\nfor step in range(1, 200):\n    print(f'e2e: checkout scenario {step:03d} ok', flush=True)\n"
       "    time.sleep(0.15)\n")


def git(root: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="Dana Developer", GIT_AUTHOR_EMAIL="dana@example.com", GIT_AUTHOR_DATE=DATE,
               GIT_COMMITTER_NAME="Dana Developer", GIT_COMMITTER_EMAIL="dana@example.com",
               GIT_COMMITTER_DATE=DATE, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=root, env=env, check=True,
                   capture_output=True)


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def build_fixture(root: Path) -> str:
    """The repository; returns the generated token (never written anywhere but the fixture)."""
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    write(root, "README.md", README)
    write(root, "pkg/__init__.py", "")
    write(root, "pkg/core.py", "def add(a, b):\n    return a + b\n")
    write(root, "tests/test_core.py", "from pkg.core import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    git(root, "checkout", "-q", "-b", "feature/refunds")
    token = "gh" + "p_" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(36))
    write(root, "pkg/payments.py", PAYMENTS.format(token=token))
    write(root, "pkg/notify.py", NOTIFY)
    write(root, "scripts/e2e.py", E2E)
    write(root, "readiness.toml", 'python = "python3"\n[gates.e2e]\n'
                                  f"command = {json.dumps(['python3', 'scripts/e2e.py'])}\ntimeout = 300\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "refunds")
    return token


async def wait_until(pilot, condition, rounds: int = 600) -> None:
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.05)
    raise SystemExit("the app did not reach the expected state; no screenshot taken")


async def settle(app, pilot) -> None:
    await wait_until(pilot, lambda: not app.state.scanning and app.state.checklists_ready and app.state.blocker_log is not None)
    await app.workers.wait_for_complete([w for w in app.workers if w.group != "watch"])
    await pilot.pause()


async def shoot(app, pilot, out: Path, name: str, token: str) -> None:
    await pilot.pause()
    app.clear_notifications()
    await pilot.pause()
    svg = app.export_screenshot(title=f"readiness · {name}")
    if token[6:] in svg:
        raise SystemExit(f"the generated token is visible in the {name} screenshot: nothing written")
    (out / f"{name}.svg").write_text(svg, encoding="utf-8")
    print(f"wrote {out / f'{name}.svg'}")


async def capture(repo: Path, out: Path, size: tuple[int, int], token: str) -> None:
    from textual.widgets import DataTable, Input

    from readiness.core.models import GateResult, GateStatus
    from readiness.core.pipeline.run import CheckOptions
    from readiness.tui.app import ReadinessApp
    from readiness.tui.screens.modals import ConfirmScreen

    def select(table: DataTable, key: str) -> None:
        table.move_cursor(row=[k.value for k in table.rows].index(key))

    app = ReadinessApp(CheckOptions(repo=str(repo)), watch=False)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await shoot(app, pilot, out, "dashboard", token)

        app.action_open("checklist", checklist_id="ready-for-review")
        await pilot.pause()
        await shoot(app, pilot, out, "checklist", token)

        app.action_open("findings")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#finding-table", DataTable)
        select(table, next(k.value for k in table.rows if screen.shown[k.value].category == "hardcoded-secret"))
        await wait_until(pilot, lambda: screen.detail_id is not None and "ghp_****" in app.export_screenshot())
        await pilot.pause(0.2)
        await shoot(app, pilot, out, "findings", token)

        app.action_open("gates")
        await pilot.pause()
        app.run_gates(["build", "lint", "e2e"])
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await shoot(app, pilot, out, "trust-prompt", token)
        await pilot.press("y")
        gates = app.screen.query_one("#gate-table", DataTable)
        select(gates, "e2e")
        await wait_until(pilot, lambda: {"build", "lint"} <= set(app.state.gate_results)
                         and len(app.state.gate_output.get("e2e", [])) >= 12)
        await shoot(app, pilot, out, "gates", token)
        app.cancel_gates()
        await wait_until(pilot, lambda: not app.state.gates_running)

        app.state.gate_results.pop("e2e", None)  # cancelled by us above: not evidence of anything
        app.state.gate_results["tests"] = GateResult("tests", GateStatus.FAIL, "python -m pytest", 4.2,
                                               "1 failed: ModuleNotFoundError: No module named 'psycopg'")
        app.action_open("triage")
        await pilot.pause()
        triage = app.screen
        await wait_until(pilot, lambda: triage.triage is not None)
        triage.query_one("#s1-summary", Input).value = "staging DB driver missing on CI runners"
        for widget in triage.query(Input):
            widget.cursor_blink = False
        await pilot.pause(0.2)
        await shoot(app, pilot, out, "triage", token)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the SVGs (default: screenshots/)")
    parser.add_argument("--size", default="120x36", help="terminal size, WIDTHxHEIGHT (default 120x36)")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="readiness-screens-") as tmp:
        os.environ["XDG_STATE_HOME"] = str(Path(tmp) / "state")  # trust records stay in the temp dir
        os.environ.pop("READINESS_SECRET_KEY", None)
        repo = Path(tmp) / "payments"
        token = build_fixture(repo)
        asyncio.run(capture(repo, args.out, (width, height), token))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
