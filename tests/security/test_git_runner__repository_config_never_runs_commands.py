"""One git runner: nothing a repository's configuration or attributes name is ever run by readiness.

Each vector (fsmonitor, hooks through `core.hooksPath`, clean/smudge/process filters named in `.gitattributes`,
textconv and external diff drivers, a `./git` planted in the clone with "." early in PATH) points at a trap script
outside the repository; the commands that used to run it (check, report, checklist show, gates, blocker add) run,
and the trap's marker file must never appear. The last test checks the traps work: plain git does run them.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hostile import run_cli, touch_later, trap

pytestmark = pytest.mark.integration  # real processes: the full suite (CI), not the quick one

COMMANDS = (("check", "--format", "json"), ("report",), ("checklist", "show", "ready-for-review"),
            ("gates", "--format", "json"))


@pytest.fixture
def feature(git_repo, tmp_path):
    """A repository with a commit on main, a feature branch with a committed and an uncommitted change."""
    git_repo.write("README.md", "# demo\n\nText.\n")
    git_repo.write("app.py", "def f():\n    return 1\n")
    git_repo.commit("initial")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("app.py", "def f():\n    return 2\n")
    git_repo.commit("change")
    git_repo.write("app.py", "def f():\n    return 3\n")
    touch_later(git_repo.path / "app.py")
    return git_repo


def _run_all(capsys, repo, commands=COMMANDS) -> None:
    for command in commands:
        code, _out, err = run_cli(capsys, *command, "--repo", str(repo.path))
        assert "Traceback" not in err and code in (0, 1), (command, code, err)


def test_fsmonitor_is_never_run(capsys, feature, tmp_path):
    script, marker = trap(tmp_path / "traps", "fsmonitor")
    feature.git("config", "core.fsmonitor", str(script))
    _run_all(capsys, feature)
    assert not marker.exists()


def test_hooks_are_never_run_even_through_core_hookspath(capsys, feature, tmp_path):
    hooks = tmp_path / "traps" / "hooks"
    markers = []
    for name in ("post-index-change", "post-checkout", "pre-commit", "reference-transaction", "fsmonitor-watchman"):
        script, marker = trap(hooks, name)
        script.rename(hooks / name)
        markers.append(marker)
    feature.git("config", "core.hooksPath", str(hooks))
    _run_all(capsys, feature)
    assert not [m for m in markers if m.exists()]


@pytest.mark.parametrize("setting", ["clean", "smudge", "process"])
def test_filter_drivers_from_gitattributes_are_never_run(capsys, feature, tmp_path, setting):
    script, marker = trap(tmp_path / "traps", f"filter-{setting}", passthrough=True)
    feature.git("config", f"filter.evil.{setting}", str(script))
    feature.git("config", "filter.evil.required", "true")
    feature.write(".gitattributes", "* filter=evil\n")
    touch_later(feature.path / "app.py")
    _run_all(capsys, feature)
    assert not marker.exists()


def test_textconv_and_external_diff_drivers_are_never_run(capsys, feature, tmp_path):
    textconv, textconv_ran = trap(tmp_path / "traps", "textconv", passthrough=True)
    command, command_ran = trap(tmp_path / "traps", "diff-command")
    external, external_ran = trap(tmp_path / "traps", "diff-external")
    feature.git("config", "diff.evil.textconv", str(textconv))
    feature.git("config", "diff.evil.command", str(command))
    feature.git("config", "diff.external", str(external))
    feature.write(".gitattributes", "* diff=evil\n")
    feature.write("README.md", "# demo\n\n- [ ] **B1** · build · 2026-01-01 · old entry\n")
    feature.commit("readme with an entry")
    _run_all(capsys, feature)
    code, _out, err = run_cli(capsys, "blocker", "add", "--class", "build", "--summary", "x", "--repo",
                              str(feature.path))
    assert code == 0, err
    assert not textconv_ran.exists() and not command_ran.exists() and not external_ran.exists()


def test_a_git_planted_in_the_repository_is_never_run(feature):
    """In a fresh process (GitPython runs `git version` when imported), with ".", "bin" and the repository's own
    bin folder early on PATH and the repository as the working directory."""
    for folder in (feature.path, feature.path / "bin"):
        script, _marker = trap(folder, "git")
        script.rename(folder / "git")
    env = {**os.environ, "PATH": os.pathsep.join([".", "bin", str(feature.path / "bin"), os.environ["PATH"]])}
    for command in (("check",), ("blocker", "add", "--class", "build", "--summary", "x")):
        proc = subprocess.run([sys.executable, "-m", "readiness", *command], cwd=feature.path, env=env,
                              capture_output=True, stdin=subprocess.DEVNULL, check=False)
        assert proc.returncode in (0, 1), proc.stderr
    assert not (feature.path / "git.ran").exists() and not (feature.path / "bin" / "git.ran").exists()


def test_the_traps_do_run_under_plain_git(feature, tmp_path):
    """The vectors are real: the same configuration makes plain git run each trap."""
    fsmonitor, fsmonitor_ran = trap(tmp_path / "traps", "fsmonitor")
    clean, clean_ran = trap(tmp_path / "traps", "clean", passthrough=True)
    textconv, textconv_ran = trap(tmp_path / "traps", "textconv", passthrough=True)
    feature.git("config", "core.fsmonitor", str(fsmonitor))
    feature.git("config", "filter.evil.clean", str(clean))
    feature.git("config", "diff.evil.textconv", str(textconv))
    feature.write(".gitattributes", "*.py filter=evil diff=evil\n")
    touch_later(feature.path / "app.py")
    feature.git("diff", "main", "--", "app.py", check=False)  # the helper's plain git, with the test settings
    assert fsmonitor_ran.exists() and clean_ran.exists() and textconv_ran.exists()


def test_performance_gate_git_calls_run_no_filter_or_hook(capsys, feature, tmp_path):
    """The performance gate asks git when the baseline and the hot paths last changed (`git log`, `git status`)."""
    clean, clean_ran = trap(tmp_path / "traps", "clean", passthrough=True)
    hooks = tmp_path / "traps" / "hooks"
    hook, hook_ran = trap(hooks, "post-index-change")
    hook.rename(hooks / "post-index-change")
    feature.git("config", "filter.evil.clean", str(clean))
    feature.git("config", "core.hooksPath", str(hooks))
    feature.write(".gitattributes", "*.py filter=evil\n")
    feature.write("benchmarks/baseline.json", "{}\n")
    feature.write("readiness.toml", 'hot_paths = ["*.py"]\n')
    touch_later(feature.path / "app.py")
    code, out, err = run_cli(capsys, "gates", "--only", "performance", "--format", "json", "--repo",
                             str(feature.path))
    assert code in (0, 1), err
    assert '"performance"' in out
    assert not clean_ran.exists() and not hook_ran.exists()
