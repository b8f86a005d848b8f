"""Small shared pieces: status symbols (colour always comes with a symbol) and table refills that keep the cursor.

Repository text never goes through markup here: cells are `rich.text.Text` objects built from plain strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable, RadioButton

from readiness.core.models import Severity
from readiness.render.formats import SEVERITY_ICON, SEVERITY_STYLE, STATUS_ICON, STATUS_STYLE, safe

RUNNING_ICON = "⟳"
STALE_STYLE = "italic"


def status_text(status: str, label: str = "") -> Text:
    """`✔ label` in the status colour; unknown statuses fall back to a neutral symbol."""
    key = str(status)
    text = Text(STATUS_ICON.get(key, "·"), style=STATUS_STYLE.get(key, ""))
    if label:
        text.append(f" {safe(label)}")
    return text


def severity_text(severity: Severity, label: str = "") -> Text:
    text = Text(SEVERITY_ICON.get(severity, "·"), style=SEVERITY_STYLE.get(severity, ""))
    if label:
        text.append(f" {safe(label)}")
    return text


def plain(value: object, style: str = "") -> Text:
    """Repository text as a cell: control characters made visible, never interpreted as markup."""
    return Text(safe(str(value)), style=style, no_wrap=True, overflow="ellipsis")


def signature(cell: object) -> object:
    """What a cell shows, comparable: rich's `Text ==` ignores the base style (a colour change is a change)."""
    if isinstance(cell, Text):
        return cell.plain, str(cell.style), tuple(cell.spans), cell.overflow, cell.no_wrap
    return str(cell)


def _width(cell: object) -> int:
    return cell.cell_len if isinstance(cell, Text) else len(str(cell))


def fit(rows: list[tuple[str, Sequence[object]]], width: int,
        headers: Sequence[int] = ()) -> list[tuple[str, list[object]]]:
    """Truncate each row's last cell (with …) so the table needs no horizontal scrolling at `width` columns
    (`headers`: the widths of the column labels, when the header is shown)."""
    if not rows or width <= 0:
        return [(key, list(cells)) for key, cells in rows]
    columns = len(rows[0][1])
    fixed = sum(max([_width(cells[i]) for _, cells in rows] + [headers[i] if i < len(headers) else 0])
                for i in range(columns - 1))
    budget = max(12, width - 2 - 1 - fixed - 2 * columns)
    out = []
    for key, cells in rows:
        last = cells[-1]
        if _width(last) > budget:
            last = last.copy() if isinstance(last, Text) else Text(str(last))
            last.truncate(budget, overflow="ellipsis")
        out.append((key, [*cells[:-1], last]))
    return out


def refill(table: DataTable, rows: Iterable[tuple[str, Sequence[object]]], *, fit_width: bool = True) -> None:
    """Replace a table's rows, keeping the cursor on the same row key when it still exists; the last column is
    truncated to the table's width (a resize redraws)."""
    rows = list(rows)
    if fit_width:
        headers = [c.label.cell_len for c in table.ordered_columns] if table.show_header else []
        rows = fit(rows, table.size.width or table.app.size.width, headers)
    # The same rows again (a progress tick, a topic this table does not show changed): nothing to redraw. A refill
    # re-lays the screen out; skipping it keeps the UI thread free while the scan runs.
    shown = [(key, tuple(signature(cell) for cell in cells)) for key, cells in rows]
    if getattr(table, "_readiness_shown", None) == shown and table.row_count == len(rows):
        return
    table._readiness_shown = shown  # type: ignore[attr-defined]
    current: str | None = None
    if table.row_count and table.is_valid_row_index(table.cursor_row):
        current = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
    keep_row = table.cursor_row
    table.clear()
    # The new content's widths, set now: clear keeps the widest ever seen, and the table measures added rows only
    # when it next idles, so a frame drawn before that (a modal closing, a resize) showed label-wide columns
    # (`✔ bu  0.3s  0 erro…` after the trust prompt).
    for index, column in enumerate(table.ordered_columns):
        if column.auto_width:
            label = column.label.cell_len if table.show_header else 0
            column.content_width = max([label, *(_width(cells[index]) for _, cells in rows if index < len(cells))])
    keys = []
    for key, cells in rows:
        table.add_row(*cells, key=key)
        keys.append(key)
    if not keys:
        return
    if current in keys:
        table.move_cursor(row=keys.index(current), animate=False)
    else:
        table.move_cursor(row=min(keep_row, len(keys) - 1), animate=False)


def selected_key(table: DataTable) -> str | None:
    if not table.row_count or not table.is_valid_row_index(table.cursor_row):
        return None
    return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value


class Choice(RadioButton):
    """A radio button whose state shows without colour: ● chosen, blank otherwise."""

    @property  # textual declares BUTTON_INNER a class attribute; ToggleButton only reads it, so a property works
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - the name ToggleButton reads
        return "●" if self.value else " "
