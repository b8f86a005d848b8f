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
    """The checklist table: `enter` goes to the item's findings or gate."""

    BINDINGS = [Binding("enter", "select_cursor", "go to findings", show=True)]
