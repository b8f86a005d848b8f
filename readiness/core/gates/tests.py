"""tests: `python -m pytest -m "not slow"` in the project's interpreter, counted from pytest's JUnit XML report.

Code-executing (pytest imports conftest.py and the test modules): runs only in a trusted repository. When the
coverage gate runs too, the same test run happens under `coverage run` and the coverage gate reads its data.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.core.gates.base import GateContext, GateSpec, plural, run_configured_command
from readiness.core.models import GateResult, GateStatus

if TYPE_CHECKING:
    from readiness.core.gates import runner

DEFAULT_ARGS = ("-m", "not slow")
_MISSING_MODULE = re.compile(r"No module named '?([\w.]+)'?")
_PYTEST_EXIT: dict[int | None, str] = {2: "interrupted", 3: "internal error", 4: "usage error", 5: "no tests collected"}


@dataclass
class JUnitCounts:
    tests: int = 0
    failures: int = 0
    errors: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)  # failing tests, then erroring ones (their test ids)
    reasons: dict[str, str] = field(default_factory=dict)  # test id → "failed: <first line of the message>"

    @property
    def passed(self) -> int:
        return max(self.tests - self.failures - self.errors - self.skipped, 0)

    def describe(self) -> str:
        parts = [f"{self.passed} passed"]
        if self.failures:
            parts.insert(0, f"{self.failures} failed")
        if self.errors:
            parts.insert(0, plural(self.errors, "error"))
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        return ", ".join(parts)


def parse_junit(text: str) -> JUnitCounts:
    """Counts from a JUnit XML report (`<testsuites>` or a single `<testsuite>`); raises ValueError if malformed."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise ValueError(f"not a JUnit XML report: {exc}") from None
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    if root.tag not in ("testsuite", "testsuites"):
        raise ValueError(f"not a JUnit XML report: root element <{root.tag}>")
    counts = JUnitCounts()
    for suite in suites:
        counts.tests += int(suite.get("tests", 0))
        counts.failures += int(suite.get("failures", 0))
        counts.errors += int(suite.get("errors", 0))
        counts.skipped += int(suite.get("skipped", 0))
        errored: list[str] = []
        for case in suite.iter("testcase"):
            problem = case.find("failure")
            kind = "failed"
            if problem is None:
                problem, kind = case.find("error"), "error"
            if problem is None:
                continue
            classname, name = case.get("classname", ""), case.get("name", "?")
            test_id = f"{classname}::{name}" if classname else name
            (counts.failed if kind == "failed" else errored).append(test_id)
            message = (problem.get("message") or problem.text or "").strip().splitlines()
            counts.reasons[test_id] = f"{kind}: {message[0][:200] if message else ''}".rstrip(": ")
        counts.failed.extend(errored)
    return counts


def pytest_args(ctx: GateContext) -> tuple[str, ...]:
    return ctx.settings.args if ctx.settings.args is not None else DEFAULT_ARGS


def missing_module(output: str, module: str) -> bool:
    return f"No module named {module}" in output or f"No module named '{module}'" in output


def run(ctx: GateContext) -> GateResult:
    if ctx.settings.command:
        return run_configured_command(ctx)
    junit = ctx.shared.tmp / "junit.xml"
    pytest = ["-m", "pytest", *pytest_args(ctx), "-q", f"--junitxml={junit}"]
    env = None
    under_coverage = False
    if ctx.shared.coverage_wanted:
        probe = ctx.run([ctx.python, "-c", "import coverage"], record=False)
        under_coverage = probe.exit_code == 0
    if under_coverage:
        data = ctx.shared.tmp / "coverage" / ".coverage"
        data.parent.mkdir(exist_ok=True)
        env = {"COVERAGE_FILE": str(data)}
        outcome = ctx.run([ctx.python, "-m", "coverage", "run", "--branch", *pytest], env=env)
        ctx.shared.coverage_data = data
        ctx.shared.tests_stopped = stopped(ctx, outcome)
    else:
        outcome = ctx.run([ctx.python, *pytest])
    return judge(ctx, outcome, junit)


