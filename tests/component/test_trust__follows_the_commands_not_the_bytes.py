"""Trust follows what the gates would execute, not the bytes of the configuration: comments, key order, a changed
threshold and `readiness init`'s all-commented table keep it; a changed gate command or script revokes it, and
`trust --show` lists what changed. The store keeps commands as digests and masked display lines (a token in a
gate command is never written to it), and a damaged or world-writable store says so in one line, with what to do."""

from __future__ import annotations

import json
import os
import random

import pytest

from readiness.cli import main
from readiness.core import config as config_mod
from readiness.core.gates import trust


def show(capsys, path) -> str:
    assert main(["trust", "--show", "--repo", str(path)]) == 0
    return capsys.readouterr().out


def grant(capsys, path) -> None:
    assert main(["trust", "--repo", str(path)]) == 0
    capsys.readouterr()


def status_line(out: str) -> str:
    return out.splitlines()[0]


def test_readiness_init_and_cosmetic_edits_keep_trust(git_repo, trust_home, capsys):
    git_repo.write("pkg/__init__.py", "")
    git_repo.commit("initial")
    grant(capsys, git_repo.path)
    assert ": trusted" in status_line(show(capsys, git_repo.path))
    assert main(["init", "--repo", str(git_repo.path)]) == 0  # an all-commented [tool.readiness] table
    capsys.readouterr()
    assert (git_repo.path / "pyproject.toml").exists() or (git_repo.path / "readiness.toml").exists()
    assert ": trusted" in status_line(show(capsys, git_repo.path))


def test_comments_key_order_and_thresholds_keep_trust_a_command_change_shows_the_diff(gate_project, trust_home,
                                                                                      capsys):
    pyproject = gate_project.path / "pyproject.toml"
    base = pyproject.read_text()
    pyproject.write_text(base + 'fail_on = "error"\n[tool.readiness.gates.tests]\nargs = ["-q"]\ntimeout = 60\n')
    grant(capsys, gate_project.path)
    # comments, another key order, a threshold and a timeout: nothing that runs changed
    pyproject.write_text(base + '# the gates\n[tool.readiness.gates.tests]\ntimeout = 90  # slower CI\n'
                         'args = ["-q"]\n[tool.readiness.gates.coverage]\nthreshold = 50\n')
    assert ": trusted" in status_line(show(capsys, gate_project.path))
    # a real change to a command: changed, with what changed
    pyproject.write_text(base + '[tool.readiness.gates.tests]\nargs = ["-q", "-x"]\n')
    out = show(capsys, gate_project.path)
    assert ": changed:" in status_line(out) and "run `readiness trust`" in status_line(out)
    diff = out.split("changed since trusted:")[1].split("  configuration:")[0]
    assert "- tests: " in diff and "+ tests: " in diff and "-x" in diff
    assert "-m pytest -q -x" in next(line for line in diff.splitlines() if line.strip().startswith("+ tests"))


def test_a_changed_script_is_named_in_the_diff(gate_project, trust_home, capsys):
    gate_project.write("scripts/check.sh", "#!/bin/sh\nexit 0\n")
    pyproject = gate_project.path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + '[tool.readiness.gates.check]\ncommand = ["sh", "scripts/check.sh"]\n')
    grant(capsys, gate_project.path)
    gate_project.write("scripts/check.sh", "#!/bin/sh\nexit 1\n")
    out = show(capsys, gate_project.path)
    assert ": changed:" in status_line(out)
    assert "~ script scripts/check.sh  (its content changed)" in out


@pytest.fixture
def token(fake_secrets) -> str:
    make, _, _ = fake_secrets["github-token"]
    return make(random.Random(16))


def test_the_store_keeps_a_digest_and_a_masked_display_never_the_token(gate_project, trust_home, capsys, token):
    pyproject = gate_project.path / "pyproject.toml"
    base = pyproject.read_text()
    pyproject.write_text(base + f'[tool.readiness.gates.notify]\ncommand = "echo {token}"\n')
    grant(capsys, gate_project.path)
    stored = trust.store_path().read_text()
    assert token not in stored
    record = json.loads(stored)["repositories"][os.path.realpath(gate_project.path)]
    notify = next(c for c in record["gate_commands"] if c["gate"] == "notify")
    assert notify["display"].startswith("notify: echo ") and "****" in notify["display"]
    assert len(notify["sha256"]) == 64
    # another token: the display is the same masked line, the digest differs, and nothing prints either token
    other = token[:-4] + ("abcd" if token[-4:] != "abcd" else "wxyz")
    pyproject.write_text(base + f'[tool.readiness.gates.notify]\ncommand = "echo {other}"\n')
    out = show(capsys, gate_project.path)
    assert ": changed:" in status_line(out) and "(changed inside a masked value)" in out
    assert token not in out and other not in out


def test_a_schema_one_record_with_raw_commands_is_masked_on_the_next_write(gate_project, trust_home, capsys, token):
    store = trust.store_path()
    store.parent.mkdir(parents=True, mode=0o700)
    store.write_text(json.dumps({"version": 1, "repositories": {"/elsewhere": {
        "sha256": "0" * 64, "commands": [f"deploy: echo {token}"]}}}))
    os.chmod(store, 0o600)
    grant(capsys, gate_project.path)
    assert token not in store.read_text()


def test_a_schema_one_record_of_the_same_configuration_stays_trusted(gate_project, trust_home, capsys):
    root = os.path.realpath(gate_project.path)
    current = trust.subject(gate_project.path, config_mod.load(gate_project.path))
    store = trust.store_path()
    store.parent.mkdir(parents=True, mode=0o700)
    store.write_text(json.dumps({"version": 1, "repositories": {root: {"sha256": current.legacy_digest}}}))
    os.chmod(store, 0o600)
    assert ": trusted" in status_line(show(capsys, gate_project.path))


@pytest.mark.parametrize("problem", ["damaged", "unsafe"])
def test_a_damaged_or_world_writable_store_says_so_and_what_to_do(gate_project, trust_home, capsys, problem):
    grant(capsys, gate_project.path)
    store = trust.store_path()
    if problem == "damaged":
        store.write_text("{ not json")
    else:
        os.chmod(store, 0o666)
    line = status_line(show(capsys, gate_project.path))
    assert f": {problem}: the trust store {store}" in line
    assert "remove it" in line and "then trust this repository again (`readiness trust`)" in line
    code = main(["trust", "--repo", str(gate_project.path)])
    out, err = capsys.readouterr()
    assert code == 2 and len(err.strip().splitlines()) == 1 and "remove it" in err and "Traceback" not in err
