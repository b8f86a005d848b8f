"""Configuration: defaults, both file locations, and one clear error per malformed shape."""

import os

import pytest

from readiness.core import config
from readiness.core.errors import ConfigError


def _write(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / name


def test_defaults_without_any_file(tmp_path):
    cfg = config.load(tmp_path)
    assert cfg.source is None
    assert cfg["fail_on"] == "error"
    assert cfg["max_file_size"] == 1 << 20
    assert "tests/**" in cfg["test_globs"]


def test_pyproject_table_is_read(tmp_path):
    _write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.readiness]\nfail_on = "warning"\n'
                                       'exclude = ["vendor/**"]\n')
    cfg = config.load(tmp_path)
    assert cfg["fail_on"] == "warning"
    assert cfg["exclude"] == ["vendor/**"]
    assert cfg.source == tmp_path / "pyproject.toml"


def test_readiness_toml_wins_over_pyproject(tmp_path):
    _write(tmp_path, "pyproject.toml", '[tool.readiness]\nfail_on = "warning"\n')
    _write(tmp_path, "readiness.toml", 'fail_on = "never"\n')
    assert config.load(tmp_path)["fail_on"] == "never"


def test_pyproject_without_table_gives_defaults(tmp_path):
    _write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert config.load(tmp_path).source is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[tool.readiness]\nfail_on = "error"\nmax_file_sise = 3\n', "pyproject.toml:3: unknown key max_file_sise"),
        ('[tool.readiness]\n\nmax_file_size = "big"\n', "pyproject.toml:3: max_file_size must be int, got str"),
        ('[tool.readiness]\nfail_on = "sometimes"\n', "fail_on must be one of error, warning, never"),
        ('[tool.readiness]\nmax_file_size = -1\n', "max_file_size must be a positive number"),
        ('[tool.readiness]\nseverity = { todo-throws = "info" }\n', "unknown category 'todo-throws'"),
        ('[tool.readiness]\nseverity = { todo-throw = "fatal" }\n', "severity must be one of info, warning, error"),
        ('[tool.readiness]\nwaivers = [{ id = "abc" }]\n', "waiver abc needs a reason"),
        ('[tool.readiness]\ntrusted = true\n', "trusted is not allowed"),
        ('[tool.readiness]\nfail_on = \n', "invalid TOML"),
        ("[tool]\nreadiness = 3\n", "tool.readiness must be a table"),
    ],
)
def test_malformed_configuration_is_one_clear_error(tmp_path, text, expected):
    _write(tmp_path, "pyproject.toml", text)
    with pytest.raises(ConfigError) as info:
        config.load(tmp_path)
    message = str(info.value)
    assert expected in message
    assert "\n" not in message


def test_fifo_config_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "readiness.toml")
    with pytest.raises(ConfigError, match="not a regular file"):
        config.load(tmp_path)


def test_non_utf8_config_is_an_error(tmp_path):
    (tmp_path / "readiness.toml").write_bytes(b'fail_on = "\xff"\n')
    with pytest.raises(ConfigError, match="not valid UTF-8"):
        config.load(tmp_path)


def test_init_template_parses_and_lists_every_key():
    import tomllib

    text = config.render_init()
    for key in config.KEYS:
        assert f"# {key} = " in text
    keys = tuple(f"# {key} = " for key in config.KEYS)
    uncommented = "\n".join(line[2:] if line.startswith(keys) else line for line in text.splitlines())
    data = tomllib.loads(uncommented)["tool"]["readiness"]
    assert set(data) == set(config.KEYS)
