"""coverage: the share of changed executable lines that the tests execute (coverage.py), threshold 75%.

The test run is the tests gate's when both run (it happens under `coverage run`), otherwise this gate runs
`coverage run -m pytest` itself. A helper then asks coverage.py, in the project's interpreter, for the executable
and missed lines of every changed Python source file (test files excluded, the project's coverage configuration
honoured: `omit`, `exclude_lines` pragmas). Files no test imported, new untracked files among them, count with all
their executable lines missed. The result is that report intersected with the changed line ranges.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from readiness.core.gates.base import GateContext, GateSpec, format_ranges, plural, run_configured_command
from readiness.core.gates.tests import missing_module, pytest_args, stopped
from readiness.core.models import GateResult, GateStatus
from readiness.core.paths import matcher
from readiness.core.scan.base import matches_any

# Runs in the project's interpreter: the repository's directory is removed from sys.path first, so a module of the
# project named like the standard library or coverage cannot take their place.
ANALYSE = """\
import os, sys
sys.path[:] = [p for p in sys.path if p and os.path.abspath(p) != os.getcwd()]
import glob, json
import coverage
data_file, targets_file, out_file = sys.argv[1:4]
cov = coverage.Coverage(data_file=data_file)
cov.load()
if glob.glob(glob.escape(data_file) + ".*"):  # parallel data: subprocesses measured, or parallel = true
    cov.combine(data_paths=[os.path.dirname(data_file)], keep=True)
omit = list(cov.config.run_omit or [])
report = {"files": {}, "omit": omit, "errors": {}}  # omit: matched by readiness (readiness.core.paths)
with open(targets_file, encoding="utf-8") as handle:
    targets = json.load(handle)
for rel in targets:
    path = os.path.abspath(rel)
    try:
        _, statements, _, missing, _ = cov.analysis2(path)
    except Exception as exc:
        report["errors"][rel] = type(exc).__name__ + ": " + str(exc)
        continue
    report["files"][rel] = {"executable_lines": sorted(statements), "missing_lines": sorted(missing)}
with open(out_file, "w", encoding="utf-8") as handle:
    json.dump(report, handle)
"""


@dataclass(frozen=True, slots=True)
class FileCoverage:
    executable: frozenset[int]
    missing: frozenset[int]


def omit_patterns(omit: list[str], root: Path | None = None) -> list[str]:
    """coverage's `omit` globs as path patterns (readiness.core.paths) relative to the repository root.

    coverage matches them against absolute paths, so a leading `*/` means "at any depth" (`**/`), and an absolute
    pattern under the root is made relative (one elsewhere cannot match a repository file and is dropped).
    """
    patterns = []
    for raw in omit:
        pattern = raw.replace("\\", "/")
        if os.path.isabs(pattern):
            if root is None or not pattern.startswith(root.as_posix().rstrip("/") + "/"):
                continue
            pattern = "/" + pattern[len(root.as_posix().rstrip("/")) + 1:]
        elif pattern.startswith("*/"):
            pattern = "**/" + pattern[2:]
        patterns.append(pattern)
    return patterns


def parse_report(text: str, root: Path | None = None) -> tuple[dict[str, FileCoverage], list[str], dict[str, str]]:
    """(files, omitted, errors) from the helper's report, or from `coverage json` (executed + missing lines).

    The helper reports coverage's `omit` patterns: the files they match are taken out here, with the path
    patterns' semantics (README, "Path patterns")."""
    data = json.loads(text)
    files = {}
    for path, entry in data.get("files", {}).items():
        missing = frozenset(entry.get("missing_lines", ()))
        if "executable_lines" in entry:
            executable = frozenset(entry["executable_lines"])
        else:
            executable = frozenset(entry.get("executed_lines", ())) | missing
        files[path.replace(os.sep, "/")] = FileCoverage(executable, missing)
    omitted = list(data.get("omitted", ()))
    omit = matcher(omit_patterns(list(data.get("omit", ())), root))
    for path in omit.select(sorted(files)):
        del files[path]
        omitted.append(path)
    return files, omitted, dict(data.get("errors", {}))


@dataclass(frozen=True, slots=True)
class ChangedCoverage:
    total: int
    covered: int
    uncovered: dict[str, tuple[int, ...]]

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.total if self.total else 100.0


def changed_coverage(files: dict[str, FileCoverage], changes: dict[str, frozenset[int] | None]) -> ChangedCoverage:
    """Executable changed lines and the covered ones; a file's `None` change set means every line changed."""
    total = covered = 0
    uncovered: dict[str, tuple[int, ...]] = {}
    for path, cov in sorted(files.items()):
        if path not in changes:
            continue
        changed = changes[path]
        relevant = cov.executable if changed is None else cov.executable & changed
        missed = relevant & cov.missing
        total += len(relevant)
        covered += len(relevant) - len(missed)
        if missed:
            uncovered[path] = tuple(sorted(missed))
    return ChangedCoverage(total, covered, uncovered)


