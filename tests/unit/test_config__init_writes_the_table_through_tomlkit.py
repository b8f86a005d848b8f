"""`readiness init`'s configuration goes through tomlkit: the commented `[tool.readiness]` table joins the `tool`
tables of pyproject.toml, the rest of the file stays byte for byte, and every default is written as valid TOML."""

from __future__ import annotations

import tomllib

import pytest

from readiness.core import config
from readiness.core.errors import ConfigError


def test_the_table_joins_existing_tool_tables_and_keeps_the_file(tmp_path):
    text = '# my project\r\n[project]\r\nname = "x"\r\n\r\n[tool.ruff]\r\nline-length = 100  # wide\r\n'
    out = config.init_text(text, pyproject=True)
    assert out.startswith(text) and "\n" not in out.replace("\r\n", "")
    data = tomllib.loads(out)
    assert data["tool"]["ruff"] == {"line-length": 100} and data["tool"]["readiness"] == {}
    (tmp_path / "pyproject.toml").write_text(out, newline="")
    assert config.load(tmp_path).values == {}


def test_a_tool_that_is_not_a_table_is_refused():
    with pytest.raises(ConfigError, match="tool is not a table"):
        config.init_text('tool = "x"\n', pyproject=True)


def test_default_values_are_escaped_toml():
    assert config._toml_value('a "quoted" \\ value') == '"a \\"quoted\\" \\\\ value"'
    assert config._toml_value({"missing-test": "info"}) == '{missing-test = "info"}'
    text = config.init_text(None, pyproject=False)
    keys = tuple(f"# {key} = " for key in config.KEYS)
    uncommented = "\n".join(line[2:] if line.startswith(keys) else line for line in text.splitlines())
    assert set(tomllib.loads(uncommented)) == set(config.KEYS)
