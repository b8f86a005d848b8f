"""`tui/widgets/tables`: the gates table's enter runs the gate; the checklist table offers enter for findings or
for the gate only when the highlighted item has one (the footer never promises what enter will not do)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen
from tui_helpers import run

from readiness.tui.widgets.tables import ItemTable, OpenTable, RunTable


class _Items(Screen):
    kind: str | None = None

    def compose(self) -> ComposeResult:
        yield ItemTable(id="items")

    def enter_kind(self) -> str | None:
        return self.kind


class _Host(App):
    def on_mount(self) -> None:
        self.push_screen(_Items())


def test_item_table_offers_enter_only_for_what_the_item_has():
    async def scenario():
        app = _Host()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            table = screen.query_one(ItemTable)
            screen.kind = None
            assert not table.check_action("follow", ("findings",)) and not table.check_action("follow", ("gate",))
            screen.kind = "findings"
            assert table.check_action("follow", ("findings",)) and not table.check_action("follow", ("gate",))
            screen.kind = "gate"
            assert table.check_action("follow", ("gate",)) and not table.check_action("follow", ("findings",))
            assert table.check_action("select_cursor", ()) is True

    run(scenario())


def test_tables_are_row_cursor_tables_and_the_gates_table_says_run():
    assert OpenTable().cursor_type == "row"
    assert [b.description for b in RunTable.BINDINGS] == ["run"]
    assert [b.description for b in OpenTable.BINDINGS] == ["open"] and not OpenTable.BINDINGS[0].show
