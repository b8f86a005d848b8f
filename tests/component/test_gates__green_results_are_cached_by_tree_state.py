"""A passing gate is not run again while the tree is unchanged; any change to a file runs it again."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def test_cache_hits_until_a_file_changes(gate_project, run_gates_on):
    gate_project.write("calc/ops.py", (gate_project.path / "calc/ops.py").read_text()
                       + "\n\ndef mul(a, b):\n    return a * b\n")
    first = run_gates_on(gate_project.path, "lint,build", use_cache=True)
    assert str(first["lint"].status) == "pass" and "cached" not in first["lint"].summary
    second = run_gates_on(gate_project.path, "lint,build", use_cache=True)
    assert second["lint"].summary.endswith("(cached: the tree is unchanged)")
    assert second["build"].summary.endswith("(cached: the tree is unchanged)")
    assert (gate_project.path / ".git" / "readiness" / "gates-cache.json").is_file()
    gate_project.write("calc/new.py", "VALUE = 1\n")
    third = run_gates_on(gate_project.path, "lint", use_cache=True)
    assert "cached" not in third["lint"].summary


def test_failing_results_are_never_cached(gate_project, run_gates_on):
    gate_project.write("calc/bad.py", "import os\n")
    assert str(run_gates_on(gate_project.path, "lint", use_cache=True)["lint"].status) == "fail"
    again = run_gates_on(gate_project.path, "lint", use_cache=True)["lint"]
    assert str(again.status) == "fail" and "cached" not in again.summary
