"""`readiness gates`: run the quality gates with a live progress display, then print their results.

On a terminal a rich live table shows each gate (queued, running with its latest output line, finished); otherwise
one plain line per gate is printed as it finishes. `--format json` prints one JSON document at the end. Exit 0 when
no gate failed, errored or timed out, 1 otherwise, 130 when interrupted (every running gate is killed first).
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readiness.core.models import GateResult

FAILING = ("fail", "error", "timeout")


def register(sub: argparse._SubParsersAction) -> None:
    from readiness.cli import add_common

    parser = sub.add_parser(
        "gates", help="run the quality gates (build, lint, tests, coverage, security, smoke, performance, docs)",
        description="Run the quality gates on what this branch changes (with --all, on every file). Static gates "
                    "(build, lint, security, performance, docs) always run; gates that execute the repository's "
                    "code (tests, coverage, smoke, commands from the configuration) run only after `readiness "
                    "trust`, or with --trust.",
        epilog="Exit codes: 0 no gate failed, 1 a gate failed, errored or timed out, 2 usage/configuration/"
               "repository error, 130 interrupted. Configure gates with [tool.readiness.gates.<id>].",
    )
    add_common(parser, suppress=True)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--only", metavar="ID,ID", default="all",
                        help="run only these gates (default: all enabled gates)")
    parser.add_argument("--trust", action="store_true",
                        help="run gates that execute the repository's code even without `readiness trust` (for CI)")
    parser.add_argument("--no-cache", action="store_true",
                        help="run every gate, even a green one whose tree state is unchanged")
    parser.add_argument("--config", metavar="FILE", default=None,
                        help="configuration file (default: readiness.toml or [tool.readiness] in pyproject.toml)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from readiness.core.gates import parse_selection
    from readiness.core.pipeline.run import CheckOptions, scan_repository

    options = CheckOptions(repo=args.repo, base=args.base, scope="all" if args.all else "diff",
                           config_path=Path(args.config) if args.config else None)
    scanned = scan_repository(options)
    try:
        selection = parse_selection(args.only, scanned.config.values)
        live = args.format == "text" and sys.stdout.isatty()
        results, printed = _run_with_display(scanned, selection, options.scope, args, live)
    finally:
        scanned.repo.close()
    repo = scanned.repo
    if args.format == "json":
        from readiness import __version__
        from readiness.core.models import RepoInfo

        info = RepoInfo(root=str(repo.root), branch=repo.branch, head=repo.head, base=repo.base,
                        merge_base=repo.merge_base, scope=options.scope)
        document = {"schema_version": 1, "tool": {"name": "readiness", "version": __version__},
                    "repo": info.to_dict(), "gates": [_gate_json(r) for r in results],
                    "ready": not any(str(r.status) in FAILING for r in results)}
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_final(results, printed)
    return 1 if any(str(r.status) in FAILING for r in results) else 0


def _gate_json(result: GateResult) -> dict:
    return {**result.to_dict(), "exit_code": result.exit_code, "details": list(result.details)}


def _run_with_display(scanned, selection: list[str], scope: str, args: argparse.Namespace,
                      live: bool) -> tuple[list[GateResult], set[str]]:
    """Run the gates in a worker thread; the main thread renders events and turns Ctrl-C into a cancel.
    Returns the results and the ids of the gates whose row was already printed (plain output)."""
    from readiness.core.gates import GateFinished, GateOutput, GateStarted, run_gates

    events: queue.Queue = queue.Queue()
    cancel = threading.Event()
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["results"] = run_gates(scanned.repo, scanned.config, selection, scope=scope,
                                           findings=scanned.findings, trust=args.trust, cancel=cancel,
                                           on_event=events.put, use_cache=not args.no_cache)
        except BaseException as exc:  # handed to the main thread, which raises it there
            outcome["error"] = exc
        finally:
            events.put(None)

    state = {gate: ["queued", None, "", None] for gate in selection}  # status, started, last line, result
    printed: set[str] = set()
    worker = threading.Thread(target=work, name="readiness-gates", daemon=True)
    worker.start()
    display = _LiveTable(state) if live else None
    try:
        if display is not None:
            display.start()
        while True:
            try:
                event = events.get(timeout=0.1)
            except queue.Empty:
                if display is not None:
                    display.refresh()
                continue
            if event is None:
                break
            if isinstance(event, GateStarted):
                state[event.gate][:2] = ["running", time.monotonic()]
            elif isinstance(event, GateOutput):
                lines = [line for line in event.lines if line.strip()]
                if lines:
                    state[event.gate][2] = lines[-1]
            elif isinstance(event, GateFinished):
                state[event.gate][0] = "done"
                state[event.gate][3] = event.result
                if display is None and args.format == "text":
                    _print_row(event.result)
                    printed.add(event.gate)
            if display is not None:
                display.refresh()
    except KeyboardInterrupt:
        cancel.set()
        if display is not None:
            display.stop()
            display = None
        print("readiness: interrupted: stopping the running gates…", file=sys.stderr)
        worker.join()
        raise
    finally:
        if display is not None:
            display.stop()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["results"], printed


class _LiveTable:
    """A rich Live table of the gates: status, elapsed time, latest output line or summary."""

    def __init__(self, state: dict) -> None:
        from rich.console import Console
        from rich.live import Live

        self.state = state
        self.console = Console(highlight=False, emoji=False)
        self.live = Live(self._table(), console=self.console, transient=True, refresh_per_second=8,
                         auto_refresh=False)

    def start(self) -> None:
        self.live.start()

    def stop(self) -> None:
        self.live.stop()

    def refresh(self) -> None:
        self.live.update(self._table(), refresh=True)

    def _table(self):
        from rich.spinner import Spinner
        from rich.table import Table
        from rich.text import Text

        from readiness.render.formats import STATUS_ICON, STATUS_STYLE

        table = Table.grid(padding=(0, 2))
        table.add_column(width=2)
        table.add_column(min_width=12)
        table.add_column(justify="right", min_width=7)
        table.add_column(overflow="ellipsis", no_wrap=True, max_width=max(self.console.width - 30, 20))
        now = time.monotonic()
        for gate, (status, started, last, result) in self.state.items():
            if status == "done":
                key = str(result.status)
                table.add_row(Text(STATUS_ICON[key], style=STATUS_STYLE[key]), Text(gate),
                              Text(f"{result.duration_s:.1f}s"), Text(result.summary, style="dim"))
            elif status == "running":
                table.add_row(Spinner("dots"), Text(gate, style="bold"), Text(f"{now - started:.1f}s"),
                              Text(last, style="dim"))
            else:
                table.add_row(Text("·", style="dim"), Text(gate, style="dim"), Text(""), Text("queued", style="dim"))
        return table


def _console():
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False, soft_wrap=True, emoji=False)


def _print_row(result: GateResult, console=None) -> None:
    from rich.text import Text

    from readiness.render.formats import STATUS_ICON, STATUS_STYLE

    console = console or _console()
    key = str(result.status)
    line = Text(f"{STATUS_ICON[key]} {key:<7} ", style=STATUS_STYLE[key])
    line.append(f"{result.id:<12} {result.duration_s:6.1f}s  ")
    line.append(result.summary)
    console.print(line)


def _print_final(results: list[GateResult], printed: set[str] = frozenset()) -> None:
    """Every gate's row not printed yet (gates skipped as untrusted or disabled send no event while running),
    the failing gates' details, and the counts."""
    from rich.text import Text

    from readiness.core.gates import UNTRUSTED

    console = _console()
    for result in results:
        if result.id not in printed:
            _print_row(result, console)
    for result in results:
        if str(result.status) in FAILING and result.details:
            console.print()
            console.print(Text(f"{result.id}:", style="bold"))
            for detail in result.details[:15]:
                console.print(Text(f"  {detail}"))
            if len(result.details) > 15:
                console.print(Text(f"  … {len(result.details) - 15} more", style="dim"))
    counts = {s: sum(1 for r in results if str(r.status) == s) for s in ("pass", "fail", "error", "timeout", "skip")}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no gates selected"
    bad = any(counts[s] for s in FAILING)
    console.print()
    console.print(Text(f"gates: {summary}", style="bold red" if bad else "bold green"))
    untrusted = [r.id for r in results if str(r.status) == "skip" and r.summary.startswith(UNTRUSTED)]
    if untrusted:
        console.print(Text(f"{UNTRUSTED} to run {', '.join(untrusted)} (or pass --trust)", style="yellow"))
