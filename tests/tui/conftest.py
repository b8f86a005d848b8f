"""Fixtures of the TUI tests: the demo repository, and user state kept out of the developer's home."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import build_demo_repo


@pytest.fixture(scope="session")
def demo_template(make_git_repo):
    """The demo repository, built with real git once per session (per xdist worker); tests get copies."""
    return build_demo_repo(make_git_repo("demo-template"))


@pytest.fixture
def demo_repo(demo_template, copy_git_repo, tmp_path: Path):
    """A copy of the demo repository at `<tmp_path>/repo` (the header shows the folder name `repo`); the shas are
    the template's, and `secret` is the template's generated secret."""
    demo = copy_git_repo(demo_template.path, tmp_path / "repo")
    demo.secret = demo_template.secret
    return demo


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust records and other user state go to a temporary folder; no editor from the developer's shell."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("READINESS_SECRET_KEY", "tui-tests-fixed-key-0123456789")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
