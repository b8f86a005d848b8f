"""How long the terminal UI takes to show its verdict, from process start, headless (Textual's test driver).

Usage:
    python benchmarks/tui_verdict.py REPO [--runs 5] [--venv]

REPO is a git repository (copied first, never touched). With --venv the copy gets what issue 14 describes: a
virtual environment that git does not ignore (`python3 -m venv .venv` in a project without a `.gitignore`), its
`site-packages` filled with a copy of the running interpreter's packages. Each run is a fresh process that opens
the app and records, from the process start: the first paint (the app is running and has drawn its first screen)
and the verdict (the scan and the checklist evaluation are in). Prints the medians; asserts nothing.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402  (after the clock starts: imports are part of what is measured)
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import sysconfig  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402


async def _measure(repo: str) -> dict[str, float]:
    from readiness.tui.app import ReadinessApp
    from readiness.tui.model import Launch

    app = ReadinessApp(Launch(repo=repo), watch=False)  # as `readiness` starts it (tui.app.run_app)
    times: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        times["first_paint_s"] = time.perf_counter() - STARTED
        while not (app.state.result is not None and not app.state.scanning and app.state.checklists_ready):
            await pilot.pause(0.005)
        times["verdict_s"] = time.perf_counter() - STARTED
        times["findings"] = len(app.state.findings)
    return times


def one_run(repo: str) -> None:
    print(json.dumps(asyncio.run(_measure(repo))))


def prepare(source: Path, work: Path, venv: bool) -> Path:
    target = work / source.name
    shutil.copytree(source, target, symlinks=True)
    if venv:
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(target / ".venv")], check=True)
        site = next((target / ".venv" / "lib").glob("python*/site-packages"))
        shutil.copytree(sysconfig.get_paths()["purelib"], site, dirs_exist_ok=True, symlinks=True)
        listed = subprocess.run(["git", "ls-files", "-o", "--exclude-standard"], cwd=target, capture_output=True,
                                text=True, check=True)
        print(f"un-ignored .venv: {len(listed.stdout.splitlines())} untracked files", file=sys.stderr)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--venv", action="store_true")
    parser.add_argument("--scan-unwritten", action="store_true",
                        help="write skip_unwritten = false into the copy's readiness.toml (the behaviour before)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a single measured process
    args = parser.parse_args()
    if args.one:
        one_run(str(args.repo))
        return 0
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="readiness-tui-bench-") as tmp:
        repo = prepare(args.repo.resolve(), Path(tmp), args.venv)
        if args.scan_unwritten:
            (repo / "readiness.toml").write_text("skip_unwritten = false\n", encoding="utf-8")
        samples = []
        for _ in range(args.runs + 1):  # the first run compiles byte-code and fills caches: not counted
            out = subprocess.run([sys.executable, __file__, "--one", str(repo)], capture_output=True, text=True,
                                 env=env, check=True)
            samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
        samples = samples[1:]
    result = {key: statistics.median(s[key] for s in samples) for key in ("first_paint_s", "verdict_s")}
    result["findings"] = samples[-1]["findings"]
    result["samples"] = samples
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
