"""The README stays true: it documents every sub-command and configuration key, and starts with the two commands."""

import argparse
from pathlib import Path

import pytest

from readiness.cli import build_parser
from readiness.core.config import KEYS

pytestmark = pytest.mark.contract

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _commands(parser: argparse.ArgumentParser, prefix: str = "readiness") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found.extend(_commands(sub, f"{prefix} {name}"))
    return found


def test_every_command_is_documented():
    commands = _commands(build_parser())
    assert "readiness check" in commands
    missing = [c for c in commands if c not in README and c.rsplit(" ", 1)[-1] not in README]
    assert missing == []


@pytest.mark.parametrize("key", sorted(KEYS))
def test_every_configuration_key_is_documented(key):
    assert f"`{key}`" in README


def test_readme_starts_with_install_and_test_commands():
    blocks = README.split("```sh\n")[1:3]
    install, tests = (block.split("\n```", 1)[0] for block in blocks)
    assert "pip install ." in install and "readiness check" in install
    assert "pip install -e '.[test]'" in tests and 'pytest -m "not slow"' in tests
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pytest -m "not slow" -n 2' in ci and 'pytest -m "not slow" -n 2' in tests
