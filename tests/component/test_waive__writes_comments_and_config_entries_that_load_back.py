"""Waivers written by the core (`readiness.core.waive`): any reason text comes back through `config.load` exactly
(one line), an inline `waivers = [...]` list and `[[waivers]]` tables each get one more entry in their own form,
comments and the rest of the file are kept, and a reason holding a secret is refused with nothing written."""

from __future__ import annotations

import random
import tomllib

import pytest

from readiness.core import config as config_mod
from readiness.core.errors import UsageError
from readiness.core.models import Finding, Severity
from readiness.core.waive import waive_in_config, waive_inline


def finding(path: str, line: int | None, category: str = "todo-throw") -> Finding:
    return Finding(id="abc123", rule=f"{category}/x", category=category, severity=Severity.ERROR, path=path,
                   line=line, message="m")


@pytest.mark.parametrize(("reason", "expected"), [
    ('said "fine"', 'said "fine"'),
    ("C:\\temp\\new \\u0041 not an escape", "C:\\temp\\new \\u0041 not an escape"),
    ('tricky """ and \'\'\' quotes', 'tricky """ and \'\'\' quotes'),
    ("two\nlines\r\nand a\ttab", "two lines and a tab"),
    ("ends with a backslash \\", "ends with a backslash \\"),
])
def test_any_reason_loads_back_exactly(git_repo, reason, expected):
    root = git_repo.path
    written = waive_in_config(root, None, "f1", reason)
    assert written.path == root / "readiness.toml"
    assert config_mod.load(root)["waivers"] == [{"id": "f1", "reason": expected}]
    assert tomllib.loads(written.text.join(["x = ", ""]))["x"] == {"id": "f1", "reason": expected}


def test_an_inline_list_gets_an_inline_entry_and_keeps_its_comments(git_repo):
    root = git_repo.path
    text = ('# project policy\nfail_on = "warning"  # stricter than the default\n'
            'waivers = [\n  { id = "a", reason = "b" },  # the old one\n]\n# end of file\n')
    git_repo.write("readiness.toml", text)
    waive_in_config(root, root / "readiness.toml", "f2", "known \"issue\"")
    after = (root / "readiness.toml").read_text()
    for comment in ("# project policy", "# stricter than the default", "# the old one", "# end of file"):
        assert comment in after
    assert "[[waivers]]" not in after
    loaded = config_mod.load(root)
    assert loaded["waivers"] == [{"id": "a", "reason": "b"}, {"id": "f2", "reason": 'known "issue"'}]
    assert loaded["fail_on"] == "warning"


def test_an_array_of_tables_gets_a_table(git_repo):
    root = git_repo.path
    text = '[[waivers]]\nid = "a"\nreason = "b"  # why\n\n[gates.lint]\nenabled = false\n'
    git_repo.write("readiness.toml", text)
    waive_in_config(root, root / "readiness.toml", "f3", "fine")
    after = (root / "readiness.toml").read_text()
    assert after.count("[[waivers]]") == 2 and "# why" in after
    loaded = config_mod.load(root)
    assert loaded["waivers"] == [{"id": "a", "reason": "b"}, {"id": "f3", "reason": "fine"}]
    assert loaded["gates"] == {"lint": {"enabled": False}}


def test_pyproject_keeps_everything_else_byte_for_byte(git_repo):
    root = git_repo.path
    head = '[project]\nname = "x"  # the name\n\n[tool.readiness]\nfail_on = "warning"\n'
    tail = '\n[tool.ruff]\nline-length = 100\n'
    git_repo.write("pyproject.toml", head + tail)
    waive_in_config(root, None, "f4", "ok")
    waive_in_config(root, None, "f5", "also ok")
    after = (root / "pyproject.toml").read_text()
    assert after.startswith(head) and after.endswith(tail)
    assert config_mod.load(root)["waivers"] == [{"id": "f4", "reason": "ok"}, {"id": "f5", "reason": "also ok"}]
    assert tomllib.loads(after)["tool"]["ruff"] == {"line-length": 100}


def test_a_pyproject_without_the_table_gets_one(git_repo):
    root = git_repo.path
    git_repo.write("pyproject.toml", '[project]\nname = "x"\n')
    waive_in_config(root, None, "f6", "fine")
    assert not (root / "readiness.toml").exists()
    assert config_mod.load(root)["waivers"] == [{"id": "f6", "reason": "fine"}]


def test_crlf_files_stay_crlf(git_repo):
    root = git_repo.path
    git_repo.write("readiness.toml", b'fail_on = "warning"\r\n')
    waive_in_config(root, root / "readiness.toml", "f7", "fine")
    raw = (root / "readiness.toml").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert config_mod.load(root)["waivers"] == [{"id": "f7", "reason": "fine"}]


def test_a_reason_with_a_secret_is_refused_and_nothing_is_written(git_repo, fake_secrets):
    root = git_repo.path
    make, _, _ = fake_secrets["github-token"]
    token = make(random.Random(7))
    git_repo.write("readiness.toml", 'fail_on = "warning"\n')
    git_repo.write("a.py", "def f():\n    raise NotImplementedError\n")
    with pytest.raises(UsageError) as caught:
        waive_in_config(root, root / "readiness.toml", "f8", f"test key {token}")
    message = str(caught.value)
    assert "secret" in message and token not in message and "\n" not in message
    with pytest.raises(UsageError, match="secret"):
        waive_inline(root, finding("a.py", 2), f"uses {token}")
    assert (root / "readiness.toml").read_text() == 'fail_on = "warning"\n'
    assert (root / "a.py").read_text() == "def f():\n    raise NotImplementedError\n"


def test_inline_waivers_return_the_comment_in_the_file_syntax(git_repo):
    root = git_repo.path
    git_repo.write("lib.go", "func f() {\n\tpanic(\"TODO\")\n}\n")
    written = waive_inline(root, finding("lib.go", 2), 'said "later"')
    assert written.path == root / "lib.go"
    assert written.text == '// readiness: ignore[todo-throw] said "later"'
    assert (root / "lib.go").read_text() == ('func f() {\n\t// readiness: ignore[todo-throw] said "later"\n'
                                             '\tpanic("TODO")\n}\n')
