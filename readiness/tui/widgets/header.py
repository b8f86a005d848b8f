"""The one-line repository header and the verdict bar shared by the screens."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from readiness.render.formats import STATUS_ICON, STATUS_STYLE, safe
from readiness.tui.model import RepoSummary, Verdict
from readiness.tui.widgets.common import RUNNING_ICON, signature


def _where(summary: RepoSummary, merge_base: str) -> str:
    """`feature/refunds → main (merge-base 3f71d89)`, with the merge-base in the given form ("long", "short", "")."""
    branch = summary.branch or (f"detached at {summary.head[:7]}" if summary.head else "no commits")
    if summary.base is None:
        return branch
    if summary.merge_base and merge_base == "long":
        return f"{branch} → {summary.base} (merge-base {summary.merge_base[:7]})"
    if summary.merge_base and merge_base == "short":
        return f"{branch} → {summary.base} @{summary.merge_base[:7]}"
    return f"{branch} → {summary.base}"


def header_text(summary: RepoSummary | None, title: str = "", width: int | None = None) -> Text:
    """` readiness  payments  feature/refunds → main (merge-base 3f71d89)   12 files  +418 −37`.

    With a `width`, the header shortens to fit, dropping detail in this order: the merge-base's label (`@3f71d89`),
    the line counts, the merge-base, the `readiness` badge, the repository name; the screen's title and the branch
    stay (the branch is cut last, with an ellipsis)."""
    variants = [dict(merge_base="long", counts=True, badge=True, name=True),
                dict(merge_base="short", counts=True, badge=True, name=True),
                dict(merge_base="short", counts=False, badge=True, name=True),
                dict(merge_base="", counts=False, badge=True, name=True),
                dict(merge_base="", counts=False, badge=False, name=True),
                dict(merge_base="", counts=False, badge=False, name=False)]
    text = Text()
    for variant in variants if width is not None else variants[:1]:
        text = _header(summary, title, **variant)  # type: ignore[arg-type]
        if width is None or text.cell_len <= width:
            return text
    text.truncate(max(width or 0, 1), overflow="ellipsis")
    return text


def _header(summary: RepoSummary | None, title: str, *, merge_base: str, counts: bool, badge: bool,
            name: bool) -> Text:
    text = Text()
    if badge or not title:
        text.append(" readiness ", style="bold reverse")
    if title:
        text.append(f" {title} ", style="bold")
        text.append("·", style="dim")
    if summary is None:
        text.append("  opening the repository…", style="dim")
        return text
    if name:
        text.append(f" {safe(summary.name)} ", style="bold")
    text.append(f" {safe(_where(summary, merge_base))}")
    if summary.problem is not None:
        text.append("   ✘ invalid configuration: nothing scanned", style="bold red")
        return text
    scope = "all files" if summary.scope == "all" else f"{summary.files} file{'s' if summary.files != 1 else ''}"
    text.append(f"   {scope}", style="dim")
    if summary.scope != "all" and counts:
        text.append(f"  +{summary.added}", style="green")
        text.append(f" −{summary.removed}", style="red")
    return text


class RepoHeader(Static):
    """Repository, branch → base (merge-base), change size; shortened to the terminal's width, title kept."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.shown: tuple[RepoSummary | None, str] = (None, "")
        self._drawn: object = None  # the signature of the text last given to `update`

    def show(self, summary: RepoSummary | None, title: str = "") -> None:
        self.shown = (summary, title)
        width = self.size.width or self.app.size.width
        text = header_text(summary, title, width=width)
        if signature(text) != getattr(self, "_drawn", None):  # unchanged: no re-layout
            self._drawn = signature(text)
            self.update(text)

    def on_resize(self) -> None:
        self.show(*self.shown)


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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._latest: tuple[Verdict, bool, tuple[int, int] | None, str] | None = None
        self._deferred = False

    def show(self, verdict: Verdict, scanning: bool, progress: tuple[int, int] | None, live: str) -> None:
        self._latest = (verdict, scanning, progress, live)
        parts = self.query("#verdict-text, #verdict-progress")
        if len(parts) < 2:  # a screen redraws on mount, which can come before this bar composed its parts
            if not self._deferred:  # once, and then with the latest state (an early one would overwrite it)
                self._deferred = True
                self.call_after_refresh(self._show_latest)
            return
        for part, text in (("#verdict-text", verdict_text(verdict)),
                           ("#verdict-progress", progress_text(scanning, progress, live))):
            static = self.query_one(part, Static)
            if signature(text) != getattr(static, "_drawn", None):  # unchanged: no re-layout
                static._drawn = signature(text)  # type: ignore[attr-defined]
                static.update(text)

    def _show_latest(self) -> None:
        self._deferred = False
        if self._latest is not None:
            self.show(*self._latest)
