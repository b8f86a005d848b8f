"""Secret scanning speed against peers, on the same files in the same run.

    python benchmarks/secrets_vs_peers.py REPO [REPO ...] [--repeat N]

For each git repository (every file committed: the tools then see the same files):
- readiness: the printed-secret and hard-coded-secret scanners in-process, including reading and decoding the
  tracked files once (what `readiness check --all` spends on secrets), and the whole `readiness check --all`
  (every scanner and checklist) as a subprocess, for context;
- detect-secrets: `detect-secrets scan --all-files` (all of its plugins, every file);
- ruff: `ruff check --select S105,S106,S107,T201 --no-cache` (its nearest rules: hard-coded passwords by
  variable name, and print calls; Python files only).
Each timing is the best of --repeat runs; the ratios are readiness's in-process time over the peer's, on the
same files (all tracked text files for detect-secrets, the Python files for ruff).
Missing tools are reported and skipped. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from readiness.core.scan.base import ScanContext, SourceFile, language_of
from readiness.core.scan.scanners import hardcoded_secret, printed_secret

MAX_SIZE = 1 << 20


def _tool(name: str) -> str | None:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else shutil.which(name)


def _read(root: Path, python_only: bool = False) -> tuple[list[SourceFile], int]:
    pathspec = ["*.py"] if python_only else []
    listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", *pathspec], capture_output=True,
                            check=True).stdout
    files, size = [], 0
    for raw in listed.split(b"\0"):
        if not raw:
            continue
        path = raw.decode("utf-8", "surrogateescape")
        try:
            data = (root / path).read_bytes()
        except OSError:
            continue
        if len(data) > MAX_SIZE or b"\0" in data[:8000]:
            continue
        size += len(data)
        files.append(SourceFile(path, data.decode("utf-8", "replace"), language=language_of(path)))
    return files, size


def _readiness(root: Path, python_only: bool = False) -> tuple[float, int, int]:
    start = time.perf_counter()
    files, size = _read(root, python_only)
    ctx = ScanContext(files=files, repo=None)
    found = sum(1 for scanner in (printed_secret.SCANNER, hardcoded_secret.SCANNER) for _ in scanner.scan(ctx))
    return time.perf_counter() - start, found, size


def _subprocess(argv: list[str], cwd: Path) -> tuple[float, str, int]:
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return time.perf_counter() - start, proc.stdout, proc.returncode


def _best(repeat: int, run):
    results = [run() for _ in range(repeat)]
    return min(results, key=lambda r: r[0])


def bench(root: Path, repeat: int, peers_wanted: set[str]) -> None:
    seconds, found, size = _best(repeat, lambda: _readiness(root))
    print(f"\n{root.name}: {size / 1e6:.1f} MB in tracked text files")
    print(f"  {'readiness secrets (in-process)':38} {seconds:7.3f} s  {size / seconds / 1e6:6.1f} MB/s  "
          f"{found} findings")
    py_seconds, py_found, py_size = _best(repeat, lambda: _readiness(root, python_only=True))
    print(f"  {'readiness secrets, *.py only':38} {py_seconds:7.3f} s  {py_size / py_seconds / 1e6:6.1f} MB/s  "
          f"{py_found} findings")
    readiness = _tool("readiness")
    if readiness:
        full, _, _ = _best(repeat, lambda: _subprocess([readiness, "check", "--all", "--format", "json",
                                                        "--repo", str(root)], root))
        print(f"  {'readiness check --all (all scanners)':38} {full:7.2f} s")
    peers = []
    detect = _tool("detect-secrets") if "detect-secrets" in peers_wanted else None
    if detect:
        took, out, _ = _best(repeat, lambda: _subprocess([detect, "scan", "--all-files"], root))
        try:
            count = sum(len(v) for v in json.loads(out).get("results", {}).values())
        except ValueError:
            count = -1
        peers.append(("detect-secrets scan --all-files", took, count))
    elif "detect-secrets" in peers_wanted:
        print("  detect-secrets: not installed (pip install detect-secrets)")
    ruff = _tool("ruff") if "ruff" in peers_wanted else None
    if ruff:
        argv = [ruff, "check", "--select", "S105,S106,S107,T201", "--no-cache", "--exit-zero",
                "--output-format", "json", "--isolated", "."]
        took, out, _ = _best(repeat, lambda: _subprocess(argv, root))
        try:
            count = len(json.loads(out))
        except ValueError:
            count = -1
        peers.append(("ruff S105,S106,S107,T201", took, count))
    elif "ruff" in peers_wanted:
        print("  ruff: not installed")
    for name, took, count in peers:
        mine = py_seconds if name.startswith("ruff") else seconds  # ruff reads Python files only
        print(f"  {name:38} {took:7.2f} s  {count} findings  readiness/peer = {mine / took:.3f}x "
              f"(peer takes {took / mine:.1f}x readiness's time)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repos", nargs="+", type=Path, help="git repositories with every file committed")
    parser.add_argument("--repeat", type=int, default=1, help="runs per tool; the best is kept (default 1)")
    parser.add_argument("--peers", default="detect-secrets,ruff",
                        help="comma-separated peers to run (default: detect-secrets,ruff)")
    args = parser.parse_args(argv)
    for root in args.repos:
        if not (root / ".git").exists():
            print(f"{root}: not a git repository (git init, git add -A, git commit first)", file=sys.stderr)
            return 2
        bench(root.resolve(), max(1, args.repeat), set(args.peers.split(",")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
