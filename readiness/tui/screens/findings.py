"""Findings: a filterable, sortable table, and the rule's What / Why / Fix with the code around the finding."""

from __future__ import annotations

import subprocess
from pathlib import Path

from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Label, Static
from textual.worker import get_current_worker

from readiness.core.errors import ReadinessError
from readiness.core.models import Finding
from readiness.core.scan.rule_docs import sections
from readiness.render.formats import SEVERITY_STYLE, safe
from readiness.tui import messages as msg
from readiness.tui.actions import describe_target, editor_command, waive_in_config, waive_inline
from readiness.tui.model import code_context, rules
from readiness.tui.screens.base import ModelScreen
from readiness.tui.screens.modals import WaiveRequest, WaiveScreen
from readiness.tui.widgets.common import plain, refill, selected_key, severity_text
from readiness.tui.widgets.footer import KeysFooter
from readiness.tui.widgets.header import RepoHeader

SORTS = ("severity", "location", "category")
MAX_CONTEXT_BYTES = 2 << 20


NARROW = 100  # below this width the table shows file names (the detail pane shows the path and the message)


def location(finding: Finding, short: bool = False) -> str:
    path = finding.path.rsplit("/", 1)[-1] if short else finding.path
    return f"{path}:{finding.line}" if finding.line is not None else path


def sort_key(sort: str):
    if sort == "location":
        return lambda f: (f.path, f.line or 0, f.rule)
    if sort == "category":
        return lambda f: (f.category, f.path, f.line or 0)
    return lambda f: (f.waived, -f.severity.rank, f.path, f.line or 0)


def matches(finding: Finding, words: list[str]) -> bool:
    haystack = " ".join((finding.category, finding.rule, str(finding.severity), location(finding),
                         finding.message, "waived" if finding.waived else "")).lower()
    return all(word in haystack for word in words)


