"""[tool.readiness.gates.<id>] tables are validated when the configuration loads, with file and key named."""

from __future__ import annotations

import pytest

from readiness.core import config
from readiness.core.errors import ConfigError
from readiness.core.gates import parse_selection
from readiness.core.gates.settings import settings_for


def _load(tmp_path, body: str) -> config.Config:
    (tmp_path / "pyproject.toml").write_text(f"[tool.readiness]\n{body}\n", encoding="utf-8")
    return config.load(tmp_path)


def test_valid_gate_tables_load_and_give_settings(tmp_path):
    cfg = _load(tmp_path, """
python = ".venv/bin/python"
smoke_commands = ["mytool --version"]
hot_paths = ["src/core/**"]
[tool.readiness.gates.coverage]
threshold = 80
timeout = 120
[tool.readiness.gates.security]
threshold = "medium"
[tool.readiness.gates.docs]
enabled = false
[tool.readiness.gates.typecheck]
command = "mypy --strict src"
""")
    gates = cfg["gates"]
    assert settings_for("coverage", gates).threshold == 80 and settings_for("coverage", gates).timeout == 120
    assert settings_for("docs", gates).enabled is False
    custom = settings_for("typecheck", gates)
    assert custom.command == ("mypy", "--strict", "src") and custom.from_config
    assert not settings_for("lint", gates).from_config
    assert parse_selection("all", cfg.values)[-1] == "typecheck"
    assert parse_selection("lint,typecheck", cfg.values) == ["lint", "typecheck"]
    assert parse_selection("none", cfg.values) == []


@pytest.mark.parametrize(("body", "expected"), [
    ("[tool.readiness.gates.lint]\ncolor = true", "unknown key color"),
    ("[tool.readiness.gates.mine]\ntimeout = 5", "needs a command"),
    ("[tool.readiness.gates.lint]\ncommand = []", "command is empty"),
    ("[tool.readiness.gates.lint]\ncommand = [1, 2]", "list of strings or a string"),
    ("[tool.readiness.gates.lint]\ntimeout = 0", "between 1 and 3600"),
    ("[tool.readiness.gates.lint]\nenabled = \"no\"", "true or false"),
    ("[tool.readiness.gates.coverage]\nthreshold = 120", "from 0 to 100"),
    ("[tool.readiness.gates.security]\nthreshold = \"critical\"", '"low", "medium" or "high"'),
    ("[tool.readiness.gates.tests]\nthreshold = 3", "has no threshold"),
    ("[tool.readiness.gates.\"Bad Id\"]\ncommand = [\"x\"]", "gate ids are"),
    ("gates = 3", "must be a table"),
])
def test_invalid_gate_tables_are_configuration_errors(tmp_path, body, expected):
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, body)
    assert expected in str(caught.value)
    assert "pyproject.toml" in str(caught.value)


def test_unknown_gate_in_a_selection_is_a_usage_error(tmp_path):
    cfg = _load(tmp_path, "")
    with pytest.raises(Exception) as caught:
        parse_selection("lint,bogus", cfg.values)
    assert "unknown gate 'bogus'" in str(caught.value)
    assert getattr(caught.value, "exit_code", None) == 2
