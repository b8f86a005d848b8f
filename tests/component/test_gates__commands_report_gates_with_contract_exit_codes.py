"""`readiness gates` and `readiness check --gates` print gate results and exit per the contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration


def _cli(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "readiness", *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300, env=os.environ.copy())


def test_gates_json_lists_every_gate_and_untrusted_ones_skip(gate_project, trust_home):
    gate_project.write("calc/ops.py", (gate_project.path / "calc/ops.py").read_text()
                       + "\n\ndef mul(a, b):\n    return a * b\n")
    proc = _cli("gates", "--format", "json", "--no-cache", cwd=gate_project.path)
    document = json.loads(proc.stdout)
    gates = {g["id"]: g for g in document["gates"]}
    assert list(gates) == ["build", "lint", "tests", "coverage", "security", "smoke", "performance", "docs"]
    for gate in ("tests", "coverage", "smoke"):
        assert gates[gate]["status"] == "skip" and gates[gate]["summary"] == "untrusted: run `readiness trust`"
    assert gates["lint"]["status"] == "pass" and gates["build"]["status"] == "pass"
    assert gates["performance"]["status"] == "skip" and "benchmarks/baseline.json" in gates["performance"]["summary"]
    assert set(gates["lint"]) >= {"id", "status", "command", "duration_s", "summary", "exit_code", "details"}
    failing = [g for g in gates.values() if g["status"] in ("fail", "error", "timeout")]
    assert proc.returncode == (1 if failing else 0), proc.stderr
    assert document["ready"] is (not failing)


def test_gates_text_and_only(gate_project, trust_home):
    gate_project.write("calc/bad.py", "import os\n")
    proc = _cli("gates", "--only", "lint", cwd=gate_project.path)
    assert proc.returncode == 1
    assert "fail" in proc.stdout and "lint" in proc.stdout and "F401" in proc.stdout
    assert "gates: 1 fail" in proc.stdout
    bad = _cli("gates", "--only", "lint,bogus", cwd=gate_project.path)
    assert bad.returncode == 2 and "unknown gate 'bogus'" in bad.stderr and bad.stdout == ""


def test_check_with_gates_adds_the_gates_array(gate_project, trust_home):
    gate_project.write("calc/ops.py", (gate_project.path / "calc/ops.py").read_text()
                       + "\n\ndef mul(a, b):\n    return a * b\n")
    proc = _cli("check", "--gates", "lint,tests", "--trust", "--format", "json", cwd=gate_project.path)
    document = json.loads(proc.stdout)
    gates = {g["id"]: g for g in document["gates"]}
    assert gates["lint"]["status"] == "pass" and gates["tests"]["status"] == "pass"
    assert set(gates["tests"]) == {"id", "status", "command", "duration_s", "summary"}
    # Without --gates the stored results still hold while the files they depend on are unchanged; a README edit
    # (what `readiness blocker add` does) is not one of the code gates' inputs.
    logged = _cli("blocker", "add", "--class", "environment", "--summary", "staging DB refuses CI runners",
                  cwd=gate_project.path)
    assert logged.returncode == 0, logged.stderr
    assert "staging DB refuses CI runners" in (gate_project.path / "README.md").read_text()
    stored = json.loads(_cli("check", "--format", "json", cwd=gate_project.path).stdout)
    assert {g["id"]: g["status"] for g in stored["gates"]} == {"lint": "pass", "tests": "pass"}
    assert all(g["summary"].endswith("(last run: its files are unchanged)") for g in stored["gates"])
    gate_project.write("calc/ops.py", (gate_project.path / "calc/ops.py").read_text() + "\nTHREE = 3\n")
    assert json.loads(_cli("check", "--format", "json", cwd=gate_project.path).stdout)["gates"] == []
    gate_project.write("calc/bad.py", "import os\n")
    failing = _cli("check", "--gates", "lint", "--format", "json", "--fail-on", "never", cwd=gate_project.path)
    assert failing.returncode == 1 and json.loads(failing.stdout)["ready"] is False
    usage = _cli("check", "--gates", "nope", cwd=gate_project.path)
    assert usage.returncode == 2 and "unknown gate 'nope'" in usage.stderr
