"""A repository's code and configured commands run only after `readiness trust` for that exact configuration.

Each code-executing path would create a marker file: a configured gate command, a smoke command, the repository's
conftest.py (imported by pytest), a console script. Without trust none may exist after the run.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from readiness.core import config as config_mod
from readiness.core.errors import ConfigError
from readiness.core.gates import trust

pytestmark = pytest.mark.integration  # real processes: the full suite (CI), not the quick one


def _plant(project, markers) -> None:
    project.write("conftest.py", f"open({str(markers / 'conftest')!r}, 'w').close()\n")
    project.write("calc/cli.py", f"def main():\n    open({str(markers / 'script')!r}, 'w').close()\n    return 0\n")
    project.write("scripts/evil.sh", f"#!/bin/sh\ntouch {markers / 'evil'}\n")
    os.chmod(project.path / "scripts/evil.sh", 0o755)
    pyproject = project.path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + f"smoke_commands = [\"touch {markers / 'smoke'}\"]\n\n"
                         "[tool.readiness.gates.evil]\ncommand = [\"./scripts/evil.sh\"]\n\n"
                         "[tool.readiness.gates.lint]\nargs = [\"--select\", \"F\"]\n")


def _cli(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "readiness", *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120, env=os.environ.copy())


def test_untrusted_gates_are_skipped_and_nothing_runs(gate_project, run_gates_on, trust_home, tmp_path):
    markers = tmp_path / "markers"
    markers.mkdir()
    _plant(gate_project, markers)
    results = run_gates_on(gate_project.path, "tests,coverage,smoke,evil,lint")
    for gate in ("tests", "coverage", "smoke", "evil", "lint"):  # lint: its args come from the configuration
        assert str(results[gate].status) == "skip", results[gate]
        assert results[gate].summary == "untrusted: run `readiness trust`"
    assert sorted(os.listdir(markers)) == []


def test_trust_allows_exactly_this_configuration(gate_project, run_gates_on, trust_home, tmp_path):
    markers = tmp_path / "markers"
    markers.mkdir()
    _plant(gate_project, markers)
    shown = _cli("trust", "--show", cwd=gate_project.path)
    assert shown.returncode == 0 and ": untrusted:" in shown.stdout
    granted = _cli("trust", cwd=gate_project.path)
    assert granted.returncode == 0, granted.stderr
    assert "evil: ./scripts/evil.sh" in granted.stdout and "scripts/evil.sh" in granted.stdout
    store = trust.store_path()
    assert store.is_relative_to(trust_home)
    assert stat.S_IMODE(store.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.parent.stat().st_mode) == 0o700
    results = run_gates_on(gate_project.path, "evil,smoke")
    assert str(results["evil"].status) == "pass" and str(results["smoke"].status) == "pass", results
    assert sorted(os.listdir(markers)) == ["evil", "script", "smoke"]

    # the script a configured command calls changes: trust is stale, nothing runs again
    for marker in markers.iterdir():
        marker.unlink()
    gate_project.write("scripts/evil.sh", f"#!/bin/sh\ntouch {markers / 'evil'}\necho changed\n")
    assert str(run_gates_on(gate_project.path, "evil")["evil"].status) == "skip"
    assert ": changed:" in _cli("trust", "--show", cwd=gate_project.path).stdout

    # trusted again, then the configuration changes: stale again
    assert _cli("trust", cwd=gate_project.path).returncode == 0
    pyproject = gate_project.path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"--select", "F"', '"--select", "E"'))
    assert str(run_gates_on(gate_project.path, "evil")["evil"].status) == "skip"
    assert os.listdir(markers) == []

    # revoked: untrusted
    assert _cli("trust", cwd=gate_project.path).returncode == 0
    revoked = _cli("trust", "--revoke", cwd=gate_project.path)
    assert revoked.returncode == 0 and "revoked" in revoked.stdout
    assert str(run_gates_on(gate_project.path, "evil")["evil"].status) == "skip"
    assert os.listdir(markers) == []


def test_explicit_trust_flag_runs_without_a_record(gate_project, run_gates_on, trust_home, tmp_path):
    markers = tmp_path / "markers"
    markers.mkdir()
    _plant(gate_project, markers)
    assert str(run_gates_on(gate_project.path, "evil", trust=True)["evil"].status) == "pass"
    assert os.listdir(markers) == ["evil"]
    assert not trust.store_path().exists()


@pytest.mark.parametrize("key", ["trust = true", "trusted_paths = [\"/\"]", "trusted = true"])
def test_a_configuration_can_never_mark_itself_trusted(gate_project, trust_home, key):
    pyproject = gate_project.path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + key + "\n")
    with pytest.raises(ConfigError):
        config_mod.load(gate_project.path)


def test_trust_is_bound_to_the_repository_path(gate_project, trust_home, tmp_path):
    cfg = config_mod.load(gate_project.path)
    trust.grant(trust.subject(gate_project.path, cfg), "test")
    assert trust.is_trusted(trust.subject(gate_project.path, cfg))
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-a", str(gate_project.path), str(copy)], check=True)
    assert not trust.is_trusted(trust.subject(copy, config_mod.load(copy)))


def test_a_store_writable_by_others_is_ignored(gate_project, trust_home):
    cfg = config_mod.load(gate_project.path)
    current = trust.subject(gate_project.path, cfg)
    trust.grant(current, "test")
    os.chmod(trust.store_path(), 0o666)  # nosec B103 - the test makes the store unsafe on purpose
    assert not trust.is_trusted(current)
