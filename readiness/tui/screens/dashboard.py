"""The first screen: where you are, the verdict, the checklists, the findings by category, open blockers."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable

from readiness.core.models import Status
from readiness.tui.model import checklist_status, findings_by_category, item_counts
from readiness.tui.screens.base import ModelScreen
from readiness.tui.widgets.common import RUNNING_ICON, plain, refill, selected_key, severity_text, status_text
from readiness.tui.widgets.footer import KeysFooter
from readiness.tui.widgets.header import RepoHeader, VerdictBar
from readiness.tui.widgets.tables import OpenTable

COUNT_ORDER = (((Status.FAIL, Status.ERROR), "✘"), ((Status.MANUAL,), "○"), ((Status.WARN,), "!"))
UNAVAILABLE = "unavailable (see the verdict)"


class DashboardScreen(ModelScreen):
    """Everything that matters at a glance; every other screen is one key away."""

    AUTO_FOCUS = "#checklist-table"
    BINDINGS = [
        Binding("escape", "back", "", show=False),  # the first screen: nothing to go back to
        Binding("c", "checklist", "checklist"),
        Binding("f", "app.open('findings')", "findings"),
        Binding("g", "app.open('gates')", "gates"),
        Binding("b", "app.open('blockers')", "blockers"),
        Binding("t", "app.open('triage')", "triage"),
        Binding("r", "app.rescan", "rescan"),
    ]

    def compose(self) -> ComposeResult:
        yield RepoHeader(id="header")
        yield VerdictBar(id="verdict")
        with Horizontal(id="panels"):
            yield OpenTable(id="checklist-table")
            yield OpenTable(id="category-table")
        yield OpenTable(id="blocker-table")
        yield KeysFooter()

    def on_mount(self) -> None:
        checklists = self.query_one("#checklist-table", DataTable)
        checklists.border_title = "Checklists"
        checklists.add_columns("checklist", "done", "left")
        categories = self.query_one("#category-table", DataTable)
        categories.border_title = "Findings"
        categories.add_columns("category", "n", "where")
        blockers = self.query_one("#blocker-table", DataTable)
        blockers.border_title = "Blockers"
        blockers.add_columns("id", "class", "date", "summary")
        self.query_one("#verdict").border_title = "Verdict"
        for table in (checklists, categories, blockers):
            table.show_header = False
        super().on_mount()
        checklists.focus()

    def redraw(self, topic: str) -> None:
        super().redraw(topic)
        app = self.model
        if topic in ("all", "checklists", "progress", "gates"):
            rows: list[tuple[str, list[Text | str]]] = []
            for checklist in app.state.checklists:
                counts = item_counts(checklist)
                left = Text()
                for statuses, icon in COUNT_ORDER:
                    count = sum(counts[s] for s in statuses)
                    if count:
                        left.append(f"{icon}{count} ", style="bold red" if icon == "✘" else "")
                if checklist.id == "quality-gates" and app.state.running_gates:
                    left.append(f"{RUNNING_ICON} {sorted(app.state.running_gates)[0]}")
                applicable = sum(counts[s] for s in counts if s != Status.SKIP)
                rows.append((checklist.id, [status_text(checklist_status(checklist), checklist.title),
                                            plain(f"{counts[Status.PASS]}/{applicable}"), left]))
            if app.state.scan_error is not None:
                rows = [("", [Text(UNAVAILABLE, style="yellow"), "", ""])]
            elif not rows:
                wait = "evaluating…" if app.state.scanning or not app.state.checklists_ready else "no checklists"
                rows = [("", [Text(wait, style="dim"), "", ""])]
            refill(self.query_one("#checklist-table", DataTable), rows)
        if topic in ("all", "summary"):  # the checkpoint rhythm under the verdict (methodology, T0 … T+4d)
            summary = app.state.summary
            self.query_one("#verdict").border_subtitle = summary.checkpoint if summary else ""
        if topic in ("all", "findings", "progress"):
            rows = []
            for row in findings_by_category(app.state.findings, 200):
                where = f"({row.waived} waived) " if row.waived else ""
                rows.append((row.category, [severity_text(row.severity, row.category) if row.count
                                            else Text(f"– {row.category}", style="dim"),
                                            plain(row.count), plain(where + row.locations, style="dim")]))
            if app.state.scan_error is not None:
                rows = [("", [Text(UNAVAILABLE, style="yellow"), "", ""])]
            elif not rows:
                rows = [("", [Text("scanning…" if app.state.scanning else "✔ no findings",
                                   style="dim" if app.state.scanning else "green"), "", ""])]
            refill(self.query_one("#category-table", DataTable), rows)
        if topic in ("all", "blockers"):
            open_ = [b for b in app.state.blockers if b.is_open]
            rows = [(b.id, [plain(b.id, "bold"), plain(b.klass), plain(b.date), plain(b.summary)]) for b in open_]
            if app.state.blocker_error is not None:
                rows = [("", [Text(f"unavailable: {app.state.blocker_error}", style="yellow"), "", "", ""])]
            elif not rows:
                read = app.state.blocker_log is not None
                rows = [("", [Text("no open blockers" if read else "reading the README…", style="dim"), "", "",
                              ""])]
            table = self.query_one("#blocker-table", DataTable)
            refill(table, rows)
            table.border_title = f"Blockers · {len(open_)} open" if open_ else "Blockers"

    def on_resize(self) -> None:
        self.query_one("#panels").set_class(self.size.width < 100, "-narrow")
        # the blocker log never takes the room of the checklists and findings: 3 rows at 80x24, 6 from 36 rows
        self.query_one("#blocker-table").styles.max_height = max(4, min(8, (self.size.height - 4) // 4))
        super().on_resize()

    def action_checklist(self) -> None:
        key = selected_key(self.query_one("#checklist-table", DataTable))
        self.model.action_open("checklist", checklist_id=key or "ready-for-review")

    @on(DataTable.RowSelected, "#checklist-table")
    def open_checklist(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.model.action_open("checklist", checklist_id=event.row_key.value)

    @on(DataTable.RowSelected, "#category-table")
    def open_category(self, event: DataTable.RowSelected) -> None:
        self.model.action_open("findings", category=event.row_key.value or None)

    @on(DataTable.RowSelected, "#blocker-table")
    def open_blockers(self, event: DataTable.RowSelected) -> None:
        self.model.action_open("blockers")
