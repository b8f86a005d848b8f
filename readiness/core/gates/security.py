"""security: `bandit -f json` on the Python files in scope, plus readiness's own secret findings.

Fails on any bandit issue at or above the threshold severity (default HIGH) on a changed line, and on any unwaived
hard-coded or printed secret at error severity. Static: bandit parses the code, it never imports it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from readiness.core.gates.base import GateContext, GateSpec, plural, run_configured_command
from readiness.core.gates.install import missing_tool
from readiness.core.gates.settings import SEVERITIES
from readiness.core.models import GateResult, GateStatus, Severity

SECRET_CATEGORIES = ("hardcoded-secret", "printed-secret")


@dataclass(frozen=True, slots=True)
class BanditIssue:
    path: str
    line: int
    lines: tuple[int, ...]
    severity: str  # low, medium, high
    confidence: str
    test_id: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity.upper()} {self.test_id} {self.text}"


def parse_bandit(text: str) -> tuple[list[BanditIssue], list[str]]:
    """(issues, files bandit could not parse) from `bandit -f json`; raises ValueError on anything else."""
    data = json.loads(text)
    if not isinstance(data, dict) or "results" not in data:
        raise ValueError("not a bandit JSON report")
    issues = []
    for entry in data["results"]:
        path = os.path.normpath(entry.get("filename", "?")).replace(os.sep, "/")
        line = int(entry.get("line_number") or 0)
        issues.append(BanditIssue(path, line, tuple(entry.get("line_range") or (line,)),
                                  str(entry.get("issue_severity", "undefined")).lower(),
                                  str(entry.get("issue_confidence", "undefined")).lower(),
                                  str(entry.get("test_id", "?")), " ".join(str(entry.get("issue_text", "")).split())))
    errors = [f"{os.path.normpath(e.get('filename', '?'))}: {e.get('reason', 'error')}" for e in data.get("errors", ())]
    return issues, errors


def _bandit_config(ctx: GateContext) -> list[str]:
    """bandit reads pyproject.toml only when told: pass it when it has a [tool.bandit] table."""
    pyproject = ctx.root / "pyproject.toml"
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace") if pyproject.is_file() else ""
    except OSError:
        return []
    return ["-c", "pyproject.toml"] if "[tool.bandit" in text else []


def run(ctx: GateContext) -> GateResult:
    if ctx.settings.command:
        return run_configured_command(ctx)
    # deferred: the scanner registry costs ~40 ms at import; the gates package is loaded by every scan (tree state)
    from readiness.core.scan.scanners import all_rules

    secret_scan = any(rule.category in SECRET_CATEGORIES for rule in all_rules().values())
    secrets = [f for f in ctx.findings
               if f.category in SECRET_CATEGORIES and not f.waived and f.severity == Severity.ERROR]
    floor = str(ctx.threshold or "high")
    targets = ctx.paths((".py",))
    blocking: list[BanditIssue] = []
    other: list[BanditIssue] = []
    notes: list[str] = []
    exit_code: int | None = 0
    if targets:
        bandit = ctx.tool("bandit")
        if bandit is None:
            return ctx.result(GateStatus.ERROR, f"{missing_tool('bandit')}; {plural(len(secrets), 'secret finding')}")
        report = ctx.shared.tmp / "bandit.json"
        ran = ctx.run_for_report("bandit", [bandit, "-f", "json", "-o", str(report), "-q", *_bandit_config(ctx),
                                            *(ctx.settings.args or ()), *targets], report, parse_bandit)
        if isinstance(ran, GateResult):
            return ran
        (issues, errors), outcome = ran
        exit_code = outcome.exit_code
        rank = SEVERITIES.index(floor)
        for issue in issues:
            if ctx.scope != "all" and not ctx.in_scope(issue.path, issue.lines):
                continue
            severe = issue.severity in SEVERITIES and SEVERITIES.index(issue.severity) >= rank
            (blocking if severe else other).append(issue)
        if errors:
            notes.append(f"bandit could not parse {plural(len(errors), 'file')}")
    else:
        notes.append("no Python files in scope for bandit")
    label = floor.upper() if floor == "high" else f"{floor.upper()}+"
    summary = f"{len(blocking)} {label}"
    if other:
        counts = {s: sum(1 for i in other if i.severity == s) for s in ("high", "medium", "low")}
        summary += " (also " + ", ".join(f"{n} {s}" for s, n in counts.items() if n) + ")"
    summary += f"; {plural(len(secrets), 'secret')}" if secret_scan else "; secret scanners not available"
    if notes:
        summary += f"; {'; '.join(notes)}"
    if blocking:
        summary += f": {blocking[0]}"
    elif secrets:
        summary += f": {secrets[0].path}:{secrets[0].line} {secrets[0].message}"
    details = [str(i) for i in blocking] + [f"{f.path}:{f.line}: {f.rule} {f.message}" for f in secrets]
    details += [f"{i} (below threshold)" for i in other]
    if blocking or secrets:
        status = GateStatus.FAIL
    elif not secret_scan:
        status = GateStatus.ERROR
    else:
        status = GateStatus.PASS
    return ctx.result(status, summary, details, exit_code=exit_code)


GATE = GateSpec(
    id="security", title="Security", executes_code=False, timeout=300, threshold="high", run=run,
    command_doc="bandit -f json <changed .py files>, plus readiness's secret findings",
)
