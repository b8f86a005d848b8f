"""The coverage gate whose tests never ran is an `error` saying why and how to fix it, never `fail 0.0 %`.

Found in issue 12: `✘ fail 0.0 % of changed lines covered` when pytest exited 4 (usage error) or a test module
could not import a dependency: that is an error of the test run, not a coverage shortfall.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration

OPS = "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n"


@pytest.mark.parametrize("selection", ["coverage", "tests,coverage"], ids=["own-run", "shared-with-tests"])
def test_missing_dependency_is_an_error_naming_the_module(gate_project, run_gates_on, selection):
    gate_project.write("calc/ops.py", OPS)
    gate_project.write("tests/test_needs_dep.py", "import leftpadlib\n\n\ndef test_x():\n    assert True\n")
    results = run_gates_on(gate_project.path, selection, trust=True)
    result = results["coverage"]
    assert str(result.status) == "error", result
    assert "0.0%" not in result.summary
    assert result.summary.startswith("no coverage to measure: the tests never ran (pytest exit 2, interrupted)")
    assert "lacks `leftpadlib`" in result.summary and "pip install" in result.summary


def test_pytest_usage_error_is_an_error_not_a_fail(gate_project, run_gates_on):
    gate_project.write("calc/ops.py", OPS)
    pyproject = gate_project.path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n[tool.readiness.gates.coverage]\nargs = [\"--no-such-option\"]\n")
    result = run_gates_on(gate_project.path, "coverage", trust=True)["coverage"]
    assert str(result.status) == "error", result
    assert result.summary.startswith("no coverage to measure: the tests never ran (pytest exit 4, usage error)")
    assert "-m pytest` to see why" in result.summary
