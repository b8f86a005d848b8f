"""The markdown report: a pull-request description body (GitHub-flavoured Markdown).

Each checklist is a GitHub task list (`- [x]` only for items that pass; items that do not apply are plain
bullets, struck through, so they do not count as open tasks), then a findings summary table, the gate results and,
when given, the open blockers. Repository text (paths, messages, summaries) is escaped so it can never open HTML,
a comment that hides the rest of the description, a link or a table cell; the report's own `code` spans are kept.
Nothing in it depends on the clock or on the machine: the same repository state gives the same bytes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TextIO

from readiness.core.checklists.tally import awaits_you, waits_for_gates
from readiness.core.models import ChecklistResult, Finding, GateResult, ItemResult, Report, Severity, Status
from readiness.render.lines import files_count

ICON = {"pass": "✔", "fail": "✘", "warn": "⚠", "manual": "○", "skip": "–", "error": "✘", "timeout": "✘"}
LABEL = {"pass": "pass", "fail": "fail", "warn": "warning", "manual": "awaiting the author", "skip": "does not apply",
         "error": "error", "timeout": "timed out"}
GATE_NOT_RUN = "gate not run"
_SPECIAL = re.compile(r"([\\`*_\[\]<>~|!#&])")
_CODE = re.compile(r"`([^`\n]+)`")
_SPACE = re.compile(r"\s+")
_MAX_WHERE = 3


def _literal(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text))


def escape(text: str) -> str:
    """Repository text as literal Markdown: one line, every character that could format or open HTML escaped."""
    return _literal(text.strip())


def inline(text: str, *, table: bool = False) -> str:
    """Like `escape`, but balanced `code spans` stay code spans (their content cannot open HTML)."""
    text = text.strip()
    out: list[str] = []
    pos = 0
    for match in _CODE.finditer(text):
        out.append(_literal(text[pos:match.start()]))
        out.append(code(match.group(1), table=table))
        pos = match.end()
    out.append(_literal(text[pos:]))
    return "".join(out)


def code(text: str, *, table: bool = False) -> str:
    """A code span that holds any text: a fence longer than the longest run of backticks inside."""
    text = " ".join(text.split())
    if table:
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _headline(report: Report) -> list[str]:
    repo = report.repo
    where = code(repo.branch) if repo.branch else (f"detached {code(repo.head[:7])}" if repo.head else "no commits")
    line = f"{where} → {code(repo.base)}" if repo.base else where
    if repo.merge_base:
        line += f" · merge-base {code(repo.merge_base[:7])}"
    if repo.head and repo.branch:
        line += f" · head {code(repo.head[:7])}"
    files = files_count(report)
    line += f" · scope: {'all files' if repo.scope == 'all' else 'the changes'} ({files})"
    active = [f for f in report.findings if not f.waived and not f.baselined]
    severities = Counter(f.severity for f in active)
    parts = [f"{severities[s]} {s}{'s' if severities[s] != 1 and s != Severity.INFO else ''}"
             for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if severities[s]]
    summary = ", ".join(parts) if parts else "no findings"
    return [f"## Readiness: {escape(report.verdict.sentence())}", "", line, "",
            f"**{summary}** (fail on {report.fail_on})"]


def _item_line(item: ItemResult, gates: Mapping[str, GateResult]) -> str:
    status = str(item.status)
    if item.status == Status.SKIP:  # the detail says why: "does not apply: …", "marked not applicable …"
        return f"- ~~{escape(item.title)}~~ — {ICON[status]} {inline(item.detail) or LABEL[status]}"
    if waits_for_gates(item, gates) and not awaits_you(item, gates):
        # waiting for a gate is not a confirmation awaiting the author (core.checklists.tally): the detail says
        # which gate and how to run it ("not run yet: `readiness check --gates tests`")
        return f"- [ ] **{escape(item.title)}** — {ICON[status]} {inline(item.detail) or GATE_NOT_RUN}"
    label = LABEL[status]
    detail = f" — {ICON[status]} {label}: {inline(item.detail)}" if item.detail else f" — {ICON[status]} {label}"
    box = "x" if item.status == Status.PASS else " "
    return f"- [{box}] **{escape(item.title)}**{detail}"


def _checklist(result: ChecklistResult, gates: Mapping[str, GateResult]) -> list[str]:
    applicable = [i for i in result.items if i.status != Status.SKIP]
    done = sum(1 for i in applicable if i.status == Status.PASS)
    lines = [f"### {escape(result.title)} — {done}/{len(applicable)}", ""]
    lines.extend(_item_line(item, gates) for item in result.items)
    return [*lines, ""]


def _where(findings: Sequence[Finding]) -> str:
    """`pkg/a.py:41, :58, pkg/b.py`: each location once (two rules on one file or line name it once)."""
    places = list(dict.fromkeys((f.path, f.line) for f in findings))
    parts, last = [], None
    for path, line in places[:_MAX_WHERE]:
        parts.append(path if line is None else (f":{line}" if path == last else f"{path}:{line}"))
        last = path
    more = len(places) - _MAX_WHERE
    return escape(", ".join(parts) + (f" +{more} more" if more > 0 else ""))


def _findings(report: Report) -> list[str]:
    lines = ["### Findings", ""]
    shown = [f for f in report.findings if not f.baselined]  # the notes count the baselined ones
    if not shown:
        return [*lines, "No findings in scope.", ""]
    lines += ["| Category | Errors | Warnings | Info | Waived | Where |", "| --- | ---: | ---: | ---: | ---: | --- |"]
    categories = sorted({f.category for f in shown})
    for category in categories:
        found = [f for f in shown if f.category == category]
        active = [f for f in found if not f.waived]
        sev = Counter(f.severity for f in active)
        lines.append(f"| {escape(category)} | {sev[Severity.ERROR]} | {sev[Severity.WARNING]} | {sev[Severity.INFO]} "
                     f"| {len(found) - len(active)} | {_where(active) or '–'} |")
    return [*lines, ""]


def _gates(report: Report) -> list[str]:
    lines = ["### Gate results", ""]
    if not report.gates:
        return [*lines, "No gate ran for this report (run them with `readiness check --gates all`).", ""]
    lines += ["| Gate | Status | Time | Summary |", "| --- | --- | ---: | --- |"]
    for gate in report.gates:
        status = str(gate.status)
        lines.append(f"| {escape(gate.id)} | {ICON[status]} {status} | {gate.duration_s:.1f} s "
                     f"| {inline(gate.summary, table=True) or '–'} |")
    return [*lines, ""]


def _blockers(blockers: Sequence[tuple[str, str, str, str]]) -> list[str]:
    lines = ["### Open blockers", ""]
    if not blockers:
        return [*lines, "No open blockers.", ""]
    return [*lines, *(f"- **{escape(bid)}** · {escape(klass)} · {escape(date)} · {escape(summary)}"
                      for bid, klass, date, summary in blockers), ""]


def render_markdown(report: Report, stream: TextIO,
                    blockers: Sequence[tuple[str, str, str, str]] | None = None) -> None:
    """Write the pull-request description body. `blockers`: (id, class, date, summary) of each open blocker, or
    None to leave the section out (`readiness check --format markdown` does not read the README)."""
    lines = [*_headline(report), ""]
    for checklist in report.checklists:
        lines += _checklist(checklist, {g.id: g for g in report.gates})
    lines += _findings(report)
    lines += _gates(report)
    if blockers is not None:
        lines += _blockers(blockers)
    if report.notes:
        lines += ["<details><summary>Notes</summary>", "", *(f"- {escape(n)}" for n in report.notes), "",
                  "</details>", ""]
    lines.append(f"<sub>Generated by readiness {escape(report.tool_version)}</sub>")
    stream.write("\n".join(lines) + "\n")
