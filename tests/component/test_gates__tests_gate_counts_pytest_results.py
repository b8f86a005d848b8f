"""The tests gate runs pytest in the project's interpreter and counts passes and failures from JUnit XML."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def test_pass_and_fail_are_counted(gate_project, run_gates_on):
    gate_project.write("tests/test_broken.py", "from calc.ops import add\n\n\ndef test_broken():\n"
                       "    assert add(1, 1) == 3\n")
    result = run_gates_on(gate_project.path, "tests", trust=True)["tests"]
    assert str(result.status) == "fail", result
    assert result.summary.startswith("1 failed, 2 passed")
    assert "tests.test_broken::test_broken" in result.summary
    assert len(result.details) == 1
    assert result.details[0].startswith("failed: tests.test_broken::test_broken — assert 2 == 3")
    assert result.exit_code == 1


def test_green_suite_passes_and_slow_tests_are_left_out(gate_project, run_gates_on):
    gate_project.write("tests/test_slow.py", "import pytest\n\n\n@pytest.mark.slow\ndef test_slow():\n"
                       "    assert False\n")
    gate_project.write("pyproject.toml", (gate_project.path / "pyproject.toml").read_text().replace(
        'testpaths = ["tests"]', 'testpaths = ["tests"]\nmarkers = ["slow: slow"]'))
    result = run_gates_on(gate_project.path, "tests", trust=True)["tests"]
    assert str(result.status) == "pass", result
    assert result.summary == "2 passed"
    assert '-m pytest -m \'not slow\'' in result.command


def test_a_secret_in_a_failure_message_is_masked(gate_project, run_gates_on, fake_secrets):
    import random

    make, _, _ = fake_secrets["github-token"]
    token = make(random.Random(7))
    gate_project.write("tests/test_leak.py", f"def test_leak():\n    token = {token!r}\n    assert token == 'x'\n")
    result = run_gates_on(gate_project.path, "tests", trust=True)["tests"]
    assert str(result.status) == "fail"
    shown = "\n".join([result.summary, result.command, result.output, *result.details])
    assert "test_leak" in shown
    assert token not in shown and token[4:] not in shown
