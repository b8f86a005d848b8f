"""`readiness gates` on a terminal: a Rich live table of the gates while they run, then one row per gate, the
failing gates' details and the counts."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from rich.console import Console
from rich.live import Live
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from readiness.core.gates.registry import UNTRUSTED
from readiness.core.models import GateStatus
from readiness.render.console import text_console
from readiness.render.formats import STATUS_ICON, STATUS_STYLE

if TYPE_CHECKING:
    from collections.abc import Set

    from readiness.core.models import GateResult


class LiveTable:
    """A rich Live table of the gates: status, elapsed time, latest output line or summary."""

    def __init__(self, state: dict) -> None:
        self.state = state
        self.console = Console(highlight=False, emoji=False)
        self.live = Live(self._table(), console=self.console, transient=True, refresh_per_second=8,
                         auto_refresh=False)

    def start(self) -> None:
        self.live.start()

    def stop(self) -> None:
        self.live.stop()

    def refresh(self) -> None:
        self.live.update(self._table(), refresh=True)

    def _table(self):
        table = Table.grid(padding=(0, 2))
        table.add_column(width=2)
        table.add_column(min_width=12)
        table.add_column(justify="right", min_width=7)
        table.add_column(overflow="ellipsis", no_wrap=True, max_width=max(self.console.width - 30, 20))
        now = time.monotonic()
        for gate, (status, started, last, result) in self.state.items():
            if status == "done":
                key = str(result.status)
                table.add_row(Text(STATUS_ICON[key], style=STATUS_STYLE[key]), Text(gate),
                              Text(f"{result.duration_s:.1f}s"), Text(result.summary, style="dim"))
            elif status == "running":
                table.add_row(Spinner("dots"), Text(gate, style="bold"), Text(f"{now - started:.1f}s"),
                              Text(last, style="dim"))
            else:
                table.add_row(Text("·", style="dim"), Text(gate, style="dim"), Text(""), Text("queued", style="dim"))
        return table


def _console():
    return text_console(sys.stdout)


def print_row(result: GateResult, console=None) -> None:
    """One finished gate: icon, status, id, duration, summary."""
    console = console or _console()
    key = str(result.status)
    line = Text(f"{STATUS_ICON[key]} {key:<7} ", style=STATUS_STYLE[key])
    line.append(f"{result.id:<12} {result.duration_s:6.1f}s  ")
    line.append(result.summary)
    console.print(line)


def print_final(results: list[GateResult], printed: Set[str] = frozenset()) -> None:
    """Every gate's row not printed yet (gates skipped as untrusted or disabled send no event while running),
    the failing gates' details, and the counts."""
    console = _console()
    for result in results:
        if result.id not in printed:
            print_row(result, console)
    for result in results:
        if result.status.failed and result.details:
            console.print()
            console.print(Text(f"{result.id}:", style="bold"))
            for detail in result.details[:15]:
                console.print(Text(f"  {detail}"))
            if len(result.details) > 15:
                console.print(Text(f"  … {len(result.details) - 15} more", style="dim"))
    counts = {s: sum(1 for r in results if r.status == s) for s in (GateStatus.PASS, GateStatus.FAIL, GateStatus.ERROR,
                                                                    GateStatus.TIMEOUT, GateStatus.SKIP)}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no gates selected"
    bad = any(n for s, n in counts.items() if s.failed)
    console.print()
    console.print(Text(f"gates: {summary}", style="bold red" if bad else "bold green"))
    untrusted = [r.id for r in results if r.status == GateStatus.SKIP and r.summary.startswith(UNTRUSTED)]
    if untrusted:
        console.print(Text(f"{UNTRUSTED} to run {', '.join(untrusted)} (or pass --trust)", style="yellow"))
