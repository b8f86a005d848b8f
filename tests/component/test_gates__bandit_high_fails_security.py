"""The security gate fails on a HIGH bandit finding in changed code, and on secrets found by the scanners."""

from __future__ import annotations

import random

import pytest

pytestmark = pytest.mark.integration


def test_weak_hash_is_high_and_fails(gate_project, run_gates_on):
    gate_project.write("calc/digest.py", "import hashlib\n\n\ndef fingerprint(data):\n"
                       "    return hashlib.md5(data).hexdigest()\n")
    result = run_gates_on(gate_project.path, "security")["security"]
    assert str(result.status) == "fail", result
    assert result.summary.startswith("1 HIGH")
    assert any("B324" in d and d.startswith("calc/digest.py:5: HIGH") for d in result.details)


def test_low_findings_pass_under_the_default_threshold_but_not_under_low(gate_project, run_gates_on):
    gate_project.write("calc/run.py", "import subprocess\n\n\ndef ls():\n    return subprocess.run(['ls'])\n")
    result = run_gates_on(gate_project.path, "security")["security"]
    assert str(result.status) == "pass", result
    low = len(result.details)
    assert low >= 1 and all(d.endswith("(below threshold)") and ": LOW B" in d for d in result.details)
    assert result.summary.startswith(f"0 HIGH (also {low} low)")
    pyproject = gate_project.path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + '\n[tool.readiness.gates.security]\nthreshold = "low"\n')
    strict = run_gates_on(gate_project.path, "security", trust=True)["security"]
    assert str(strict.status) == "fail" and strict.summary.startswith(f"{low} LOW+")


def test_a_hardcoded_secret_fails_security_and_stays_masked(gate_project, run_gates_on, fake_secrets):
    make, _, template = fake_secrets["github-token"]
    value = make(random.Random(4))
    gate_project.write("calc/ci.py", template.format(v=value) + "\n")
    result = run_gates_on(gate_project.path, "security")["security"]
    assert str(result.status) == "fail", result
    assert "1 secret" in result.summary
    text = repr(result)
    assert value not in text and value[4:] not in text
