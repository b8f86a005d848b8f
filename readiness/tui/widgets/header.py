"""The one-line repository header and the verdict bar shared by the screens."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from readiness.render.formats import STATUS_ICON, STATUS_STYLE, safe
from readiness.tui.model import RepoSummary, Verdict
from readiness.tui.widgets.common import RUNNING_ICON


def header_text(summary: RepoSummary | None, title: str = "") -> Text:
    """` readiness  payments  feature/refunds → main (merge-base 3f71d89)   12 files  +418 −37`."""
    text = Text()
    text.append(" readiness ", style="bold reverse")
    if title:
        text.append(f" {title} ", style="bold")
        text.append("·", style="dim")
    if summary is None:
        text.append("  opening the repository…", style="dim")
        return text
    text.append(f" {safe(summary.name)}", style="bold")
    text.append(f"  {safe(summary.where)}")
    if summary.problem is not None:
        text.append("   ✘ invalid configuration: nothing scanned", style="bold red")
        return text
    scope = "all files" if summary.scope == "all" else f"{summary.files} file{'s' if summary.files != 1 else ''}"
    text.append(f"   {scope}", style="dim")
    if summary.scope != "all":
        text.append(f"  +{summary.added}", style="green")
        text.append(f" −{summary.removed}", style="red")
    return text


class RepoHeader(Static):
    """Repository, branch → base (merge-base), change size."""

    def show(self, summary: RepoSummary | None, title: str = "") -> None:
        self.update(header_text(summary, title))


def verdict_text(verdict: Verdict) -> Text:
    """The core's sentence carries its own mark (`✔ ready`, `✘ not ready`); "checking…" and errors get one here."""
    style = "bold " + STATUS_STYLE.get(verdict.status, "")
    if verdict.status in ("running", "error"):
        icon = RUNNING_ICON if verdict.status == "running" else STATUS_ICON.get(verdict.status, "·")
        return Text.assemble((f"{icon} ", style), (safe(verdict.text), style))
    return Text(safe(verdict.text), style=style)


def progress_text(scanning: bool, progress: tuple[int, int] | None, live: str) -> Text:
    if scanning:
        if progress and progress[1] and progress[0] < progress[1]:
            return Text(f"reading {RUNNING_ICON} {100 * progress[0] // progress[1]}%", style="bold")
        if progress and progress[1]:
            return Text(f"checking {progress[1]} files {RUNNING_ICON}", style="bold")
        return Text(f"scanning {RUNNING_ICON}", style="bold")
    if live == "on":
        return Text("● live", style="green")
    if live.startswith("off"):
        return Text("○ live updates off (r re-scans)", style="yellow")
    return Text("")


class VerdictBar(Horizontal):
    """`✘ not ready: 3 failing, 2 awaiting you            scanning ⟳ 61%`."""

    def compose(self) -> ComposeResult:
        yield Static(id="verdict-text")
        yield Static(id="verdict-progress")

    def show(self, verdict: Verdict, scanning: bool, progress: tuple[int, int] | None, live: str) -> None:
        parts = self.query("#verdict-text, #verdict-progress")
        if len(parts) < 2:  # a screen redraws on mount, which can come before this bar composed its parts
            self.call_after_refresh(self.show, verdict, scanning, progress, live)
            return
        self.query_one("#verdict-text", Static).update(verdict_text(verdict))
        self.query_one("#verdict-progress", Static).update(progress_text(scanning, progress, live))
