"""Fixtures of the TUI tests: the demo repository, and user state kept out of the developer's home."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import build_demo_repo


@pytest.fixture
def demo_repo(git_repo):
    return build_demo_repo(git_repo)


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust records and other user state go to a temporary folder; no editor from the developer's shell."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("READINESS_SECRET_KEY", "tui-tests-fixed-key-0123456789")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
