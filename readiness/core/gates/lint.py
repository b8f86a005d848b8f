"""lint: `ruff check --output-format json` (the project's own ruff configuration applies).

In a diff run only the Python files in scope are linted, and only errors on changed lines count against the
threshold; errors elsewhere in those files are mentioned. Ruff diagnostics with severity "warning" are allowed.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass

from readiness.core.gates.base import GateContext, GateSpec, plural, run_configured_command
from readiness.core.gates.install import missing_tool
from readiness.core.models import GateResult, GateStatus


@dataclass(frozen=True, slots=True)
class LintError:
    path: str
    line: int
    end_line: int
    column: int
    code: str
    message: str
    severity: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"


def parse_ruff(text: str, root: str) -> list[LintError]:
    """Diagnostics from `ruff check --output-format json`; raises ValueError when the report is not that."""
    entries = json.loads(text)
    if not isinstance(entries, list):
        raise ValueError("ruff report is not a list")
    found = []
    for entry in entries:
        filename = entry.get("filename") or ""
        path = os.path.relpath(filename, root) if os.path.isabs(filename) else filename
        start = entry.get("location") or {}
        end = entry.get("end_location") or start
        found.append(LintError(path.replace(os.sep, "/"), int(start.get("row") or 1), int(end.get("row") or 1),
                               int(start.get("column") or 1), str(entry.get("code") or entry.get("name") or "?"),
                               " ".join(str(entry.get("message", "")).split()),
                               str(entry.get("severity") or "error")))
    return found


def run(ctx: GateContext) -> GateResult:
    if ctx.settings.command:
        return run_configured_command(ctx)
    ruff = ctx.tool("ruff")
    if ruff is None:
        return ctx.result(GateStatus.ERROR, missing_tool("ruff"))
    if ctx.scope == "all":
        targets = ["."]
    else:
        targets = ctx.paths((".py", ".pyi"))
        if not targets:
            return ctx.result(GateStatus.SKIP, "no Python files in scope")
    report = ctx.shared.tmp / "ruff.json"
    ran = ctx.run_for_report("ruff", [ruff, "check", "--no-cache", "--output-format", "json", "--output-file",
                                      str(report), "--force-exclude", *(ctx.settings.args or ()), "--", *targets],
                             report, lambda text: parse_ruff(text, str(ctx.root)))
    if isinstance(ran, GateResult):
        return ran
    found, outcome = ran
    if outcome.exit_code not in (0, 1):
        return ctx.result(GateStatus.ERROR, f"ruff exited {outcome.exit_code}: {outcome.last_line()}",
                          exit_code=outcome.exit_code)
    counted = [e for e in found if ctx.scope == "all" or ctx.in_scope(e.path, range(e.line, e.end_line + 1))]
    errors = [e for e in counted if e.severity != "warning"]
    warnings = len(counted) - len(errors)
    elsewhere = len(found) - len(counted)
    allowed = int(ctx.threshold or 0)
    where = "" if ctx.scope == "all" else " on changed lines"
    summary = f"{plural(len(errors), 'error')}{where}"
    if errors:
        codes = Counter(e.code for e in errors).most_common(4)
        summary += " (" + ", ".join(f"{code} ×{n}" if n > 1 else code for code, n in codes) + ")"
    if allowed:
        summary += f", {allowed} allowed"
    if warnings:
        summary += f"; {plural(warnings, 'warning')} allowed"
    if elsewhere:
        summary += f"; {elsewhere} more elsewhere in the changed files"
    details = [str(e) for e in errors] + [f"{e} (warning)" for e in counted if e.severity == "warning"]
    status = GateStatus.FAIL if len(errors) > allowed else GateStatus.PASS
    return ctx.result(status, summary, details, exit_code=outcome.exit_code)


GATE = GateSpec(
    id="lint", title="Lint", executes_code=False, timeout=300, threshold=0, run=run,
    command_doc="ruff check --no-cache --output-format json <changed .py files> (or . with --all)",
)