class FindingsScreen(ModelScreen):
    """Every finding in scope: type to filter, pick one to see why it matters and how to fix it."""

    HELP = ("Type in the filter to narrow the table (every word must match the category, rule, severity, "
            "location or message). The detail pane shows the rule's What / Why / Fix and the code around the "
            "line, with secrets masked. Waived findings stay listed, dimmed.")
    TITLE_TEXT = "Findings"
    AUTO_FOCUS = "#finding-table"
    TOPICS = frozenset({"summary", "findings"})
    BINDINGS = [
        Binding("escape", "back", "back"),
        Binding("slash", "focus_filter", "filter"),
        Binding("s", "cycle_sort", "sort"),
        Binding("e", "edit", "editor"),
        Binding("w", "waive", "waive"),
        Binding("y", "copy", "copy location"),
    ]

    def __init__(self, category: str | None = None, ids: tuple[str, ...] | None = None, title: str = "") -> None:
        super().__init__()
        self.initial_filter = category or ""
        self.only_ids = frozenset(ids) if ids is not None else None
        self.only_title = title
        self.sort = "severity"
        self.shown: dict[str, Finding] = {}
        self.detail_id: str | None = None

    def compose(self) -> ComposeResult:
        yield RepoHeader(id="header")
        with Horizontal(id="filter-bar"):
            yield Label(" / filter ", id="filter-label")
            yield Input(value=self.initial_filter, placeholder="type to filter: category, path, message, rule…",
                        id="filter", compact=True)
        yield DataTable(id="finding-table", cursor_type="row")
        with VerticalScroll(id="finding-detail", classes="panel"):
            yield Static(id="detail-title", classes="rule-title")
            yield Static(id="detail-message")
            yield Static(id="detail-code")
            yield Static(id="detail-rule")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#finding-table", DataTable)
        table.add_column("", key="severity", width=1)
        table.add_column("category", key="category")
        table.add_column("location", key="location")
        table.add_column("message", key="message")
        self.query_one("#finding-detail").border_title = "Detail"
        super().on_mount()
        table.focus()

    # -- the table ------------------------------------------------------------------------------------------------
    def shown_findings(self) -> list[Finding]:  # not `visible`: DOMNode's is a property
        words = self.query_one("#filter", Input).value.lower().split()
        found = [f for f in self.model.state.findings
                 if (self.only_ids is None or f.id in self.only_ids) and matches(f, words)]
        return sorted(found, key=sort_key(self.sort))

    def redraw(self, topic: str) -> None:
        super().redraw(topic)
        table = self.query_one("#finding-table", DataTable)
        found = self.shown_findings()
        self.shown = {f.id: f for f in found}
        short = 0 < self.size.width < NARROW
        refill(table, [(f.id, self.row(f, short)) for f in found])
        total = len(self.model.state.findings)
        scope = f"{self.only_title}: " if self.only_title else ""
        table.border_title = f"{scope}{len(found)} of {total} findings · sorted by {self.sort}"
        if self.model.state.scan_error is not None:
            table.border_title = "findings unavailable: nothing was scanned (see the verdict)"
        if topic in ("all", "findings"):
            self.detail_id = None  # the file may have changed: read the code again
        self.show_detail()

    @staticmethod
    def row(f: Finding, short: bool = False) -> list[object]:
        """One finding's row; `short` (a narrow terminal): the file name instead of the path, so the message keeps
        its room."""
        if f.waived:
            return [Text("–", style="dim"), plain(f.category, "dim"), plain(location(f, short), "dim"),
                    plain(f"(waived) {f.message}", "dim")]
        return [severity_text(f.severity), plain(f.category), plain(location(f, short)), plain(f.message)]

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.redraw("filter")

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        self.query_one("#finding-table", DataTable).focus()

    @on(DataTable.HeaderSelected)
    def header_clicked(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value
        self.sort = {"severity": "severity", "category": "category"}.get(key or "", "location")
        self.redraw("sort")

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.redraw("sort")

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_back(self) -> None:
        if self.focused is self.query_one("#filter", Input):
            self.query_one("#finding-table", DataTable).focus()
            return
        super().action_back()

    def selected(self) -> Finding | None:
        key = selected_key(self.query_one("#finding-table", DataTable))
        return self.shown.get(key) if key else None

    # -- the detail pane -----------------------------------------------------------------------------------------
    @on(DataTable.RowHighlighted, "#finding-table")
    def highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        finding = self.selected()
        title = self.query_one("#detail-title", Static)
        if finding is None:
            title.update(Text("no finding selected" if self.model.state.findings else "no findings", style="dim"))
            self.query_one("#detail-message", Static).update("")
            self.query_one("#detail-rule", Static).update("")
            self.query_one("#detail-code", Static).update("")
            self.detail_id = None
            return
        if finding.id == self.detail_id:
            return
        self.detail_id = finding.id
        rule = rules().get(finding.rule)
        head = severity_text(finding.severity, f"{finding.rule}")
        if rule is not None:
            head.append(f" · {rule.title}")
        head.append(f"   {safe(location(finding))}", style="dim")
        title.update(head)
        message = Text(safe(finding.message), style=SEVERITY_STYLE.get(finding.severity, ""))
        if finding.waived:
            message.append(f"\nwaived: {safe(finding.waiver_reason or 'no reason given')}", style="italic")
        self.query_one("#detail-message", Static).update(message)
        body = Table.grid(padding=(0, 1))
        body.add_column(style="bold", width=7)
        body.add_column()
        if rule is not None:
            for label, value in sections(rule, example_last=True):  # the text of `readiness explain RULE`
                body.add_row(label, Text(value))
        body.add_row(Text("id", style="dim"), Text(finding.id, style="dim"))
        self.query_one("#detail-rule", Static).update(body)
        code = self.query_one("#detail-code", Static)
        code.update(Text("…", style="dim") if finding.line else "")
        code.display = finding.line is not None
        if finding.line is not None and self.model.state.result is not None:
            related = tuple(f for f in self.model.state.findings if f.path == finding.path)
            self.load_context(finding, related, self.model.state.result.repo.root)

    @work(thread=True, exclusive=True, exit_on_error=False, group="detail", description="read the code")
    def load_context(self, finding: Finding, related: tuple[Finding, ...], root: Path) -> None:
        path = Path(root) / finding.path
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_CONTEXT_BYTES:
                raise OSError("not a regular file of a readable size")
            text = path.read_bytes().decode("utf-8", "replace")
        except OSError as exc:
            self.post_message(msg.DetailLoaded(finding.id, 0, "", f"cannot show the code: {exc}"))
            return
        first, code = code_context(text, finding.line or 1, related)
        del text  # the unmasked text does not outlive this frame
        if not get_current_worker().is_cancelled:
            self.post_message(msg.DetailLoaded(finding.id, first, code))

    @on(msg.DetailLoaded)
    def context_loaded(self, event: msg.DetailLoaded) -> None:
        finding = self.shown.get(event.finding_id)
        if finding is None or event.finding_id != self.detail_id:
            return
        target = self.query_one("#detail-code", Static)
        if event.error:
            target.update(Text(event.error, style="dim"))
            return
        theme = "ansi_dark" if self.app.current_theme.dark else "ansi_light"
        lexer = Syntax.guess_lexer(finding.path, event.code)
        target.update(Syntax(safe(event.code), lexer, theme=theme, line_numbers=True,
                             start_line=event.first_line, highlight_lines={finding.line or 0},
                             word_wrap=False, background_color="default"))

    # -- actions --------------------------------------------------------------------------------------------------
    def action_copy(self) -> None:
        finding = self.selected()
        if finding is not None:
            self.app.copy_to_clipboard(location(finding))
            self.notify(f"copied {location(finding)}", markup=False, timeout=3)

    def action_edit(self) -> None:
        finding = self.selected()
        if finding is None or self.model.state.result is None:
            return
        root = self.model.state.result.repo.root
        command = editor_command(root / finding.path, finding.line)
        if command is None:
            self.notify("no editor found: set $EDITOR (for example `export EDITOR=nano`)", severity="warning",
                        markup=False)
            return
        try:
            if self.app.is_headless:
                subprocess.run(command, cwd=root, check=False, timeout=60)
            else:
                with self.app.suspend():
                    subprocess.run(command, cwd=root, check=False)
        except (OSError, subprocess.SubprocessError, SuspendNotSupported) as exc:
            self.notify(f"cannot run {command[0]}: {exc}", severity="error", markup=False)
            return
        self.model.start_scan([finding.path])

    def action_waive(self) -> None:
        finding = self.selected()
        if finding is None or self.model.state.result is None:
            return
        if finding.waived:
            self.notify(f"already waived: {finding.waiver_reason or 'no reason given'}", markup=False)
            return
        name = describe_target(self.model.state.result.repo.root, self.model.state.result.config.source)
        self.app.push_screen(WaiveScreen(finding, name), lambda request: self.waive(finding, request))

    def waive(self, finding: Finding, request: WaiveRequest | None) -> None:
        if request is not None and self.model.state.result is not None:
            result = self.model.state.result
            self.write_waiver(finding, request, result.repo.root, result.config.source)

    @work(thread=True, exclusive=True, exit_on_error=False, group="waive", description="write the waiver")
    def write_waiver(self, finding: Finding, request: WaiveRequest, root: Path, source: Path | None) -> None:
        try:
            if request.where == "inline":
                waive_inline(root, finding, request.reason)
                paths: tuple[str, ...] = (finding.path,)
            else:
                written = waive_in_config(root, source, finding.id, request.reason)
                paths = (written.name,)
        except (ReadinessError, OSError) as exc:
            self.post_message(msg.ActionFailed("waive", str(exc)))
            return
        self.post_message(msg.WaiverWritten(finding.id, request.where, paths))

    @on(msg.WaiverWritten)
    def waiver_written(self, event: msg.WaiverWritten) -> None:
        where = "inline comment" if event.where == "inline" else f"waiver in {event.paths[0]}"
        self.notify(f"waived: {where} written", markup=False, timeout=4)
        self.model.start_scan(event.paths, full=event.where == "config")

    @on(msg.ActionFailed)
    def failed(self, event: msg.ActionFailed) -> None:
        event.stop()
        self.notify(event.error, title=f"{event.what} failed", severity="error", markup=False, timeout=10)
