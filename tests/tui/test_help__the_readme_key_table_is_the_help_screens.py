"""The README's key table is the help screen's: each screen's own keys and the keys that work everywhere, as `?`
lists them (`key_rows`), collected from the running app. A differing README fails this test; run it with
READINESS_UPDATE_README=1 to write the table between the markers instead."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import DataTable
from tui_helpers import poll_until, run, running_app

from readiness.tui.screens.help import key_rows, key_table_markdown

README = Path(__file__).resolve().parents[2] / "README.md"
START, END = "<!-- keys: the help screen's table", "<!-- keys: end -->"


def merge(into: list, rows: list) -> None:
    for row in rows:
        if row not in into:
            into.append(row)


async def collect(app, pilot) -> list[tuple[str, list]]:
    screens = []
    for name, key in (("Dashboard", None), ("Checklist", "c"), ("Findings", "f"), ("Gates", "g"),
                      ("Blockers", "b"), ("Triage", "t")):
        if key is not None:
            app.action_open("dashboard")
            await pilot.pause()
            app.action_open(name.lower())
            await poll_until(pilot, lambda n=name: type(app.screen).__name__ == f"{n}Screen", what=name)
        await pilot.pause()
        rows: list = []
        tables = list(app.screen.query(DataTable))
        table = tables[0] if tables else None
        if name == "Checklist" and table is not None:  # the keys of every kind of item: union over the rows
            for row in range(table.row_count):
                table.move_cursor(row=row)
                await pilot.pause()
                merge(rows, key_rows(app.screen))
        else:
            merge(rows, key_rows(app.screen))
        screens.append((name, rows))
    return screens


def test_the_readme_key_table_is_the_help_screens(demo_repo):
    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            table = key_table_markdown(await collect(app, pilot))
        text = README.read_text(encoding="utf-8")
        start = text.index(START)
        body_start = text.index("\n", start) + 1
        end = text.index(END)
        if os.environ.get("READINESS_UPDATE_README") == "1":
            README.write_text(text[:body_start] + table + text[end:], encoding="utf-8")
            return
        assert text[body_start:end] == table, "README key table differs: rerun with READINESS_UPDATE_README=1"

    run(scenario())
