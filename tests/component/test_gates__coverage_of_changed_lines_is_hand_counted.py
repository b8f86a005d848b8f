"""Coverage counts only the changed executable lines, new untracked files included, against the threshold.

Hand count. The feature branch changes calc/ops.py to

     5  def sub(a, b):
     6      if a < b:               changed, executed (sub(5, 3))
     7          return -(b - a)     changed, never executed
     8      return a - b
     9                              changed, blank
    10                              changed, blank
    11  def mul(a, b):              changed, executed at import
    12      return a * b            changed, never executed

and adds the untracked calc/extra.py, which no test imports: its lines 1 and 2 are executable and missed.
It also adds the untracked tests/test_noop.py, executed but a test file: not counted.
Changed executable lines: ops 6, 7, 11, 12 and extra 1, 2 = 6; covered: ops 6 and 11 = 2 → 33.3%.
Branches leaving changed lines (`coverage run --branch`): line 6 → 8 taken, 6 → 7 not: 1/2.
Changed functions: sub (entered), mul (body line 12 never ran), extra's double (never ran): 1/3 entered.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration

OPS = ("def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    if a < b:\n        return -(b - a)\n"
       "    return a - b\n\n\ndef mul(a, b):\n    return a * b\n")


def _change(project) -> None:
    project.write("calc/ops.py", OPS)
    project.commit("sub handles a < b; mul")
    project.write("calc/extra.py", "def double(x):\n    return 2 * x\n")
    project.write("tests/test_noop.py", "def test_noop():\n    assert True\n")


@pytest.mark.parametrize("selection", ["coverage", "tests,coverage"], ids=["own-run", "shared-with-tests"])
def test_changed_line_coverage_matches_the_hand_count(gate_project, run_gates_on, selection):
    _change(gate_project)
    results = run_gates_on(gate_project.path, selection, trust=True)
    result = results["coverage"]
    assert str(result.status) == "fail", result
    assert result.summary.startswith("33.3% of changed lines covered (2/6, threshold 75%)")
    assert set(result.details) == {"calc/extra.py: 1-2 not covered", "calc/ops.py: 7, 12 not covered",
                                   "calc/extra.py:1 double(): changed function no test entered",
                                   "calc/ops.py:11 mul(): changed function no test entered"}
    assert result.measures == (("lines", 2, 6), ("branches", 1, 2), ("functions", 1, 3))
    if "tests" in results:
        assert str(results["tests"].status) == "pass"
        assert "test run of the tests gate" in result.command


@pytest.mark.slow
def test_threshold_from_the_configuration(gate_project, run_gates_on):
    _change(gate_project)
    pyproject = gate_project.path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n[tool.readiness.gates.coverage]\nthreshold = 30\n")
    result = run_gates_on(gate_project.path, "coverage", trust=True)["coverage"]
    assert str(result.status) == "pass", result
    assert "threshold 30%" in result.summary
