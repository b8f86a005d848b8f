"""A configuration waiver goes where the configuration lives: a `[tool.readiness]` table in pyproject.toml
(never a new readiness.toml, which would take precedence and silently hide that table), pyproject.toml when the
project has one, a new readiness.toml only when there is nothing else; the waive dialog names that file."""

from __future__ import annotations

import tomllib

from textual.widgets import DataTable
from tui_helpers import poll_until, run, running_app, screen_text, wait_for_text

from readiness.core import config as config_mod
from readiness.tui.actions import describe_target, waive_in_config, waiver_target
from readiness.tui.screens.findings import FindingsScreen

PYPROJECT = '[project]\nname = "x"\n\n[tool.readiness]\nfail_on = "warning"\n'


def test_a_table_added_after_the_scan_gets_the_waiver(tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    assert waiver_target(tmp_path, None) == tmp_path / "pyproject.toml"
    assert describe_target(tmp_path, None) == "pyproject.toml"
    waive_in_config(tmp_path, None, "f1", "known")
    assert not (tmp_path / "readiness.toml").exists()
    data = tomllib.loads((tmp_path / "pyproject.toml").read_text())
    assert data["tool"]["readiness"] == {"fail_on": "warning", "waivers": [{"id": "f1", "reason": "known"}]}
    assert config_mod.load(tmp_path)["waivers"] == [{"id": "f1", "reason": "known"}]


def test_a_pyproject_without_the_table_gets_one(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert describe_target(tmp_path, None) == "pyproject.toml"
    waive_in_config(tmp_path, None, "f2", "fine")
    assert not (tmp_path / "readiness.toml").exists()
    assert config_mod.load(tmp_path)["waivers"] == [{"id": "f2", "reason": "fine"}]


def test_a_new_readiness_toml_only_without_any_configuration(tmp_path):
    assert describe_target(tmp_path, None) == "readiness.toml (new file)"
    assert waive_in_config(tmp_path, None, "f3", "ok") == tmp_path / "readiness.toml"


def test_a_configuration_removed_since_the_scan_is_not_recreated(tmp_path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    gone = tmp_path / "readiness.toml"  # the scan read it; it was deleted since
    assert waiver_target(tmp_path, gone) == tmp_path / "pyproject.toml"


def test_the_waive_dialog_names_pyproject(demo_repo):
    demo_repo.write("pyproject.toml", PYPROJECT)

    async def scenario():
        async with running_app(demo_repo) as (app, pilot):
            assert app.state.result.config.source == demo_repo.path / "pyproject.toml"
            await pilot.press("f")
            await poll_until(pilot, lambda: isinstance(app.screen, FindingsScreen), what="the findings")
            app.screen.query_one("#finding-table", DataTable).focus()
            await pilot.press("w")
            await wait_for_text(pilot, app, "waiver in pyproject.toml (by finding id)")
            assert "readiness.toml" not in screen_text(app)

    run(scenario())
