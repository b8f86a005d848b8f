"""`readiness trust` lists what trusting would allow to run; a credential written into a configured command is
masked there (as in the TUI's trust prompt), never printed."""

from __future__ import annotations

import random

import pytest

from readiness.cli import main


@pytest.fixture
def token(fake_secrets) -> str:
    make, _, _ = fake_secrets["github-token"]
    return make(random.Random(7))


@pytest.fixture
def configured(gate_project, token):
    pyproject = gate_project.path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n[tool.readiness.gates.deploy]\n"
                         f"command = [\"./scripts/deploy.sh\", \"--token\", \"{token}\"]\n")
    return gate_project


@pytest.mark.parametrize("action", [["--show"], []], ids=["show", "grant"])
def test_configured_command_is_listed_with_its_secret_masked(capsys, configured, trust_home, token, action):
    code = main(["trust", *action, "--repo", str(configured.path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    line = next(line for line in out.splitlines() if line.strip().startswith("deploy: "))
    assert line.strip().startswith("deploy: ./scripts/deploy.sh --token ") and "****" in line
    assert token not in out and token not in err
