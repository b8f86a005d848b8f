"""Run the todo-throw scanner over a directory tree of real code, to measure its precision and speed.

    python benchmarks/todo_throw_precision.py /tmp/corpus/django-5.2.19 --sample 20 --severity error

Prints the time taken, counts per rule and severity, and a seeded random sample of findings with a few lines of
context, so a reviewer can label each sample as a real stub or not. The directory does not need to be a git
repository: the class index the scanner builds is served by `git grep --no-index` (or a Python fallback).
"""

from __future__ import annotations

import argparse
import collections
import fnmatch
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from readiness.core.scan.base import RawFinding, ScanContext, SourceFile, language_of, matches_any  # noqa: E402
from readiness.core.scan.scanners.todo_throw import SCANNER  # noqa: E402

TEST_GLOBS = ("**/tests/**", "**/test/**", "**/testing/**", "**/test_*.py", "**/*_test.py", "**/*_test.go",
              "**/*.test.ts", "**/*.test.js", "**/*.spec.ts", "**/*.spec.js", "**/src/test/**")
SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "__pycache__", "target", "build", "dist"}


class DirectoryRepository:
    """A RepositoryView over a plain directory."""

    def __init__(self, root: Path, paths: list[str]) -> None:
        self.root, self.paths = root, paths

    def all_paths(self) -> list[str]:
        return list(self.paths)

    def read_text(self, path: str) -> str | None:
        try:
            return (self.root / path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None

    def grep(self, pattern: str, pathspecs: Iterable[str] = ()) -> list[tuple[str, int, str]]:
        specs = list(pathspecs)
        git = shutil.which("git")
        if git is not None:
            done = subprocess.run([git, "grep", "--no-index", "-I", "-n", "-z", "-E", "-e", pattern, "--", *specs],
                                  cwd=self.root, capture_output=True, text=True, errors="replace", check=False)
            if done.returncode in (0, 1):
                rows = [row.split("\0", 2) for row in done.stdout.split("\n")]
                return [(row[0], int(row[1]), row[2]) for row in rows if len(row) == 3 and row[1].isdigit()]
        regex, rows = re.compile(pattern.replace("[[:space:]]", r"\s")), []
        for path in self.paths:
            if specs and not any(fnmatch.fnmatchcase(path, spec) for spec in specs):
                continue
            for number, text in enumerate((self.read_text(path) or "").split("\n"), start=1):
                if regex.search(text):
                    rows.append((path, number, text))
        return rows


def load(root: Path) -> tuple[list[SourceFile], list[str]]:
    files, paths = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            full = Path(dirpath, name)
            rel = full.relative_to(root).as_posix()
            paths.append(rel)
            language = language_of(rel)
            if language is None:
                continue
            try:
                data = full.read_bytes()
            except OSError:
                continue
            if b"\0" in data[:8000] or len(data) > 2_000_000:
                continue
            files.append(SourceFile(path=rel, text=data.decode("utf-8", errors="replace"),
                                    is_test=matches_any(rel, TEST_GLOBS), language=language))
    return files, paths


def context(source: SourceFile, line: int, before: int) -> str:
    lo = max(1, line - before)
    return "\n".join(f"    {n:>6} | {source.line(n)[:140]}" for n in range(lo, line + 2))


def time_diff_scan(root: Path, files: list[SourceFile], paths: list[str], count: int, seed: int) -> None:
    """Time a diff-scope scan of `count` files with 40 changed lines around one raise each (cold class index)."""
    rng = random.Random(seed)
    pool = [f for f in files if "raise NotImplementedError" in f.text]
    picked = []
    for f in rng.sample(pool, min(count, len(pool))):
        line = next(n for n, text in enumerate(f.lines, start=1) if "raise NotImplementedError" in text)
        picked.append(SourceFile(f.path, f.text, frozenset(range(max(1, line - 20), line + 20)), f.is_test, f.language))
    started = time.perf_counter()
    ctx = ScanContext(files=picked, repo=DirectoryRepository(root, paths), scope="diff")
    found = list(SCANNER.scan(ctx))
    index = "built" if "todo-throw:class-index" in ctx.cache else "not needed"
    print(f"   diff scan of {len(picked)} files: {time.perf_counter() - started:.3f}s, {len(found)} raw findings, "
          f"class index {index}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="+", type=Path)
    parser.add_argument("--sample", type=int, default=10, help="findings to show per root and severity")
    parser.add_argument("--severity", choices=("error", "info", "all"), default="all")
    parser.add_argument("--rule", default="", help="only show samples of rule ids containing this text")
    parser.add_argument("--context", type=int, default=4, help="lines shown above each sampled finding")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--diff", type=int, default=0, metavar="N",
                        help="also time a pull-request-sized scan: N files, 40 changed lines around a raise in each")
    args = parser.parse_args(argv)
    for root in args.roots:
        started = time.perf_counter()
        files, paths = load(root)
        loaded = time.perf_counter()
        ctx = ScanContext(files=files, repo=DirectoryRepository(root, paths), scope="all")
        raw: list[RawFinding] = list(SCANNER.scan(ctx))
        scanned = time.perf_counter()
        size = sum(len(f.text) for f in files) / 1e6
        print(f"== {root}: {len(files)} source files, {size:.1f} MB; read {loaded - started:.2f}s, "
              f"scan {scanned - loaded:.2f}s ({size / max(scanned - loaded, 1e-9):.1f} MB/s)")
        counts = collections.Counter((f.rule, str(f.severity or SCANNER.rules[f.rule].severity)) for f in raw)
        totals: collections.Counter = collections.Counter()
        for (_rule, severity), n in counts.items():
            totals[severity] += n
        print("   totals: " + ", ".join(f"{sev} {totals[sev]}" for sev in ("error", "info")))
        for (rule, severity), n in sorted(counts.items()):
            print(f"   {n:>5}  {severity:<5}  {rule}")
        if args.diff:
            time_diff_scan(root, files, paths, args.diff, args.seed)
        by_path = {f.path: f for f in files}
        rng = random.Random(args.seed)
        for severity in ("error", "info"):
            if args.severity not in (severity, "all"):
                continue
            pool = [f for f in raw if str(f.severity or SCANNER.rules[f.rule].severity) == severity
                    and args.rule in f.rule]
            picked = sorted(rng.sample(pool, min(args.sample, len(pool))), key=lambda f: (f.path, f.line or 0))
            print(f"-- sample of {len(picked)}/{len(pool)} {severity} findings")
            for f in picked:
                print(f"  {f.path}:{f.line} [{f.rule}] {f.message}")
                print(context(by_path[f.path], f.line or 1, args.context))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
