"""The screenshot script drives the real app on its fixture and writes one SVG per screen, none showing the
token it generated."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "screenshots" / "make_screenshots.py"


@pytest.mark.slow
def test_the_script_writes_the_screens(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert module.main(["--out", str(tmp_path / "out"), "--size", "100x30"]) == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["checklist.svg", "dashboard.svg", "findings.svg", "gates.svg", "triage.svg",
                       "trust-prompt.svg"]
    findings = (tmp_path / "out" / "findings.svg").read_text()
    assert "ghp_****" in findings.replace("&#160;", " ")
