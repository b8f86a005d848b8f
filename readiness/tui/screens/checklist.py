"""One checklist: items with live status, why each matters and how to fix it; confirm the manual ones here."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from readiness.core.models import ChecklistResult, ItemResult, Status
from readiness.render.formats import safe
from readiness.tui.checkoffs import gate_ids
from readiness.tui.screens.base import ModelScreen
from readiness.tui.screens.modals import TextScreen
from readiness.tui.widgets.common import STALE_STYLE, plain, refill, selected_key, status_text
from readiness.tui.widgets.footer import KeysFooter
from readiness.tui.widgets.header import RepoHeader, VerdictBar
from readiness.tui.widgets.tables import ItemTable


def is_stale(item: ItemResult) -> bool:
    return item.detail.startswith("stale:")


class ChecklistScreen(ModelScreen):
    """A checklist's items: what passes, what fails and why, what awaits your confirmation."""

    HELP = ("✔ pass  ✘ fail  ! warn  ○ awaits you  – does not apply. Items checked by hand are confirmed with "
            "space (n adds a note, x marks one not applicable with a reason); a confirmation turns stale (○, "
            "italic) when the files it covered change. enter follows an item to its findings or its gate (on a "
            "manual item with nothing to follow it confirms); [ and ] switch checklists.")
    TOPICS = frozenset({"summary", "progress", "checklists", "gates", "findings"})
    AUTO_FOCUS = "#item-table"
    BINDINGS = [
        Binding("escape", "back", "back"),
        Binding("space", "confirm", "confirm"),
        Binding("space", "unconfirm", "unconfirm"),  # one of the two is shown: check_action
        Binding("n", "note", "note"),
        Binding("x", "not_applicable", "not applicable"),
        Binding("space,n,x", "automatic", show=False),  # on an automatic item: say why nothing is checked by hand
        Binding("left_square_bracket", "switch(-1)", "previous list", show=False),
        Binding("right_square_bracket", "switch(1)", "switch list", key_display="[ ]"),
    ]

    def __init__(self, checklist_id: str = "ready-for-review") -> None:
        super().__init__()
        self.checklist_id = checklist_id

    def compose(self) -> ComposeResult:
        yield RepoHeader(id="header")
        yield VerdictBar(id="verdict")
        yield ItemTable(id="item-table")
        with VerticalScroll(id="item-detail", classes="panel"):
            yield Static(id="item-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#item-table", DataTable)
        table.add_column("item", key="item")
        table.add_column("detail", key="detail")
        self.query_one("#item-detail").border_title = "Why / How"
        super().on_mount()
        table.focus()

    @property
    def checklist(self) -> ChecklistResult | None:
        return next((c for c in self.model.state.checklists if c.id == self.checklist_id), None)

    def definition(self, item_id: str):
        checklist = next((c for c in self.model.state.definitions if c.id == self.checklist_id), None)
        return checklist.item(item_id) if checklist is not None else None

    def redraw(self, topic: str) -> None:
        self.TITLE_TEXT = self.checklist.title if self.checklist else self.checklist_id
        super().redraw(topic)
        table = self.query_one("#item-table", DataTable)
        checklist = self.checklist
        if checklist is None:
            waiting = "evaluating…" if not self.model.state.checklists_ready else f"no checklist {self.checklist_id!r}"
            if self.model.state.scan_error is not None:
                waiting = "unavailable: nothing was scanned (see the verdict)"
            refill(table, [("", [Text(waiting, style="yellow" if self.model.state.scan_error else "dim"), ""])])
            table.border_title = self.checklist_id
            self.show_item()
            return
        table.border_title = checklist.title
        rows = []
        for item in checklist.items:
            stale = is_stale(item)
            title = status_text(str(item.status), item.title + (" (stale)" if stale else ""))
            if stale:
                title.stylize(STALE_STYLE)
            detail_style = "dim" if item.status in (Status.PASS, Status.SKIP) else ""
            rows.append((item.id, [title, plain(item.detail, detail_style + (" italic" if stale else ""))]))
        refill(table, rows)
        self.show_item()

    def selected(self) -> ItemResult | None:
        checklist, key = self.checklist, selected_key(self.query_one("#item-table", DataTable))
        if checklist is None or not key:
            return None
        return next((i for i in checklist.items if i.id == key), None)

    @on(DataTable.RowHighlighted, "#item-table")
    def show_item(self) -> None:
        self.refresh_bindings()
        item = self.selected()
        target = self.query_one("#item-text", Static)
        if item is None:
            target.update(Text(self.checklist.description if self.checklist else "", style="dim"))
            return
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", width=5)
        grid.add_column()
        grid.add_row("", status_text(str(item.status), item.detail))
        if item.why:
            grid.add_row("Why", Text(safe(item.why)))
        if item.how:
            grid.add_row("How", Text(safe(item.how)))
        definition = self.definition(item.id)
        links = []
        if item.finding_ids:
            links.append(f"enter: {len(item.finding_ids)} finding{'s' if len(item.finding_ids) != 1 else ''}")
        gates = gate_ids(definition.check) if definition else []
        if gates and not item.finding_ids:
            links.append(f"enter: the {', '.join(gates)} gate{'s' if len(gates) != 1 else ''}")
        if definition is not None and definition.check.manual_part() is not None:
            key = f"{self.checklist_id}/{item.id}"
            confirmed = key in self.model.state.manual_keys and item.status != Status.MANUAL
            links.append("space: unconfirm" if confirmed else "space: confirm · n: with a note · x: not applicable")
        if links:
            grid.add_row("Keys", Text("   ".join(links), style="dim"))
        target.update(grid)

    # -- actions --------------------------------------------------------------------------------------------------
    def confirmed(self) -> bool:
        """The highlighted item is a manual one confirmed (or marked not applicable) with a current record."""
        item = self.selected()
        return (item is not None and f"{self.checklist_id}/{item.id}" in self.model.state.manual_keys
                and item.status != Status.MANUAL)

    def is_manual(self) -> bool:
        item = self.selected()
        definition = self.definition(item.id) if item is not None else None
        return definition is not None and definition.check.manual_part() is not None

    def enter_kind(self) -> str | None:
        """What enter does on the highlighted item: "findings", "gate", or None (confirm, or nothing to follow)."""
        item = self.selected()
        if item is None:
            return None
        definition = self.definition(item.id)
        if item.finding_ids:
            return "findings"
        return "gate" if definition is not None and gate_ids(definition.check) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """space says what it does to the highlighted item: confirm, or unconfirm a confirmed one; n and x show
        on items checked by hand only."""
        if action == "confirm":
            return self.is_manual() and not self.confirmed()
        if action == "unconfirm":
            return self.is_manual() and self.confirmed()
        if action in ("note", "not_applicable"):
            return self.is_manual()
        if action == "automatic":
            return self.selected() is not None and not self.is_manual()
        return True

    def action_automatic(self) -> None:
        self.manual_key()  # explains that the item is checked automatically

    def action_confirm(self) -> None:
        self.toggle_check_off()

    def action_unconfirm(self) -> None:
        self.toggle_check_off()

    def action_switch(self, step: int) -> None:
        ids = [c.id for c in self.model.state.checklists]
        if ids:
            index = ids.index(self.checklist_id) if self.checklist_id in ids else 0
            self.checklist_id = ids[(index + step) % len(ids)]
            self.query_one("#item-table", DataTable).move_cursor(row=0, animate=False)
            self.redraw("all")

    @on(DataTable.RowSelected, "#item-table")
    def follow(self) -> None:
        # Local: a screen loads only when opened (gates ~126 ms, findings ~35 ms).
        from readiness.tui.screens.findings import FindingsScreen
        from readiness.tui.screens.gates import GatesScreen

        item = self.selected()
        if item is None:
            return
        definition = self.definition(item.id)
        gates = gate_ids(definition.check) if definition else []
        if item.finding_ids:
            self.app.push_screen(FindingsScreen(ids=item.finding_ids, title=item.title))
        elif gates:
            self.app.push_screen(GatesScreen(gate_id=gates[0]))
        elif definition is not None and definition.check.manual_part() is not None:
            self.toggle_check_off()  # nothing to follow: enter confirms (or unconfirms) like space
        else:
            self.notify("no findings or gate behind this item", timeout=3)

    def manual_key(self) -> str | None:
        item = self.selected()
        if item is None:
            return None
        definition = self.definition(item.id)
        if definition is None or definition.check.manual_part() is None:
            self.notify(f"“{item.title}” is checked automatically: fix what it reports to make it pass",
                        markup=False, timeout=4)
            return None
        return f"{self.checklist_id}/{item.id}"

    def toggle_check_off(self) -> None:  # not `action_toggle`: DOMNode's toggles an attribute
        key, item = self.manual_key(), self.selected()
        if key is None or item is None:
            return
        confirmed = key in self.model.state.manual_keys and item.status != Status.MANUAL
        self.model.check_off(key, "unchecked" if confirmed else "confirmed")

    def action_note(self) -> None:
        key = self.manual_key()
        if key is not None:
            def confirm(note: str | None) -> None:
                if note is not None:
                    self.model.check_off(key, "confirmed", note)

            self.app.push_screen(TextScreen("Confirm with a note", f"Confirm {key}: what did you check?",
                                            placeholder="optional note, one line"), confirm)

    def action_not_applicable(self) -> None:
        key = self.manual_key()
        if key is not None:
            def not_applicable(note: str | None) -> None:
                if note:
                    self.model.check_off(key, "not-applicable", note)

            self.app.push_screen(TextScreen("Not applicable", f"Why does {key} not apply to this change?",
                                            placeholder="reason (required)"), not_applicable)
