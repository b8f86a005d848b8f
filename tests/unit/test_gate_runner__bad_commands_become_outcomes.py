"""Whatever is wrong with the command, the runner returns an Outcome and never raises."""

from __future__ import annotations

from readiness.core.gates import runner


def test_missing_executable_is_not_found(tmp_path):
    outcome = runner.run(["readiness-no-such-tool-xyz", "--help"], cwd=tmp_path, timeout=5)
    assert outcome.not_found and outcome.exit_code is None and not outcome.ok
    assert "not found" in outcome.error


def test_file_that_is_not_executable(tmp_path):
    script = tmp_path / "gate.sh"
    script.write_text("#!/bin/sh\necho hi\n")
    script.chmod(0o644)
    outcome = runner.run([str(script)], cwd=tmp_path, timeout=5)
    assert outcome.error and "permission" in outcome.error and not outcome.not_found


def test_missing_working_directory_and_empty_command(tmp_path):
    gone = runner.run(["true"], cwd=tmp_path / "absent", timeout=5)
    assert gone.error and "does not exist" in gone.error
    empty = runner.run([], cwd=tmp_path, timeout=5)
    assert empty.error == "empty command"


def test_resolve_never_finds_tools_inside_the_repository(tmp_path):
    repo_bin = tmp_path / "repo" / "bin"
    repo_bin.mkdir(parents=True)
    fake = repo_bin / "ruff"
    fake.write_text("#!/bin/sh\necho owned\n")
    fake.chmod(0o755)
    assert runner.resolve("ruff", path=str(repo_bin), exclude=[str(tmp_path / "repo")]) is None
    assert runner.resolve("ruff", path=str(repo_bin)) == str(fake)
    assert runner.resolve("ruff", path=".") is None or "/" in runner.resolve("ruff", path=".")
