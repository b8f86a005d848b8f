"""How long the terminal UI takes to show its verdict, from process start, headless (Textual's test driver).

Usage:
    python benchmarks/tui_verdict.py REPO [--runs 5] [--venv] [--saves 3] [--early auto|always|never]

REPO is a git repository (copied first, never touched). With --venv the copy gets what issue 14 describes: a
virtual environment that git does not ignore (`python3 -m venv .venv` in a project without a `.gitignore`), its
`site-packages` filled with a copy of the running interpreter's packages. Each run is a fresh process that opens
the app as `readiness` does (`tui.launch.open_app`: the early scan forks first) and records, from the process
start: the first paint (the app is running and has drawn its first screen), the verdict (the dashboard shows the
scan's findings and its evaluated checklists) and `settled` (the app's own scan and evaluation are in too). Then it
saves a changed Python file `--saves` times (appending an unfinished function) and records the median time from the
write to the dashboard showing the new finding with the checklists evaluated again (`save_s`: the watcher's batch,
the re-scan, the stored gate results, the checklists). `--early never`
measures the app without the early scan, `--early always` with it even on a busy machine. Prints the medians; asserts nothing.
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

# What a save appends: an unfinished function (a todo-throw finding). Spelled in parts: this file is no placeholder.
SAVED = "\n\ndef _benchmark_unfinished():\n    raise " + "NotImplemented" + "Error(\"TO" + "DO: the benchmark's save {n}\")\n"


def _settled(app) -> bool:
    """The app's own scan and checklist evaluation are done (not only the early scan's verdict on screen)."""
    return app.state.result is not None and not any(
        w.group in ("scan", "checklists") and not w.is_finished for w in app.workers)


def _shown(app) -> bool:
    """The dashboard shows a final verdict: the scan is in and its checklists are evaluated."""
    return not app.state.scanning and app.state.checklists_ready


def _when(app, predicate, topics: tuple[str, ...] = ()) -> dict[str, float]:
    """The moment `predicate(app)` first holds, taken when the app publishes the change (no polling: a poll would
    take the interpreter lock from the workers it measures). Returns a dict that gets "t"."""
    box: dict[str, float] = {}

    def check(topic: str) -> None:
        if "t" not in box and (not topics or topic in topics) and predicate(app):
            box["t"] = time.perf_counter()

    app.model_changed.subscribe(app, check, immediate=True)
    check(topics[0] if topics else "")
    return box


async def _measure(repo: str, early: str, saves: int) -> dict[str, float]:
    from readiness.tui.launch import open_app
    from readiness.tui.model import Launch

    # as `readiness` starts it (tui.launch.run_app): the early scan forks before textual is imported
    app = open_app(Launch(repo=repo), early=early, watch=saves > 0)
    times: dict[str, float] = {"early": app.early_scan}
    async with app.run_test(size=(120, 40)) as pilot:
        times["first_paint_s"] = time.perf_counter() - STARTED
        shown = _when(app, _shown)
        while "t" not in shown:
            await pilot.pause(0.02)
        times["verdict_s"] = shown["t"] - STARTED
        times["findings"] = len(app.state.findings)
        while not _settled(app):
            await pilot.pause(0.02)
        times["settled_s"] = time.perf_counter() - STARTED
        app.model_changed.unsubscribe(app)
        if saves:
            times["save_s"] = await _saves(app, pilot, Path(repo), saves)
    return times


async def _saves(app, pilot, repo: Path, count: int) -> float:
    """Median seconds from writing a file to the dashboard showing its new finding (the re-scan on save)."""
    while app.state.live == "starting":
        await pilot.pause(0.005)
    await pilot.pause(0.3)  # the watcher is set up
    changed = [p for p in app.state.result.changed_paths if p.endswith(".py")] or ["benchmark_saved.py"]
    target = repo / changed[0]
    original = target.read_bytes() if target.exists() else None
    samples = []
    try:
        for n in range(count):
            marker = f"the benchmark's save {n}"
            # done: the checklists are evaluated again with the save's finding in (published after it)
            done = _when(app, lambda app, marker=marker: _shown(app) and any(
                marker in (f.snippet or "") or marker in f.message for f in app.state.findings), ("checklists",))
            with open(target, "ab") as handle:
                handle.write(SAVED.format(n=n).encode())
            saved = time.perf_counter()
            while "t" not in done:
                await pilot.pause(0.02)
            samples.append(done["t"] - saved)
            app.model_changed.unsubscribe(app)
            await pilot.pause(1.0)  # the watcher's batch is over before the next save
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
    return statistics.median(samples)


def one_run(repo: str, early: str, saves: int) -> None:
    print(json.dumps(asyncio.run(_measure(repo, early, saves))))


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
    parser.add_argument("--saves", type=int, default=3,
                        help="saves per run timed until the dashboard shows them (0: no watcher, no saves)")
    parser.add_argument("--early", choices=("auto", "always", "never"), default="auto",
                        help="the early scan: when a core is spare (auto, as `readiness`), always, or never")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a single measured process
    args = parser.parse_args()
    if args.one:
        one_run(str(args.repo), args.early, args.saves)
        return 0
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="readiness-tui-bench-") as tmp:
        repo = prepare(args.repo.resolve(), Path(tmp), args.venv)
        if args.scan_unwritten:
            (repo / "readiness.toml").write_text("skip_unwritten = false\n", encoding="utf-8")
        samples = []
        for _ in range(args.runs + 1):  # the first run compiles byte-code and fills caches: not counted
            command = [sys.executable, __file__, "--one", str(repo), "--saves", str(args.saves), "--early", args.early]
            out = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
            samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
        samples = samples[1:]
    result = {key: statistics.median(s[key] for s in samples) for key in samples[0] if key.endswith("_s")}
    result["findings"] = samples[-1]["findings"]
    result["early_runs"] = sum(bool(s["early"]) for s in samples)
    result["samples"] = samples
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
