"""`readiness triage --evidence report.json --class auto`: a `readiness check --format json` report is evidence
through its failing gates and its findings, even when no gate output names the problem (the new-user tryout:
lint, security and docs failed and triage said "no evidence"). A missing evidence file is named as missing,
before anything is asked about the other flags."""

from __future__ import annotations

import json

import pytest

from readiness.cli import main

TRYOUT_GATES = [
    {"id": "build", "status": "pass", "command": "compileall", "duration_s": 0.3, "summary": "0 errors"},
    {"id": "lint", "status": "fail", "command": "ruff", "duration_s": 0.0,
     "summary": "2 errors on changed lines (S110, BLE001)"},
    {"id": "tests", "status": "skip", "command": "pytest", "duration_s": 0.0,
     "summary": "untrusted: run `readiness trust`"},
    {"id": "security", "status": "fail", "command": "bandit", "duration_s": 0.2, "summary": "2 secrets"},
    {"id": "docs", "status": "fail", "command": "missing-docs", "duration_s": 0.0, "summary": "2 findings"},
]


@pytest.fixture
def repo(git_repo, monkeypatch):
    monkeypatch.setattr("readiness.commands.blocker.today", lambda: "2026-11-26")
    git_repo.write("README.md", "# Shop\n")
    git_repo.write("shop/__init__.py", "")
    git_repo.commit("init")
    git_repo.git("checkout", "-q", "-b", "feature/refunds")
    git_repo.write("shop/cart.py", "def discount(x):\n    raise NotImplementedError\n")
    git_repo.write("shop/auth.py", "def login(user):\n    return user == 'admin'\n")
    return git_repo


def report(capsys, repo, tmp_path, gates) -> str:
    main(["check", "--repo", str(repo.path), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert any(f["category"] == "todo-throw" for f in data["findings"])
    data["gates"] = gates
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data))
    return str(path)


def triage(capsys, repo, *args: str) -> tuple[int, dict, str]:
    code = main(["triage", "--repo", str(repo.path), "--format", "json", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else {}), err


def test_failing_gates_of_a_report_suggest_the_class(capsys, repo, tmp_path) -> None:
    path = report(capsys, repo, tmp_path, TRYOUT_GATES)
    code, data, err = triage(capsys, repo, "--evidence", path, "--class", "auto", "--summary", "x")
    assert code == 0, err
    assert data["suggestion"] == {"class": "build",
                                  "reason": "gate lint failed: 2 errors on changed lines (S110, BLE001)"}
    assert data["blocker"]["class"] == "build"


def test_findings_of_a_report_suggest_the_class_when_no_gate_failed(capsys, repo, tmp_path) -> None:
    path = report(capsys, repo, tmp_path, [])
    code, data, err = triage(capsys, repo, "--evidence", path, "--class", "auto", "--summary", "x",
                             "--defer", "ready-for-review/no-todo-throws", "--next", "auto")
    assert code == 0, err
    assert data["suggestion"]["class"] == "logic"
    assert "todo-throw" in data["suggestion"]["reason"] and "shop/cart.py:2" in data["suggestion"]["reason"]
    assert data["blocker"]["scope"] == "ship without: no TODO throws (deferred)"
    assert data["next"] == "shop/auth.py"  # shop/cart.py holds the deferred stub
    assert [o["module"] for o in data["next_options"]] == ["shop/auth.py"]


@pytest.mark.parametrize("answers", [(), ("--class", "auto", "--summary", "x")])
def test_a_missing_evidence_file_is_named(capsys, repo, tmp_path, answers) -> None:
    missing = tmp_path / "missing.log"
    code, data, err = triage(capsys, repo, "--evidence", str(missing), *answers)
    assert code == 2 and data == {}
    assert f"evidence file {missing} does not exist" in err
    assert "--class" not in err
    assert (repo.path / "README.md").read_text() == "# Shop\n"
