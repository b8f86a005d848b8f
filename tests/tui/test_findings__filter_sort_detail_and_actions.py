"""The findings screen as a user drives it: filter by typing, sort, read the detail, copy, waive, open the editor."""

from __future__ import annotations

import sys
import tomllib

from textual.widgets import DataTable, Input
from tui_helpers import poll_until, run, running_app, screen_text, settle

from readiness.tui.screens.findings import FindingsScreen
from readiness.tui.screens.modals import WaiveScreen


async def open_findings(app, pilot) -> FindingsScreen:
    await settle(app, pilot)
    await pilot.press("f")
    await pilot.pause()
    assert isinstance(app.screen, FindingsScreen)
    return app.screen


def select(screen: FindingsScreen, category: str) -> None:
    table = screen.query_one("#finding-table", DataTable)
    keys = [key.value for key in table.rows]
    index = next(i for i, key in enumerate(keys) if screen.shown[key].category == category)
    table.move_cursor(row=index)


def test_typing_in_the_filter_narrows_the_table_and_s_changes_the_sort(demo_repo):
    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            screen = await open_findings(app, pilot)
            everything = len(screen.shown_findings())
            await pilot.press("slash")
            assert isinstance(app.focused, Input)
            await pilot.press(*"secret")
            await pilot.pause()
            shown = screen.shown_findings()
            assert 0 < len(shown) < everything
            assert {f.category for f in shown} <= {"hardcoded-secret", "printed-secret"}
            await pilot.press("escape")  # leaves the filter, keeps it
            assert isinstance(app.focused, DataTable) and len(screen.shown_findings()) == len(shown)
            assert screen.sort == "severity"
            await pilot.press("s")
            assert screen.sort == "location"
            paths = [(f.path, f.line or 0) for f in screen.shown_findings()]
            assert paths == sorted(paths)

    run(scenario())


def test_the_detail_explains_the_rule_and_shows_the_code_around_the_line(demo_repo):
    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            screen = await open_findings(app, pilot)
            select(screen, "todo-throw")
            await poll_until(pilot, lambda: "raise NotImplementedError" in screen_text(app), what="the code")
            text = screen_text(app)
            assert "What" in text and "Why" in text and "Fix" in text
            assert "def refund(order):" in text

    run(scenario())


def test_y_copies_the_location(demo_repo):
    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            screen = await open_findings(app, pilot)
            select(screen, "todo-throw")
            await pilot.press("y")
            assert app.clipboard == "pkg/payments.py:7"

    run(scenario())


def test_waiving_inline_writes_the_comment_and_the_finding_turns_waived(demo_repo):
    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            screen = await open_findings(app, pilot)
            select(screen, "todo-throw")
            await pilot.press("w")
            await pilot.pause()
            assert isinstance(app.screen, WaiveScreen)
            await pilot.press(*"abstract on purpose", "enter")
            await poll_until(pilot, lambda: any(f.category == "todo-throw" and f.waived for f in app.state.findings),
                           what="the waived finding")
            lines = (demo_repo.path / "pkg/payments.py").read_text().splitlines()
            assert lines[6:8] == ["    # readiness: ignore[todo-throw] abstract on purpose",
                                  "    raise NotImplementedError"]

    run(scenario())


def test_waiving_in_the_configuration_writes_a_readiness_toml_entry(demo_repo):
    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            screen = await open_findings(app, pilot)
            select(screen, "silent-failure")
            finding = screen.selected()
            await pilot.press("w")
            await pilot.pause()
            await pilot.press(*"logged upstream")
            await pilot.click("#waive-config")
            await pilot.click("#ok")
            await poll_until(pilot, lambda: any(f.id == finding.id and f.waived for f in app.state.findings),
                           what="the waived finding")
            data = tomllib.loads((demo_repo.path / "readiness.toml").read_text())
            assert data["waivers"] == [{"id": finding.id, "reason": "logged upstream"}]

    run(scenario())


def test_e_opens_the_editor_at_the_line(demo_repo, tmp_path, monkeypatch):
    record = tmp_path / "editor-args"
    script = tmp_path / "fake-editor.py"
    script.write_text(f"import sys\nopen({str(record)!r}, 'w').write(' '.join(sys.argv[1:]))\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")

    async def scenario():
        async with running_app(demo_repo, settled=False) as (app, pilot):
            screen = await open_findings(app, pilot)
            select(screen, "todo-throw")
            await pilot.press("e")
            await poll_until(pilot, record.exists, what="the editor")
            assert record.read_text() == f"{demo_repo.path / 'pkg/payments.py'}"

    run(scenario())
