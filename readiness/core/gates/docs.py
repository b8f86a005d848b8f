"""docs: the missing-docs findings of the scan (README absent or incomplete, undocumented commands and APIs).

Fails on any unwaived missing-docs finding at or above the threshold severity (default "warning"; set
`[tool.readiness.gates.docs] threshold = "error"` to fail only on a missing README); lower ones are counted.
"""

from __future__ import annotations

from collections import Counter

from readiness.core.gates.base import GateContext, GateSpec, plural, run_configured_command
from readiness.core.models import GateResult, GateStatus, Severity


def run(ctx: GateContext) -> GateResult:
    if ctx.settings.command:
        return run_configured_command(ctx)
    ctx.commands.append("readiness missing-docs findings")
    # deferred: the scanner registry costs ~40 ms at import; the gates package is loaded by every scan (tree state)
    from readiness.core.scan.scanners import all_rules

    if not any(rule.category == "missing-docs" for rule in all_rules().values()):
        return ctx.result(GateStatus.ERROR, "no missing-docs scanner is registered in this readiness installation")
    floor = Severity(str(ctx.threshold or "warning"))
    findings = [f for f in ctx.findings if f.category == "missing-docs" and not f.waived]
    blocking = [f for f in findings if f.severity.at_least(floor)]
    minor = len(findings) - len(blocking)
    waived = sum(1 for f in ctx.findings if f.category == "missing-docs" and f.waived)
    details = [f"{f.path}{f':{f.line}' if f.line else ''}: {f.severity} {f.rule}: {f.message}"
               for f in sorted(findings, key=lambda f: -f.severity.rank)]
    extra = "".join([f"; {minor} below {floor}" if minor else "", f"; {waived} waived" if waived else ""])
    if blocking:
        rules = Counter(f.rule.split("/", 1)[-1] for f in blocking).most_common(3)
        kinds = ", ".join(f"{rule} ×{n}" if n > 1 else rule for rule, n in rules)
        return ctx.result(GateStatus.FAIL, f"{plural(len(blocking), 'missing-docs finding')} at {floor} or above "
                          f"({kinds}): {blocking[0].path}: {blocking[0].message}{extra}", details)
    return ctx.result(GateStatus.PASS, f"no missing-docs findings at {floor} or above{extra}", details)


GATE = GateSpec(
    id="docs", title="Documentation", executes_code=False, timeout=60, threshold="warning", run=run,
    command_doc="readiness missing-docs findings",  # kept like any gate's result: every front end shows the last run
)
