"""Blockers: the README's `## Blockers` log (open and resolved), logging a new one with a preview of the exact
lines, and resolving one."""

from __future__ import annotations

import datetime

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Select, Static

from readiness.core.blockers import log as blockers
from readiness.core.errors import ReadinessError
from readiness.core.models import Status
from readiness.render.formats import safe
from readiness.tui.blocker_ops import preview
from readiness.tui.model import mask_text
from readiness.tui.screens.base import ModelScreen
from readiness.tui.screens.modals import TextScreen
from readiness.tui.widgets.common import plain, refill, selected_key, status_text
from readiness.tui.widgets.footer import KeysFooter
from readiness.tui.widgets.header import RepoHeader

FIELD_INPUTS = (("summary", "Summary", "one line: what blocks you (required)"),
                ("details", "Details", "optional"),
                ("scope", "Scope", "the smallest viable subset you ship meanwhile"),
                ("follow_up", "Follow-up", "what the follow-up ticket expands"),
                ("next", "Next", "the independent module you continue with"))


def shown(value: str | None) -> str:
    return mask_text(safe(value or ""))


class BlockerForm(ModalScreen[blockers.NewBlocker | None]):
    """Log a blocker: class, summary, details, scope, follow-up, next; the exact README lines are previewed."""

    BINDINGS = [Binding("escape", "cancel", "cancel"), Binding("ctrl+s", "write", "write")]

    def __init__(self, number: int, label: str) -> None:
        super().__init__()
        self.number, self.label = number, label
        self.today = datetime.date.today().isoformat()

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="blocker-form"):
            with Horizontal(classes="field"):
                yield Label("Class", classes="field-label")
                yield Select([(c, c) for c in blockers.CLASSES], prompt="choose", id="field-klass", compact=True)
            for name, label, placeholder in FIELD_INPUTS:
                with Horizontal(classes="field"):
                    yield Label(label, classes="field-label")
                    yield Input(placeholder=placeholder, id=f"field-{name}", max_length=300, compact=True)
            yield Static(id="form-preview", classes="preview")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Write to README (ctrl+s)", variant="primary", id="write")

    def on_mount(self) -> None:
        self.query_one("#blocker-form").border_title = f"Log a blocker in {self.label}"
        self.query_one("#form-preview").border_title = "Preview"
        self.query_one("#field-klass", Select).focus()
        self.update_preview()

    def new(self) -> blockers.NewBlocker:
        klass = self.query_one("#field-klass", Select).value
        values = {name: self.query_one(f"#field-{name}", Input).value.strip() or None for name, _, _ in FIELD_INPUTS}
        return blockers.NewBlocker(klass if isinstance(klass, str) else "", values["summary"] or "",
                                   values["details"], values["scope"], values["follow_up"], values["next"])

    @on(Input.Changed)
    @on(Select.Changed)
    def update_preview(self) -> None:
        target = self.query_one("#form-preview", Static)
        new = self.new()
        if not new.klass or not new.summary.strip():
            missing = "the class (build, logic, integration or environment)" if not new.klass else "a summary"
            target.update(Text(f"choose {missing} to see the README entry", style="dim"))
            return
        try:
            text = preview(new, self.number, self.today)
        except ReadinessError as exc:
            target.update(Text(f"✘ {exc}", style="yellow"))
            return
        target.update(Text(text))

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#write")
    def action_write(self) -> None:
        new = self.new()
        try:
            blockers.refuse_secrets(new.cleaned().texts())
        except ReadinessError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=8)
            return
        self.dismiss(new)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class BlockersScreen(ModelScreen):
    """The README's blocker log: what blocks the work, since when, and what was shipped meanwhile."""

    HELP = ("a logs a new blocker through a form that previews the exact README lines; x resolves the highlighted "
            "one (with an optional note); t starts the five-step triage wizard. Every other byte of the README "
            "stays as it was; a README changed by someone else meanwhile is not overwritten.")
    TITLE_TEXT = "Blockers"
    AUTO_FOCUS = "#blocker-list"
    TOPICS = frozenset({"summary", "blockers"})
    BINDINGS = [
        Binding("escape", "back", "back"),
        Binding("a", "add", "log a blocker"),
        Binding("x", "resolve", "resolve"),
        Binding("t", "app.open('triage')", "triage"),
    ]

    def compose(self) -> ComposeResult:
        yield RepoHeader(id="header")
        yield DataTable(id="blocker-list", cursor_type="row")
        with VerticalScroll(id="blocker-detail", classes="panel"):
            yield Static(id="blocker-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#blocker-list", DataTable)
        for name in ("", "id", "class", "date", "summary"):
            table.add_column(name, key=name or "status")
        self.query_one("#blocker-detail").border_title = "Entry"
        super().on_mount()
        table.focus()

    def redraw(self, topic: str) -> None:
        super().redraw(topic)
        table = self.query_one("#blocker-list", DataTable)
        log = self.model.state.blocker_log
        ordered = sorted(self.model.state.blockers, key=lambda b: (not b.is_open, b.number))
        rows: list[tuple[str, list[Text | str]]] = [(b.id, [status_text(Status.MANUAL if b.is_open else Status.PASS), plain(b.id, "bold"), plain(b.klass),
                        plain(b.date), plain(shown(b.summary), "" if b.is_open else "dim")]) for b in ordered]
        if not rows:
            where = log.label if log is not None else "README.md"
            rows = [("", [Text("–", style="dim"), Text(f"no blockers in {where}: a logs one", style="dim"),
                          "", "", ""])]
        refill(table, rows)
        open_count = sum(1 for b in self.model.state.blockers if b.is_open)
        label = log.label if log is not None else "README.md"
        table.border_title = f"{label} · {open_count} open, {len(self.model.state.blockers) - open_count} resolved"
        self.show_entry()

    def selected(self) -> blockers.Blocker | None:
        key = selected_key(self.query_one("#blocker-list", DataTable))
        return next((b for b in self.model.state.blockers if b.id == key), None)

    @on(DataTable.RowHighlighted, "#blocker-list")
    def show_entry(self) -> None:
        blocker = self.selected()
        target = self.query_one("#blocker-text", Static)
        if blocker is None:
            target.update("")
            return
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", width=11)
        grid.add_column()
        state = "open" if blocker.is_open else f"resolved {blocker.resolved}"
        grid.add_row("Status", status_text(Status.MANUAL if blocker.is_open else Status.PASS, state))
        grid.add_row("Summary", Text(shown(blocker.summary)))
        for name, title in (*blockers.FIELDS, ("resolution", blockers.RESOLUTION)):
            value = getattr(blocker, name)
            if value:
                grid.add_row(title, Text(shown(value)))
        target.update(grid)

    def action_add(self) -> None:
        log = self.model.state.blocker_log
        if log is None:
            self.notify("the README is still being read", timeout=3)
            return
        self.app.push_screen(BlockerForm(log.next_number, log.label), self.write)

    def write(self, new: blockers.NewBlocker | None) -> None:
        if new is not None:
            self.model.blocker_write_worker("add", new)

    def action_resolve(self) -> None:
        blocker = self.selected()
        if blocker is None:
            return
        if not blocker.is_open:
            self.notify(f"{blocker.id} is already resolved ({blocker.resolved})", timeout=3)
            return
        def resolve(note: str | None) -> None:
            if note is not None:
                self.model.blocker_write_worker("resolve", None, blocker.number, note or None)

        self.app.push_screen(
            TextScreen(f"Resolve {blocker.id}", f"Resolve {blocker.id}: {shown(blocker.summary)}",
                       placeholder="resolution note (optional)"), resolve)
