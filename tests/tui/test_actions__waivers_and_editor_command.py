"""What the findings screen's actions write: inline waivers in the file's comment syntax and line endings,
refusals where a comment would change the program, configuration waivers validated like `readiness check`
reads them, and the editor command line with the line number."""

from __future__ import annotations

import tomllib

import pytest

from readiness.core import config as config_mod
from readiness.core.errors import ReadinessError
from readiness.core.models import Finding, Severity
from readiness.tui.actions import clean_reason, editor_command, waive_in_config, waive_inline


def finding(path: str, line: int | None, category: str = "todo-throw") -> Finding:
    return Finding(id="abc123", rule=f"{category}/x", category=category, severity=Severity.ERROR, path=path,
                   line=line, message="m")


@pytest.mark.parametrize(("name", "text", "line", "expected"), [
    ("a.py", "def f():\n    raise NotImplementedError\n", 2,
     "def f():\n    # readiness: ignore[todo-throw] on purpose\n    raise NotImplementedError\n"),
    ("a.ts", "function f() {\r\n  throw new Error('TODO');\r\n}\r\n", 2,
     "function f() {\r\n  // readiness: ignore[todo-throw] on purpose\r\n  throw new Error('TODO');\r\n}\r\n"),
    ("README.md", "# x\nTODO\n", 2, "# x\n<!-- readiness: ignore[todo-throw] on purpose -->\nTODO\n"),
])
def test_inline_waivers_use_the_comment_syntax_indentation_and_line_endings(tmp_path, name, text, line, expected):
    (tmp_path / name).write_bytes(text.encode())
    waive_inline(tmp_path, finding(name, line), "on purpose")
    assert (tmp_path / name).read_bytes().decode() == expected


def test_inline_waivers_refuse_where_a_comment_would_change_the_program(tmp_path):
    text = 'X = """\nsecret here\n"""\n'
    (tmp_path / "a.py").write_text(text)
    with pytest.raises(ReadinessError, match="multi-line string"):
        waive_inline(tmp_path, finding("a.py", 2), "fine")
    (tmp_path / "a.json").write_text('{"a": 1}\n')
    with pytest.raises(ReadinessError, match="configuration waiver"):
        waive_inline(tmp_path, finding("a.json", 1), "fine")
    with pytest.raises(ReadinessError, match="no line"):
        waive_inline(tmp_path, finding("a.py", None), "fine")
    assert (tmp_path / "a.py").read_text() == text


def test_a_reason_is_required_and_kept_on_one_line():
    with pytest.raises(ReadinessError):
        clean_reason("   \n ")
    assert clean_reason("ok */ then\nmore") == "ok * / then more"


def test_config_waivers_go_to_pyproject_or_a_new_readiness_toml_and_validate(tmp_path):
    waive_in_config(tmp_path, None, "f1", 'said "fine"')
    loaded = config_mod.load(tmp_path)
    assert loaded["waivers"] == [{"id": "f1", "reason": 'said "fine"'}]
    pyproject = tmp_path / "sub" / "pyproject.toml"
    pyproject.parent.mkdir()
    pyproject.write_text('[project]\nname = "x"\n\n[tool.readiness]\nfail_on = "warning"\n')
    waive_in_config(pyproject.parent, pyproject, "f2", "known")
    waive_in_config(pyproject.parent, pyproject, "f3", "also known")
    data = tomllib.loads(pyproject.read_text())
    assert data["tool"]["readiness"]["waivers"] == [{"id": "f2", "reason": "known"},
                                                    {"id": "f3", "reason": "also known"}]
    assert data["tool"]["readiness"]["fail_on"] == "warning"


def test_an_inline_waivers_list_gets_one_more_entry(tmp_path):
    config = tmp_path / "readiness.toml"
    config.write_text('waivers = [{ id = "a", reason = "b" }]\n')
    assert waive_in_config(tmp_path, config, "f1", "x") == config
    assert config_mod.load(tmp_path)["waivers"] == [{"id": "a", "reason": "b"}, {"id": "f1", "reason": "x"}]
    assert config.read_text().startswith('waivers = [{ id = "a", reason = "b" }, ')


@pytest.mark.parametrize(("editor", "expected"), [
    ("vim", ["vim", "+7", "/r/a.py"]),
    ("nano -w", ["nano", "-w", "+7", "/r/a.py"]),
    ("code --wait", ["code", "--wait", "--goto", "/r/a.py:7"]),
    ("subl", ["subl", "/r/a.py:7"]),
    ("/opt/bin/unknown-editor", ["/opt/bin/unknown-editor", "/r/a.py"]),
])
def test_the_editor_command_opens_at_the_line(editor, expected):
    from pathlib import Path

    assert editor_command(Path("/r/a.py"), 7, {"EDITOR": editor}) == expected
    assert editor_command(Path("/r/a.py"), 7, {"VISUAL": editor, "EDITOR": "ignored"}) == expected