def stopped(ctx: GateContext, outcome: runner.Outcome) -> str | None:
    """Why a pytest run ran no tests, with how to fix it (None: the tests ran, passing or failing).

    pytest exits 0 (passed) or 1 (some failed) after running tests; 2 (interrupted, e.g. an import error while
    collecting), 3 (internal error), 4 (usage error) and 5 (nothing collected) mean the tests never ran, so
    coverage measured nothing: that is an error of the test run, never a coverage shortfall."""
    if outcome.exit_code in (0, 1) or outcome.exit_code is None:
        return None
    what = _PYTEST_EXIT.get(outcome.exit_code, "error")
    missing = _MISSING_MODULE.search(outcome.output)
    if missing is not None:
        fix = (f"the project's environment lacks `{missing.group(1)}`: `pip install` the project's test "
               f"dependencies into {ctx.python}, or set `python` in [tool.readiness]")
    elif outcome.exit_code == 5:
        fix = f"pytest collected no test: check the test paths and the selection {' '.join(pytest_args(ctx))!r}"
    else:
        fix = f"{outcome.last_line() or 'no output'}: run `{ctx.python} -m pytest` to see why"
    return f"the tests never ran (pytest exit {outcome.exit_code}, {what}): {fix}"


def judge(ctx: GateContext, outcome: runner.Outcome, junit: Path) -> GateResult:
    failed = ctx.failed_to_run(outcome, hint=f"set `python` in [tool.readiness] (now {ctx.python})")
    if failed is not None:
        return failed
    if outcome.exit_code != 0 and not junit.exists():
        for module in ("pytest", "coverage"):
            if missing_module(outcome.output, module):
                return ctx.result(GateStatus.ERROR, f"{module} is not installed in {ctx.python}: run `{ctx.python} "
                                  f"-m pip install {module}`, or set `python` in [tool.readiness]",
                                  exit_code=outcome.exit_code)
        return ctx.result(GateStatus.ERROR, f"pytest exited {outcome.exit_code} "
                          f"({_PYTEST_EXIT.get(outcome.exit_code, 'error')}) without a report: "
                          f"{outcome.last_line() or 'no output'}", exit_code=outcome.exit_code)
    try:
        counts = parse_junit(junit.read_text(encoding="utf-8", errors="replace"))
    except (OSError, ValueError) as exc:
        return ctx.result(GateStatus.ERROR, f"pytest exited {outcome.exit_code}; {exc}", exit_code=outcome.exit_code)
    details = [f"{counts.reasons[name].split(':', 1)[0]}: {name}"
               + (f" — {counts.reasons[name].split(': ', 1)[1]}" if ": " in counts.reasons[name] else "")
               for name in counts.failed]
    if outcome.exit_code == 0:
        return ctx.result(GateStatus.PASS, counts.describe(), details, exit_code=0)
    if outcome.exit_code == 5:
        return ctx.result(GateStatus.FAIL, "no tests ran: pytest collected nothing (check the test paths and the "
                          f"marker selection {' '.join(pytest_args(ctx))!r})", details, exit_code=5)
    if outcome.exit_code in (1, 2):
        summary = counts.describe()
        if outcome.exit_code == 2:
            summary = f"interrupted: {summary} ({outcome.last_line()})"
        if counts.failed:
            summary += f": {', '.join(counts.failed[:3])}{' …' if len(counts.failed) > 3 else ''}"
        return ctx.result(GateStatus.FAIL, summary, details, exit_code=outcome.exit_code)
    return ctx.result(GateStatus.ERROR, f"pytest exited {outcome.exit_code} "
                      f"({_PYTEST_EXIT.get(outcome.exit_code, 'error')}): {outcome.last_line()}", details,
                      exit_code=outcome.exit_code)


GATE = GateSpec(
    id="tests", title="Tests", executes_code=True, timeout=900, threshold=None, run=run,
    command_doc='<project python> -m pytest -m "not slow" -q --junitxml=<tmp>',
)
