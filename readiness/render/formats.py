"""Renderers of one Report: text (rich on a terminal), json, markdown and sarif. Rich is used here and in tui/ only.

Every renderer is `render(report, stream) -> None`, registered in RENDERERS. Repository data never goes
through rich markup (a file named `[bold].py` must print as it is): only `Text` objects are built.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import TextIO
from urllib.parse import quote

from readiness.core.models import Finding, Report, Severity
from readiness.render.github import render_github
from readiness.render.gitlab import render_gitlab
from readiness.render.lines import Line, files_count, write_lines
from readiness.render.markdown import render_markdown

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
SEVERITY_ICON = {Severity.ERROR: "✘", Severity.WARNING: "!", Severity.INFO: "i"}
STATUS_ICON = {"pass": "✔", "fail": "✘", "warn": "!", "manual": "○", "skip": "–", "error": "✘", "timeout": "✘"}
STATUS_STYLE = {"pass": "green", "fail": "bold red", "warn": "yellow", "manual": "blue", "skip": "dim",
                "error": "bold red", "timeout": "bold red"}


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Repository text made safe for a terminal: control characters (escape sequences) shown as \\xNN."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def render_json(report: Report, stream: TextIO) -> None:
    json.dump(report.to_dict(), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def summary_line(report: Report) -> str:
    """What was found where: `2 errors, 1 warning in 12 files (changes, fail on error)`."""
    active = [f for f in report.findings if not f.waived and not f.baselined]
    counts = Counter(f.severity for f in active)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != Severity.INFO else ''}"
             for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    waived = sum(f.waived for f in report.findings)
    if waived:
        parts.append(f"{waived} waived")
    baselined = sum(f.baselined for f in report.findings)
    if baselined:
        parts.append(f"{baselined} baselined")
    found = ", ".join(parts) if parts else "no findings"
    scope = {"all": "all files", "staged": "staged changes"}.get(report.repo.scope, "changes")
    return f"{found} in {files_count(report)} ({scope}, fail on {report.fail_on})"



def render_text(report: Report, stream: TextIO) -> None:
    """The report as text: styled through rich on a terminal, one plain write elsewhere (render/lines.py)."""
    lines: list[Line] = []
    repo = report.repo
    where = repo.branch or (f"detached {repo.head[:7]}" if repo.head else "no commits")
    header = Line("bold").add(f"readiness {report.tool_version}  ").add(safe(f"{repo.root}  {where}"))
    if repo.base:
        header.add(safe(f" → {repo.base}"))
        if repo.merge_base:
            header.add(f" (merge-base {repo.merge_base[:7]})")
    lines.append(header)
    for note in report.notes:
        lines.append(Line("dim").add(safe(f"note: {note}")))
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        if not finding.baselined:  # only what is new; the summary line counts the baselined ones
            grouped[finding.path].append(finding)
    for path, findings in grouped.items():
        lines += [Line(), Line("bold underline").add(safe(path))]
        for f in findings:
            line = Line().add("  ").add(f"{SEVERITY_ICON[f.severity]} ", SEVERITY_STYLE[f.severity])
            if f.line is not None:
                line.add(f"{f.line}: ", "dim")
            line.add(f"{safe(f.message)} ").add(f"[{f.rule}]", "dim")
            if f.waived:
                line.add(f"  waived: {safe(f.waiver_reason or 'no reason given')}", "dim italic")
            lines.append(line)
            if f.snippet and f.line is not None:
                lines.append(Line("dim").add(f"      {safe(f.snippet.strip())}"))
    for checklist in report.checklists:
        lines += [Line(), Line("bold").add(safe(checklist.title))]
        for item in checklist.items:
            status = str(item.status)
            line = Line().add("  ").add(f"{STATUS_ICON[status]} ", STATUS_STYLE[status]).add(safe(item.title))
            if item.detail:
                line.add(f"  {safe(item.detail)}", "dim")
            lines.append(line)
    if report.gates:
        lines += [Line(), Line("bold").add("Gates")]
        for gate in report.gates:
            status = str(gate.status)
            lines.append(Line().add("  ").add(f"{STATUS_ICON[status]} {safe(gate.id):<12}", STATUS_STYLE[status])
                         .add(f"{gate.duration_s:6.1f}s  {safe(gate.summary)}"))
    lines += [Line(), Line("dim").add(summary_line(report))]
    lines += [Line("red").add(f"  {safe(reason)}") for reason in report.verdict.reasons]
    lines.append(Line("bold green" if report.ready else "bold red").add(report.verdict.sentence()))
    write_lines(lines, stream)


SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(report: Report, stream: TextIO) -> None:
    """SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE viewers). Snippets are already masked."""
    # deferred: the scanners cost ~0.16 s at import; only SARIF needs their rule table
    from readiness.core.scan.engine import EXTRA_RULES
    from readiness.core.scan.scanners import all_rules

    known = {**all_rules(), **EXTRA_RULES}
    used = sorted({f.rule for f in report.findings})
    index = {rule_id: i for i, rule_id in enumerate(used)}
    rules = []
    for rule_id in used:
        rule = known.get(rule_id)
        entry: dict = {"id": rule_id}
        if rule is not None:
            entry.update(
                name=rule.title,
                shortDescription={"text": rule.title},
                fullDescription={"text": rule.what},
                help={"text": f"Why: {rule.why}\nFix: {rule.fix}"},
                defaultConfiguration={"level": SARIF_LEVEL[rule.severity]},
                properties={"category": rule.category},
            )
        rules.append(entry)
    results = []
    for f in report.findings:
        location: dict = {"artifactLocation": {"uri": quote(f.path), "uriBaseId": "SRCROOT"}}
        if f.line is not None:
            location["region"] = {"startLine": f.line, **({"snippet": {"text": f.snippet}} if f.snippet else {})}
        result: dict = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {"readiness/v1": f.id},
        }
        if f.waived:
            result["suppressions"] = [{"kind": "inSource", "justification": f.waiver_reason or ""}]
        elif f.baselined:
            result["suppressions"] = [{"kind": "external", "justification": "in .readiness-baseline.json"}]
        results.append(result)
    root = report.repo.root.rstrip("/") + "/"
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "readiness", "version": report.tool_version, "rules": rules}},
            "originalUriBaseIds": {"SRCROOT": {"uri": "file://" + quote(root)}},
            "results": results,
            "properties": {"ready": report.ready, "scope": report.repo.scope, "notes": list(report.notes)},
        }],
    }
    json.dump(sarif, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


RENDERERS: dict[str, Callable[[Report, TextIO], None]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "sarif": render_sarif,
    "github": render_github,
    "gitlab": render_gitlab,
}
