"""A gate whose tool is missing says the one command that installs it into the environment readiness looked in:
its own interpreter's pip, `pipx inject` for a pipx install, `uv tool install --with` for a uv tool."""

import shutil
import sys

import pytest

from readiness.core.gates.install import install_command


@pytest.mark.parametrize(("prefix", "expected"), [
    ("/home/u/.local/share/pipx/venvs/readiness", "pipx inject readiness ruff"),
    ("/home/u/.local/share/uv/tools/readiness", "uv tool install --reinstall --with ruff readiness"),
    ("/home/u/project/.venv", "'/home/u/my env/bin/python' -m pip install ruff"),
])
def test_install_command_follows_the_environment(prefix, expected):
    assert install_command("ruff", prefix=prefix, executable="/home/u/my env/bin/python") == expected


@pytest.mark.parametrize(("gate", "tool"), [("lint", "ruff"), ("security", "bandit")])
def test_lint_and_security_name_the_command_when_the_tool_is_missing(gate, tool, gate_project, run_gates_on,
                                                                     tmp_path, monkeypatch):
    empty = tmp_path / "empty-env" / "bin"
    empty.mkdir(parents=True)
    monkeypatch.setattr(sys, "executable", str(empty / "python"))  # readiness's own environment: no tools
    git_only = tmp_path / "git-only"
    git_only.mkdir()
    (git_only / "git").symlink_to(shutil.which("git"))
    monkeypatch.setenv("PATH", str(git_only))  # git, and no ruff or bandit
    gate_project.write("calc/ops.py", (gate_project.path / "calc/ops.py").read_text() + "\n\nX = 1\n")
    result = run_gates_on(gate_project.path, gate)[gate]
    assert str(result.status) == "error"
    assert result.summary.startswith(f"not installed: `{tool}` not found")
    assert f"`{empty / 'python'} -m pip install {tool}`" in result.summary
    assert "readiness[gates]" in result.summary
