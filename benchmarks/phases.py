"""Where the time of one `readiness check` goes: the profile behind the Performance section's floor.

    python benchmarks/phases.py [--all] [--runs 5] REPO

Each run is a fresh interpreter (`--child`) that times, on the wall clock, the phases of a cold check
(`--no-cache --gates none`): importing readiness, opening the repository, selecting the scope, reading the files,
each scanner, the missing-test rule's steps, and every git command (how long this process waited for git). The
per-file scanners run in this one process (no forked worker: a thread is started first, and `scan.workers` never
forks a threaded process), so their times add up to the CPU work a worker would share. Medians of the runs are
printed in milliseconds; the phases nest (a scanner's steps are inside the scanner). Nothing here is asserted: it
shows what a faster scan would have to remove.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

_TIMES: dict[str, float] = defaultdict(float)
_STEPS = (  # (module, attribute) timed as a phase; a class attribute as "Class.method"
    ("readiness.core.pipeline.run", "run_check"),
    ("readiness.core.pipeline.run", "scan_repository"),
    ("readiness.core.pipeline.run", "open_repository"),
    ("readiness.core.pipeline.run", "select_paths"),
    ("readiness.core.pipeline.run", "read_sources"),
    ("readiness.core.pipeline.run", "run_scanners"),
    ("readiness.core.pipeline.run", "rule_applicability"),
    ("readiness.core.pipeline.run", "apply_baseline"),
    ("readiness.core.scan.history", "scan_history"),
    ("readiness.core.scan.scanners.missing_tests", "prefetch_test_lines"),
    ("readiness.core.scan.scanners.missing_tests", "test_index"),
    ("readiness.core.scan.scanners.missing_tests", "_untested_functions"),
    ("readiness.core.scan.scanners.missing_tests", "_negative_test"),
    ("readiness.core.scan.scanners.missing_tests", "_smoke_test"),
    ("readiness.core.scan.scanners.missing_tests", "_hmac_verified"),
    ("readiness.core.scan._source.test_index", "_Builder._python"),
    ("readiness.core.scan._source.test_index", "_Builder._package_importers"),
    ("readiness.core.scan._source.pyast", "parse"),
)


def _timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            result = func(*args, **kwargs)
            return list(result) if hasattr(result, "__next__") else result  # a generator's work is its iteration
        finally:
            _TIMES[name] += time.perf_counter() - start
    return timed


def _child(argv: list[str]) -> None:
    start = time.perf_counter()
    from readiness import cli
    _TIMES["import readiness"] = time.perf_counter() - start
    for module_name, attribute in _STEPS:
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        setattr(owner, name, _timed(attribute.split(".")[-1].lstrip("_"), getattr(owner, name)))
    from readiness.core import repo
    from readiness.core.scan.scanners import SCANNERS
    repo.Repository.git = _timed("git (waiting)", repo.Repository.git)  # type: ignore[method-assign]
    for scanner_name, scanner in SCANNERS.items():
        kind = type(scanner)
        for method in ("scan", "scan_file", "finish"):
            if method in vars(kind):
                setattr(kind, method, _timed(f"scanner {scanner_name}", vars(kind)[method]))
    threading.Thread(target=time.sleep, args=(3600,), daemon=True).start()  # one process: no forked worker
    with open(os.devnull, "w") as sink:
        sys.stdout = sink
        try:
            cli.main(["check", "--no-cache", "--gates", "none", "--format", "json", *argv])
        except SystemExit:
            pass
        finally:
            sys.stdout = sys.__stdout__
    _TIMES["total (after the interpreter started)"] = time.perf_counter() - start
    print(json.dumps(_TIMES))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", help="a git repository (the default scope needs a branch with changes)")
    parser.add_argument("--all", action="store_true", help="time `--all` instead of the default scope")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    extra = ["--all"] if args.all else []
    if args.child:
        os.chdir(args.repo)
        _child(extra)
        return 0
    samples: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        samples["interpreter start (python -c pass)"].append(time.perf_counter() - start)
        out = subprocess.run([sys.executable, __file__, "--child", *extra, args.repo], capture_output=True, text=True,
                             check=True)
        for name, seconds in json.loads(out.stdout.strip().splitlines()[-1]).items():
            samples[name].append(seconds)
    first = ["interpreter start (python -c pass)", "total (after the interpreter started)", "import readiness"]
    order = first + [name for name in samples if name not in first]
    print(f"{'phase':44} {'median ms':>10}")
    for name in order:
        print(f"{name:44} {statistics.median(samples[name]) * 1000:10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
