"""The lint gate runs ruff on the changed Python files and counts only errors on changed lines."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def test_lint_leaves_no_ruff_cache_in_the_work_tree(gate_project, run_gates_on):
    gate_project.write("calc/ops.py", "import os\n" + (gate_project.path / "calc/ops.py").read_text())
    assert str(run_gates_on(gate_project.path, "lint")["lint"].status) == "fail"
    assert not (gate_project.path / ".ruff_cache").exists()


def test_planted_unused_import_fails_lint(gate_project, run_gates_on):
    gate_project.write("calc/ops.py", "import os\n" + (gate_project.path / "calc/ops.py").read_text())
    result = run_gates_on(gate_project.path, "lint")["lint"]
    assert str(result.status) == "fail", result
    assert result.summary.startswith("1 error on changed lines (F401)")
    assert result.details == ("calc/ops.py:1:8: F401 `os` imported but unused",)
    assert "ruff check --no-cache --output-format json" in result.command


def test_clean_change_passes_and_old_errors_elsewhere_are_only_mentioned(gate_project, run_gates_on):
    gate_project.write("calc/ops.py", "import sys\n" + (gate_project.path / "calc/ops.py").read_text())
    gate_project.commit("an old mistake")
    gate_project.git("branch", "-f", "main", "HEAD")  # the mistake is now on the base branch
    gate_project.write("calc/ops.py", (gate_project.path / "calc/ops.py").read_text()
                       + "\n\ndef mul(a, b):\n    return a * b\n")
    result = run_gates_on(gate_project.path, "lint")["lint"]
    assert str(result.status) == "pass", result
    assert result.summary == "0 errors on changed lines; 1 more elsewhere in the changed files"


def test_nothing_to_lint_is_a_skip(gate_project, run_gates_on):
    gate_project.write("README.md", "# calc\n\nChanged docs only.\n")
    assert str(run_gates_on(gate_project.path, "lint")["lint"].status) == "skip"
