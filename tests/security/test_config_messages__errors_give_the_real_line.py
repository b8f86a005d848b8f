"""Configuration errors point at the line to fix: gate-table errors give the real line (never `pyproject.toml:?:`)
and name the table as the file writes it; a key is found in its own table, not in another tool's; a readiness.toml
written like pyproject.toml (`[tool.readiness]`) gets one line saying what to change. Exit 2, no traceback."""

from __future__ import annotations

import pytest

from readiness.cli import main
from readiness.core.config_lines import line_of

CASES = [
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.readiness]\nbase = "main"\n\n[tool.readiness.gates.hang]\n'
     'command = ["true"]\ntimeout = 0\n',
     ":9: [tool.readiness.gates.hang] timeout must be a number of seconds between 1 and 3600"),
    ("pyproject.toml", "[tool.readiness.gates.lint]\nthreshold = 5\nbogus = 1\n",
     ":3: [tool.readiness.gates.lint] unknown key bogus"),
    ("pyproject.toml", "[tool.readiness.gates.mine]\nargs = []\n",
     ":1: [tool.readiness.gates.mine] a gate that is not built in needs a command"),
    ("pyproject.toml", '[tool.readiness]\ngates = { "Bad Id" = {} }\n', ":2: [tool.readiness.gates.Bad Id] gate ids"),
    ("readiness.toml", "[gates.security]\nthreshold = 3\n", ":2: [gates.security] threshold must be"),
    ("pyproject.toml", '[tool.other]\nbase = 1\n\n[tool.readiness]\nbase = 5\n', ":5: base must be str"),
    ("readiness.toml", '[tool.readiness]\nbase = "main"\n',
     ":1: [tool.readiness] is how pyproject.toml names the table; in readiness.toml the keys go at the top level"),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[2].split(" ", 2)[1] for c in CASES])
def test_the_error_names_the_line_to_fix(git_repo, capsys, name, text, expected):
    git_repo.write("README.md", "# r\n")
    git_repo.write(name, text)
    code = main(["check", "--repo", str(git_repo.path)])
    err = capsys.readouterr().err
    assert code == 2
    (line,) = err.strip().splitlines()
    assert f"{name}{expected}" in line, line
    assert ":?:" not in line


def test_line_of_follows_headers_dotted_keys_and_quotes():
    text = ('[tool.other]\nbase = 1\n[tool.readiness]\nbase = "m"\ngates.lint.timeout = 4\n'
            '[tool.readiness.gates."my-gate"]\ncommand = "x"\n')
    assert line_of(text, ("tool", "readiness", "base")) == 4
    assert line_of(text, ("tool", "readiness", "gates", "lint", "timeout")) == 5
    assert line_of(text, ("tool", "readiness", "gates", "my-gate", "command")) == 7
    assert line_of(text, ("tool", "readiness", "gates", "my-gate", "args")) == 6  # the table: the key is missing
    assert line_of(text, ("nothing",)) is None