def _data_present(data: Path | None) -> bool:
    return data is not None and (data.exists() or any(data.parent.glob(data.name + ".*")))


def run(ctx: GateContext) -> GateResult:
    if ctx.settings.command:
        return run_configured_command(ctx)
    test_globs = tuple(ctx.config.get("test_globs") or ())
    targets = [p for p in ctx.paths((".py",)) if not matches_any(p, test_globs)]
    if not targets:
        return ctx.result(GateStatus.SKIP, "no changed Python source files (test files are not counted)")
    if ctx.shared.tests_selected:
        ctx.shared.tests_done.wait(max(ctx.remaining(), 0))
    data = ctx.shared.coverage_data
    if _data_present(data) and ctx.shared.tests_stopped:
        return ctx.result(GateStatus.ERROR, f"no coverage to measure: {ctx.shared.tests_stopped}")
    if _data_present(data):
        ctx.commands.append("(test run of the tests gate, under coverage run)")
    else:
        data = ctx.shared.tmp / "coverage-own" / ".coverage"
        data.parent.mkdir(exist_ok=True)
        junit = ctx.shared.tmp / "coverage-junit.xml"
        outcome = ctx.run([ctx.python, "-m", "coverage", "run", "--branch", "-m", "pytest", *pytest_args(ctx), "-q",
                           f"--junitxml={junit}"], env={"COVERAGE_FILE": str(data)})
        failed = ctx.failed_to_run(outcome, hint=f"set `python` in [tool.readiness] (now {ctx.python})")
        if failed is not None:
            return failed
        for module in ("coverage", "pytest"):
            if outcome.exit_code != 0 and missing_module(outcome.output, module):
                return ctx.result(GateStatus.ERROR, f"{module} is not installed in {ctx.python}: run `{ctx.python} "
                                  f"-m pip install {module}`, or set `python` in [tool.readiness]",
                                  exit_code=outcome.exit_code)
        never_ran = stopped(ctx, outcome)
        if never_ran is not None:
            return ctx.result(GateStatus.ERROR, f"no coverage to measure: {never_ran}", exit_code=outcome.exit_code)
        if not _data_present(data):
            return ctx.result(GateStatus.ERROR, f"the test run produced no coverage data (exit "
                              f"{outcome.exit_code}): {outcome.last_line() or 'no output'}",
                              exit_code=outcome.exit_code)
    listing = ctx.shared.tmp / "coverage-targets.json"
    listing.write_text(json.dumps(targets), encoding="utf-8")
    report = ctx.shared.tmp / "coverage-changed.json"
    outcome = ctx.run([ctx.python, "-c", ANALYSE, str(data), str(listing), str(report)],
                      display=f"{ctx.python} -c <coverage analysis of {plural(len(targets), 'changed file')}>")
    failed = ctx.failed_to_run(outcome)
    if failed is not None:
        return failed
    try:
        files, omitted, errors = parse_report(report.read_text(encoding="utf-8"), ctx.root)
    except (OSError, ValueError, AttributeError, TypeError):
        return ctx.result(GateStatus.ERROR, f"coverage analysis failed (exit {outcome.exit_code}): "
                          f"{outcome.last_line() or 'no output'}", exit_code=outcome.exit_code)
    result = changed_coverage(files, ctx.changes)
    details = [f"{path}: {format_ranges(lines)} not covered" for path, lines in result.uncovered.items()]
    details += [f"{path}: omitted by the coverage configuration" for path in omitted]
    details += [f"{path}: not analysed ({error})" for path, error in errors.items()]
    threshold = float(ctx.threshold)
    if result.total == 0:
        return ctx.result(GateStatus.SKIP, "no changed executable lines to measure", details)
    summary = (f"{result.percent:.1f}% of changed lines covered ({result.covered}/{result.total}, "
               f"threshold {threshold:g}%)")
    if result.uncovered:
        first = next(iter(result.uncovered.items()))
        summary += f"; not covered: {first[0]} {format_ranges(first[1])}"
        if len(result.uncovered) > 1:
            summary += f" and {plural(len(result.uncovered) - 1, 'more file')}"
    status = GateStatus.PASS if result.percent >= threshold else GateStatus.FAIL
    return ctx.result(status, summary, details, exit_code=0)


GATE = GateSpec(
    id="coverage", title="Unit coverage", executes_code=True, timeout=900, threshold=75.0, run=run,
    command_doc='<project python> -m coverage run -m pytest -m "not slow", then coverage of the changed lines',
)
