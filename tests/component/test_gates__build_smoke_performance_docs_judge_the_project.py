"""The build, smoke, performance and docs gates on a small real project."""

from __future__ import annotations

import os
import shutil
import time

from readiness.core.gates.runner import resolve


def test_build_fails_on_a_syntax_error_and_writes_nothing_into_the_tree(gate_project, run_gates_on):
    gate_project.write("calc/broken.py", "def half(x:\n    return x / 2\n")
    result = run_gates_on(gate_project.path, "build")["build"]
    assert str(result.status) == "fail", result
    assert result.summary.startswith("1 error; 1 Python file compiled: calc/broken.py:1: SyntaxError")
    assert not list(gate_project.path.rglob("*.pyc"))


def test_build_checks_shell_scripts_only_when_shellcheck_is_there(gate_project, run_gates_on):
    gate_project.write("scripts/release", "#!/usr/bin/env bash\necho release\n")
    gate_project.write("calc/ok.py", "VALUE = 1\n")
    result = run_gates_on(gate_project.path, "build")["build"]
    if resolve("shellcheck") is None and not shutil.which("shellcheck"):
        assert str(result.status) == "pass", result
        assert "shellcheck not installed: 1 shell script not checked" in result.summary
    else:
        assert "1 shell script checked" in result.summary


def test_smoke_runs_console_scripts_and_configured_commands(gate_project, run_gates_on):
    pyproject = gate_project.path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'smoke_commands = ["python -c \\"print(42)\\""]\n')
    result = run_gates_on(gate_project.path, "smoke", trust=True)["smoke"]
    assert str(result.status) == "pass", result
    assert result.summary == "2/2 commands passed"
    gate_project.write("calc/cli.py", "import missing_dependency\n\n\ndef main():\n    return 0\n")
    broken = run_gates_on(gate_project.path, "smoke", trust=True)["smoke"]
    assert str(broken.status) == "fail", broken
    assert "calc --help: exit 1: ModuleNotFoundError: No module named 'missing_dependency'" in broken.summary


def test_performance_baseline_missing_then_recorded_then_stale(gate_project, run_gates_on):
    missing = run_gates_on(gate_project.path, "performance")["performance"]
    assert str(missing.status) == "skip"
    assert "no performance baseline recorded: run your benchmarks and save the results to " \
           "benchmarks/baseline.json" in missing.summary
    gate_project.write("benchmarks/baseline.json", '{"add": 0.001}\n')
    recorded = run_gates_on(gate_project.path, "performance")["performance"]
    assert str(recorded.status) == "pass" and "existence only" in recorded.summary
    pyproject = gate_project.path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'hot_paths = ["calc/ops.py"]\n')
    gate_project.commit("baseline")
    past = time.time() - 3600
    os.utime(gate_project.path / "benchmarks/baseline.json", (past, past))
    gate_project.write("calc/ops.py", (gate_project.path / "calc/ops.py").read_text() + "\n# faster\n")
    stale = run_gates_on(gate_project.path, "performance")["performance"]
    assert str(stale.status) == "skip", stale
    assert "is older than the last hot-path change" in stale.summary


def test_docs_gate_follows_the_missing_docs_findings(gate_project, run_gates_on):
    gate_project.git("rm", "-q", "README.md")
    missing = run_gates_on(gate_project.path, "docs")["docs"]
    assert str(missing.status) == "fail", missing
    assert "no-readme" in missing.summary
    gate_project.write("README.md", "# calc\n\n## Usage\n\n`calc 2 3` prints 5.\n\n## Troubleshooting\n\n"
                       "If `calc` is not found, reinstall with `pip install -e .`.\n")
    complete = run_gates_on(gate_project.path, "docs")["docs"]
    assert str(complete.status) == "pass", complete


def test_docs_gate_result_is_kept_and_shown_by_the_next_check(gate_project, capsys):
    """A docs gate run (the TUI's "run all", `check --gates docs`) is kept like any gate's result: the next plain
    `readiness check` on the same tree shows it and counts it in the same verdict, until a file changes. Its
    summary names a blocking finding first, then how many are below the threshold."""
    import json

    from readiness.cli import main

    gate_project.write("calc/extra.py", "def undocumented(x):\n    return x\n")
    argv = ["check", "--repo", str(gate_project.path), "--format", "json"]
    main([*argv, "--gates", "docs"])
    ran = json.loads(capsys.readouterr().out)
    main(argv)
    shown = json.loads(capsys.readouterr().out)
    (docs,) = [g for g in shown["gates"] if g["id"] == "docs"]
    assert docs["status"] == "fail" and "(last run: its files are unchanged)" in docs["summary"]
    assert docs["summary"].startswith("1 missing-docs finding at warning or above (missing-docstring): calc/extra.py: ")
    assert shown["verdict"]["failing"] == ran["verdict"]["failing"]
    gate_project.write("calc/extra.py", '"""Extra."""\n\n\ndef undocumented(x):\n    """Echo."""\n    return x\n')
    main(argv)
    assert not [g for g in json.loads(capsys.readouterr().out)["gates"] if g["id"] == "docs"]
