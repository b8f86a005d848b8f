"""`readiness gates`: run the quality gates with a live progress display, then print their results.

On a terminal a rich live table shows each gate (queued, running with its latest output line, finished); otherwise
one plain line per gate is printed as it finishes. `--format json` prints one JSON document at the end. Exit 0 when
no gate failed, errored or timed out, 1 otherwise, 130 when interrupted (every running gate is killed first).

Deferred imports: the gates and the scan pipeline (~270 ms) and the rich progress display (~230 ms) load when the
command runs, not when `readiness --help` builds the parser (`-X importtime`, on top of `import readiness.cli`).
"""

from __future__ import annotations

import json
import queue
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

from readiness import __version__
from readiness.core.exit_codes import NOT_READY, OK
from readiness.core.models import RepoInfo

if TYPE_CHECKING:
    from pathlib import Path

    from readiness.core.models import GateResult


def gates(*, repo: str = ".", base: str | None = None, all_files: bool = False, fmt: str = "text", only: str = "all",
          trust: bool = False, use_cache: bool = True, config: Path | None = None) -> int:
    """Run the selected gates with a live display (text on a terminal), print the results; 1 when one failed."""
    from readiness.core.gates import parse_selection  # deferred (see module doc)
    from readiness.core.pipeline.run import CheckOptions, scan_repository  # deferred (see module doc)

    options = CheckOptions(repo=repo, base=base, scope="all" if all_files else "diff", config_path=config)
    scanned = scan_repository(options)
    try:
        selection = parse_selection(only, scanned.config.values)
        live = fmt == "text" and sys.stdout.isatty()
        results, printed = _run_with_display(scanned, selection, options.scope, live, plain=fmt == "text",
                                             trust=trust, use_cache=use_cache)
    finally:
        scanned.repo.close()
    handle = scanned.repo
    if fmt == "json":
        from readiness.core.names import shown_name  # deferred (see module doc)

        info = RepoInfo(root=shown_name(str(handle.root)), branch=handle.branch, head=handle.head, base=handle.base,
                        merge_base=handle.merge_base, scope=options.scope)
        document = {"schema_version": 1, "tool": {"name": "readiness", "version": __version__},
                    "repo": info.to_dict(), "gates": [_gate_json(r) for r in results],
                    "ready": not any(r.status.failed for r in results)}
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        from readiness.render.progress import print_final  # deferred (see module doc)

        print_final(results, printed)
    return NOT_READY if any(r.status.failed for r in results) else OK


def _gate_json(result: GateResult) -> dict:
    return {**result.to_dict(), "exit_code": result.exit_code, "details": list(result.details)}


def _run_with_display(scanned, selection: list[str], scope: str, live: bool, *, plain: bool, trust: bool,
                      use_cache: bool) -> tuple[list[GateResult], set[str]]:
    """Run the gates in a worker thread; the main thread renders events and turns Ctrl-C into a cancel.
    Returns the results and the ids of the gates whose row was already printed (plain output)."""
    from readiness.core.gates import GateFinished, GateOutput, GateStarted, run_gates  # deferred (see module doc)
    from readiness.render.progress import LiveTable, print_row  # deferred (see module doc)

    events: queue.Queue = queue.Queue()
    cancel = threading.Event()
    results: list[GateResult] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results[:] = run_gates(scanned.repo, scanned.config, selection, scope=scope,
                                           findings=scanned.findings, trust=trust, cancel=cancel,
                                           on_event=events.put, use_cache=use_cache)
        except BaseException as exc:  # handed to the main thread, which raises it there
            errors.append(exc)
        finally:
            events.put(None)

    state: dict[str, list[Any]] = {gate: ["queued", None, "", None] for gate in selection}  # status, started, last line, result
    printed: set[str] = set()
    worker = threading.Thread(target=work, name="readiness-gates", daemon=True)
    worker.start()
    display = LiveTable(state) if live else None
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
                if display is None and plain:
                    print_row(event.result)
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
    if errors:
        raise errors[0]
    return results, printed
