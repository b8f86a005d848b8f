"""DataTables with the footer label their `enter` deserves (DataTable's own enter binding is hidden)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class OpenTable(DataTable):
    """A row-cursor table whose `enter` opens the highlighted row (a key everyone tries: not in the footer)."""

    BINDINGS = [Binding("enter", "select_cursor", "open", show=False)]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False)


class RunTable(OpenTable):
    """The gates table: `enter` runs the highlighted gate."""

    BINDINGS = [Binding("enter", "select_cursor", "run", show=True)]


class ItemTable(OpenTable):
    """The checklist table: `enter` goes to the item's findings or to its gate, and the footer says which (neither
    shows when there is nothing to follow; on a manual item enter confirms, as space does)."""

    BINDINGS = [Binding("enter", "follow('findings')", "go to findings"),
                Binding("enter", "follow('gate')", "go to the gate")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "follow":
            kind = getattr(self.screen, "enter_kind", lambda: None)()
            return kind == parameters[0]
        return True

    def action_follow(self, kind: str) -> None:
        self.action_select_cursor()
