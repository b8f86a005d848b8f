"""The speed benchmark of issue 14: readiness against ruff, detect-secrets and the `git grep` floor, in one run.

Usage:
    python benchmarks/speed.py [--runs 5] [--sdist NAME==VERSION ...] [--corpus GIT_DIR ...] [--work DIR]
                               [--detect-secrets PATH] [--out benchmarks/results/DATE.json]

Corpora: each `--sdist` is fetched with `pip download --no-deps --no-binary :all:`, unpacked with
`tar --no-same-owner`, `git init` + one commit; each `--corpus` is an existing git repository, copied first (never
touched). Default: the sdists of requests 2.34.2, django 5.2.19 and sympy 1.14.0.

For each corpus a scripted feature branch appends a function to 10 Python files (the diff case); both trees get their
index refreshed as a developer's `git status` would (`settle`: a copy or a fresh clone re-reads its files on every
git status until then). Then, in
alternating runs (one invocation of each tool per round, --runs rounds), wall clock and peak RSS of:

- `readiness check --all --no-cache` (cold: every scanner, every file), and `readiness check --all` after it
  (warm: nothing changed, answered from the scan cache);
- `readiness check --no-cache` and `readiness check` on the 10-file branch (diff, cold and warm);
- `ruff check --no-cache --select T201,T203,FIX,TD` (the nearest ruff rules) and the same with ruff's cache;
- `detect-secrets scan --all-files` when installed, once per corpus (minutes on sympy; the secrets speed target
  compares the secret scanners to it, see benchmarks/secrets_vs_peers.py);
- `git grep -E` of the TODO-throw patterns: the I/O floor of reading every file once.

It prints the medians and the ratios against the targets and writes everything to benchmarks/results/<date>.json.
Nothing in the test suite asserts a time.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_SDISTS = ("requests==2.34.2", "django==5.2.19", "sympy==1.14.0")
RUFF_SELECT = ("--select", "T201,T203,FIX,TD")
TODO_FLOOR = r"raise +NotImplementedError|TODO|FIXME|todo!\(|unimplemented!\(|throw new .*not implemented"
ONCE = ("detect_secrets",)  # measured once per corpus, after the alternating rounds
TARGETS = {  # (case, against, ratio or seconds)
    "warm_vs_ruff_cached": 1.2, "cold_vs_ruff_cold": 2.0, "diff_seconds": 0.5, "all_rss_mb": 100.0}


def run_once(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one invocation: os.wait4 gives this child's own rusage."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024.0, proc.returncode


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false",
                    *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def from_sdist(spec: str, work: Path) -> Path:
    """Download and unpack an sdist, then make it a git repository with one commit."""
    downloads = work / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q", "-d",
                    str(downloads), spec], check=True)
    name = spec.split("==")[0].lower().replace("-", "_")
    archive = next(p for p in sorted(downloads.iterdir()) if p.name.lower().replace("-", "_").startswith(name))
    target = work / archive.name.removesuffix(".tar.gz").removesuffix(".zip")
    if not target.exists():
        subprocess.run(["tar", "--no-same-owner", "-xzf", str(archive), "-C", str(work)], check=True)
        git(target, "init", "-q", "-b", "master")
        git(target, "add", "-A")
        git(target, "commit", "-qm", "import")
    return target


def from_corpus(source: Path, work: Path) -> Path:
    target = work / source.name
    if not target.exists():
        shutil.copytree(source, target, symlinks=True)
    return target


def settle(tree: Path) -> None:
    """Refresh git's index, as the developer's next `git status` does. A copied tree's stat data all differ from
    its index, and a fresh clone's files are mostly "racily clean" (written in the second the index was): git then
    reads every such file again on each `status` and `diff` until the index is written again, and readiness never
    writes it (GIT_OPTIONAL_LOCKS=0). Measured on django's clone: 0.58 s a warm diff run before, 0.33 s after."""
    subprocess.run(["git", "update-index", "-q", "--refresh"], cwd=tree, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def feature_branch(repo: Path, work: Path) -> Path:
    """A clone with a branch that appends a function to 10 Python files (spread over the tree), committed."""
    clone = work / f"{repo.name}-feature"
    if clone.exists():
        return clone
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    git(clone, "checkout", "-q", "-b", "feature/bench")
    listed = subprocess.run(["git", "ls-files", "*.py"], cwd=clone, capture_output=True, text=True, check=True)
    py = [p for p in listed.stdout.splitlines() if "/tests/" not in f"/{p}" and not p.endswith("__init__.py")]
    step = max(1, len(py) // 10)
    for index, path in enumerate(py[::step][:10]):
        with (clone / path).open("a", encoding="utf-8") as handle:
            handle.write(f"\n\ndef added_by_benchmark_{index}(value):\n    return value\n")
    git(clone, "commit", "-qam", "a pull-request-sized change")
    return clone


def cases(repo: Path, feature: Path, ruff: str | None, detect: str | None) -> dict[str, tuple[list[str], Path]]:
    readiness = [sys.executable, "-m", "readiness", "check", "--format", "json", "--gates", "none"]
    out: dict[str, tuple[list[str], Path]] = {
        "readiness_all_cold": ([*readiness, "--all", "--no-cache"], repo),
        "readiness_all_warm": ([*readiness, "--all"], repo),
        "readiness_diff_cold": ([*readiness, "--no-cache"], feature),
        "readiness_diff_warm": ([*readiness], feature),
        "git_grep_floor": (["git", "grep", "-c", "-I", "-E", TODO_FLOOR], repo),
    }
    if ruff:
        out["ruff_cold"] = ([ruff, "check", "--no-cache", "--exit-zero", *RUFF_SELECT, "."], repo)
        out["ruff_cached"] = ([ruff, "check", "--exit-zero", *RUFF_SELECT, "."], repo)
    if detect:
        out["detect_secrets"] = ([detect, "scan", "--all-files"], repo)
    return out


def measure(name: str, repo: Path, feature: Path, runs: int, ruff: str | None, detect: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as users run it
    env["NO_COLOR"] = "1"
    todo = cases(repo, feature, ruff, detect)
    once = {case: todo.pop(case) for case in ONCE if case in todo}
    for argv, cwd in todo.values():  # warm-up: byte-code compiled, caches filled, files in the page cache
        run_once(argv, cwd, env)
    samples: dict[str, list[tuple[float, float]]] = {case: [] for case in [*todo, *once]}
    for _ in range(runs):  # alternating: one of each per round, so load changes hit every tool alike
        for case, (argv, cwd) in todo.items():
            seconds, rss, _ = run_once(argv, cwd, env)
            samples[case].append((seconds, rss))
    for case, (argv, cwd) in once.items():  # minutes on a large tree: one run (its samples say so)
        seconds, rss, _ = run_once(argv, cwd, env)
        samples[case].append((seconds, rss))
    listed = subprocess.run(["git", "ls-files", "*.py"], cwd=repo, capture_output=True, text=True, check=True)
    medians = {case: {"seconds": statistics.median(s for s, _ in values),
                      "rss_mb": statistics.median(r for _, r in values),
                      "samples": [round(s, 4) for s, _ in values]} for case, values in samples.items()}
    return {"corpus": name, "python_files": len(listed.stdout.splitlines()), "runs": runs, "cases": medians}


def ratios(result: dict) -> dict[str, float]:
    cases_ = result["cases"]
    out: dict[str, float] = {}
    if "ruff_cached" in cases_:
        out["warm_vs_ruff_cached"] = cases_["readiness_all_warm"]["seconds"] / cases_["ruff_cached"]["seconds"]
    if "ruff_cold" in cases_:
        out["cold_vs_ruff_cold"] = cases_["readiness_all_cold"]["seconds"] / cases_["ruff_cold"]["seconds"]
    out["diff_seconds"] = max(cases_["readiness_diff_cold"]["seconds"], cases_["readiness_diff_warm"]["seconds"])
    out["all_rss_mb"] = cases_["readiness_all_cold"]["rss_mb"]
    return out


def table(results: list[dict]) -> str:
    names = sorted({case for r in results for case in r["cases"]})
    lines = ["| case | " + " | ".join(f"{r['corpus']} ({r['python_files']} .py)" for r in results) + " |",
             "| --- |" + " --- |" * len(results)]
    for case in names:
        cells = [f"{r['cases'][case]['seconds']:.2f} s, {r['cases'][case]['rss_mb']:.0f} MB" if case in r["cases"]
                 else "–" for r in results]
        lines.append(f"| {case} | " + " | ".join(cells) + " |")
    for key, target in TARGETS.items():
        cells = []
        for r in results:
            value = r["ratios"].get(key)
            ok = value is not None and value <= target
            cells.append("–" if value is None else f"{value:.2f} {'✓' if ok else '✗'}")
        unit = "x" if "vs" in key else (" s" if key.endswith("seconds") else " MB")
        lines.append(f"| {key} (target ≤ {target}{unit}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sdist", action="append", default=[], metavar="NAME==VERSION")
    parser.add_argument("--corpus", action="append", default=[], type=Path, metavar="GIT_DIR")
    parser.add_argument("--work", type=Path, default=None, help="where corpora are built (default: a temp dir)")
    parser.add_argument("--detect-secrets", default=shutil.which("detect-secrets"))
    parser.add_argument("--detect-secrets-max-files", type=int, default=2500,
                        help="skip detect-secrets on larger trees (it takes minutes there; default 2500 files)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    work = args.work or Path(tempfile.mkdtemp(prefix="readiness-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    repos = [from_corpus(c.resolve(), work) for c in args.corpus]
    repos += [from_sdist(s, work) for s in (args.sdist or ([] if args.corpus else DEFAULT_SDISTS))]
    results = []
    date = datetime.date.today().isoformat()
    out = args.out or Path(__file__).parent / "results" / f"{date}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    for repo in repos:
        feature = feature_branch(repo, work)
        for tree in (repo, feature):
            settle(tree)
        files = len(subprocess.run(["git", "ls-files"], cwd=repo, capture_output=True, text=True).stdout.splitlines())
        detect = args.detect_secrets if files <= args.detect_secrets_max_files else None
        print(f"measuring {repo.name} ({args.runs} alternating runs)...", file=sys.stderr)
        result = measure(repo.name, repo, feature, args.runs, ruff, detect)
        result["ratios"] = ratios(result)
        results.append(result)
        report = {"date": date, "load_average": os.getloadavg(), "machine": {"cpus": os.cpu_count(),
                  "python": platform.python_version(), "platform": platform.platform()},
                  "targets": TARGETS, "results": results, "table": table(results)}
        out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")  # after each corpus
    print(table(results))
    print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
