"""`readiness checklist show` as text: a Rich rendering of one checklist's items and the run's verdict."""

from __future__ import annotations

import sys

from rich.text import Text

from readiness.core.checklists.tally import tally
from readiness.core.models import Status
from readiness.render.console import text_console
from readiness.render.formats import STATUS_ICON, STATUS_STYLE, safe


def print_checklist(report, result, definition, rhythm: str = "") -> None:
    """One checklist with live status: each item's icon, title and detail, why and how for open items, the tally and
    the verdict (`readiness checklist show`)."""
    console = text_console(sys.stdout)
    repo = report.repo
    header = Text(result.title, style="bold")
    where = repo.branch or (f"detached {repo.head[:7]}" if repo.head else "no commits")
    header.append(f"    {where}" + (f" → {repo.base}" if repo.base else ""), style="dim")
    console.print(header)
    for note in report.notes:
        console.print(Text(f"note: {safe(note)}", style="dim"))
    width = max(len(i.title) for i in result.items)
    for item in result.items:
        status = str(item.status)
        line = Text(" ")
        line.append(f"{STATUS_ICON[status]} ", style=STATUS_STYLE[status])
        line.append(f"{item.title:<{width}}  ")
        line.append(safe(item.detail), style="dim" if item.status in (Status.PASS, Status.SKIP) else "")
        console.print(line)
        if item.status in (Status.PASS, Status.SKIP):
            continue
        spec = definition.item(item.id)
        if item.why:
            source = f" ({spec.source})" if spec and spec.source else ""
            console.print(Text(f"     why  \u201c{item.why}\u201d{source}", style="dim"))
        if item.how:
            console.print(Text(f"     how  {item.how}", style="dim"))
        if item.status == Status.MANUAL and spec and spec.check.manual_part() is not None:
            console.print(Text(f"     run  readiness checklist check {result.id} {item.id} [--note TEXT]",
                               style="dim"))
    console.print()
    if rhythm:  # the methodology's checkpoint rhythm (readiness.core.checklists.rhythm)
        console.print(Text(rhythm, style="dim"))
    console.print(Text(tally(result, report.gates).line(), style="bold"))  # gates not run counted apart
    console.print(Text(report.verdict.sentence(), style="bold green" if report.ready else "bold red"))
