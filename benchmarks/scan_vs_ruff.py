"""Scan speed of `readiness check` against ruff doing the nearest work, in one run on the same repository.

Usage:
    python benchmarks/scan_vs_ruff.py DIR [--runs 3]

DIR must be a git repository (unpack an sdist and `git init && git add -A && git commit -m base` it).
Measures, each as the median of --runs runs, wall-clock:
  - `readiness check --all` (every scanner, every file)
  - `ruff check --no-cache --select T201,T203,FIX,TD` (print calls and TODO comments: the nearest ruff rules)
  - `readiness check` on a pull-request-sized diff (10 modified files on a branch), DESIGN.md target < 0.5 s
and prints the ratios against the targets in DESIGN.md ("Speed is designed in").
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(argv: list[str], cwd: Path, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", *args], cwd=cwd,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    repo = args.repo.resolve()
    readiness = [sys.executable, "-m", "readiness"]
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    py_files = [p for p in repo.rglob("*.py") if ".git" not in p.parts]
    print(f"{repo}: {len(py_files)} Python files, {sum(p.stat().st_size for p in py_files) / 1e6:.1f} MB")

    full = timed([*readiness, "check", "--all", "--format", "json", "--repo", str(repo)], repo, args.runs)
    ruff_time = timed([ruff, "check", "--no-cache", "--exit-zero", "--select", "T201,T203,FIX,TD", "."], repo,
                      args.runs)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "-q", str(repo), str(work)], check=True)
        git(work, "checkout", "-q", "-b", "bench-feature")
        for path in sorted(p for p in work.rglob("*.py") if ".git" not in p.parts)[:10]:
            with path.open("a", encoding="utf-8") as handle:
                handle.write("\n\ndef added_by_benchmark():\n    return 1\n")
        git(work, "commit", "-qam", "pr-sized change")
        diff = timed([*readiness, "check", "--format", "json", "--repo", str(work)], work, args.runs)
        startup = timed([*readiness, "--version"], work, args.runs)

    print(f"readiness check --all        {full:7.2f} s")
    print(f"ruff T201,T203,FIX,TD        {ruff_time:7.2f} s   ratio {full / ruff_time:5.1f}x (target <= 2x)")
    print(f"readiness check (10-file PR) {diff:7.2f} s   (target < 0.5 s; interpreter start-up alone "
          f"{startup:.2f} s)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    raise SystemExit(main())
