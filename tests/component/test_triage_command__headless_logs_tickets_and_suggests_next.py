"""`readiness triage` headless, through `readiness.cli.main` in real repositories: evidence suggests the class, the
entry lands in the README, the ticket is saved under the git directory and printed, the next module avoids the
blocked one; `gh issue create` runs only with --file-issue (and gh logged in), never otherwise."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from readiness.cli import main

FAKE_GH = """#!/bin/sh
echo "$*" >> "$GH_LOG"
if [ "$1" = auth ]; then exit "${GH_AUTH_RC:-0}"; fi
if [ "$1" = issue ]; then cp "$6" "$GH_LOG.body"; echo "https://github.com/acme/pay/issues/42"; fi
"""


@pytest.fixture
def repo(git_repo, monkeypatch):
    monkeypatch.setattr("readiness.commands.blocker.today", lambda: "2026-11-26")
    git_repo.write("README.md", "# Pay\n")
    git_repo.write("pay/__init__.py", "")
    git_repo.write("pay/db.py", "import os\n")
    git_repo.commit("init")
    git_repo.git("checkout", "-q", "-b", "feature/sync")
    git_repo.write("pay/db.py", "import os\nimport psycopg\n")
    git_repo.write("pay/sync.py", "from pay import db\n")
    git_repo.write("pay/api.py", "from .sync import run\n")
    git_repo.write("pay/report.py", "import json\n")
    git_repo.write("docs/notes.md", "notes\n")
    return git_repo


@pytest.fixture
def fake_gh(tmp_path, monkeypatch):
    folder = tmp_path / "bin"
    folder.mkdir()
    gh = folder / "gh"
    gh.write_text(FAKE_GH)
    gh.chmod(gh.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "gh.log"
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("GH_LOG", str(log))
    return log


def triage(capsys, repo, *args: str) -> tuple[int, str, str]:
    code = main(["triage", "--repo", str(repo.path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_headless_run_logs_entry_saves_and_prints_ticket(capsys, repo, tmp_path) -> None:
    log = tmp_path / "pytest.log"
    log.write_text("E   ModuleNotFoundError: No module named 'psycopg'\nFAILED tests/test_db.py::test_x\n")
    code, out, err = triage(capsys, repo, "--evidence", str(log), "--class", "auto", "--summary",
                            "CI cannot import psycopg", "--defer", "pay/db.py", "--follow-up", "db sync",
                            "--criterion", "sync runs in CI", "--next", "auto")
    assert code == 0, err
    assert (repo.path / "README.md").read_text(encoding="utf-8") == (
        "# Pay\n\n## Blockers\n\n"
        "- [ ] **B1** · environment · 2026-11-26 · CI cannot import psycopg\n"
        "  - Scope: ship without: pay/db.py (deferred)\n"
        "  - Follow-up: db sync\n"
        "  - Next: pay/report.py\n")
    ticket = repo.path / ".git" / "readiness" / "tickets" / "B1-db-sync.md"
    assert ticket.read_text(encoding="utf-8") == out
    assert out.startswith("# Follow-up to B1: db sync\n")
    assert "ModuleNotFoundError" in out and "- module `pay/db.py`" in out and "- [ ] sync runs in CI" in out
    assert "branch `feature/sync`" in out
    assert "logged B1 in README.md" in err and "next: pay/report.py" in err


def test_json_output_lists_the_independent_modules(capsys, repo) -> None:
    code, out, err = triage(capsys, repo, "--class", "integration", "--summary", "staging times out",
                            "--defer", "pay/db.py", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["blocker"]["id"] == "B1" and data["blocker"]["class"] == "integration"
    assert data["next"] is None
    assert [o["module"] for o in data["next_options"]] == ["pay/report.py"]  # sync and api import db
    assert data["ticket"]["markdown"].startswith("# Follow-up to B1: finish pay/db.py")
    assert "- [ ] pay/db.py is finished, with tests" in data["ticket"]["markdown"]
    assert Path(data["ticket"]["path"]).is_file()
    assert data["issue_url"] is None and data["suggestion"] is None


def test_evidence_report_suggests_class_and_offers_checklist_items(capsys, repo, tmp_path) -> None:
    report = {"schema_version": 1, "findings": [], "ready": False,
              "gates": [{"id": "build", "status": "fail", "command": "python -m compileall", "duration_s": 1.0,
                         "summary": "pay/db.py:2: SyntaxError"},
                        {"id": "lint", "status": "pass", "command": "ruff", "duration_s": 0.1, "summary": "ok"}],
              "checklists": [{"id": "ready-for-review", "title": "Ready for review", "items": [
                  {"id": "tests-green", "title": "Tests green locally", "status": "fail", "detail": "gate failed"},
                  {"id": "no-todo-throws", "title": "No TODO throws", "status": "pass", "detail": ""}]}]}
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report))
    code, out, err = triage(capsys, repo, "--evidence", str(path), "--class", "auto", "--summary", "x",
                            "--defer", "ready-for-review/tests-green", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["suggestion"] == {"class": "build", "reason": "gate build failed: pay/db.py:2: SyntaxError"}
    assert data["blocker"]["class"] == "build"
    assert data["blocker"]["scope"] == "ship without: tests green locally (deferred)"
    assert data["blocker"]["follow_up"] == 'make "tests green locally" pass'
    assert "checklist item: Tests green locally (`ready-for-review/tests-green`)" in data["ticket"]["markdown"]


def test_gh_is_never_called_without_file_issue(capsys, repo, fake_gh) -> None:
    code, _, err = triage(capsys, repo, "--class", "build", "--summary", "x")
    assert code == 0, err
    assert not fake_gh.exists()


def test_file_issue_creates_the_issue_with_gh(capsys, repo, fake_gh) -> None:
    code, out, err = triage(capsys, repo, "--class", "build", "--summary", "wheel missing", "--follow-up",
                            "build wheels for 3.13", "--file-issue", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["issue_url"] == "https://github.com/acme/pay/issues/42"
    calls = fake_gh.read_text().splitlines()
    assert calls[0] == "auth status"
    assert calls[1].startswith("issue create --title Follow-up to B1: build wheels for 3.13 --body-file ")
    body = Path(f"{fake_gh}.body").read_text()
    assert body.startswith("Blocker **B1** (build") and "## Acceptance criteria" in body
    assert not list((repo.path / ".git" / "readiness" / "tickets").glob(".*.body"))


def test_file_issue_without_a_logged_in_gh_writes_nothing(capsys, repo, fake_gh, monkeypatch) -> None:
    monkeypatch.setenv("GH_AUTH_RC", "1")
    code, out, err = triage(capsys, repo, "--class", "build", "--summary", "x", "--file-issue")
    assert (code, out) == (2, "")
    assert "gh auth login" in err
    assert (repo.path / "README.md").read_text(encoding="utf-8") == "# Pay\n"
    assert not (repo.path / ".git" / "readiness" / "tickets").exists()


def test_file_issue_without_gh_installed(capsys, repo, monkeypatch, tmp_path) -> None:
    only_git = tmp_path / "only-git"
    only_git.mkdir()
    (only_git / "git").symlink_to(shutil.which("git"))
    monkeypatch.setenv("PATH", str(only_git))
    code, out, err = triage(capsys, repo, "--class", "build", "--summary", "x", "--file-issue")
    assert (code, out) == (2, "")
    assert "--file-issue needs the GitHub CLI" in err


@pytest.mark.parametrize(("args", "message"), [
    (["--summary", "x"], "needs --class and --summary"),
    (["--class", "build"], "needs --class and --summary"),
    (["--class", "auto", "--summary", "x"], "no evidence"),
    (["--class", "build", "--summary", "x", "--evidence", "{missing}"], "evidence file {missing} does not exist"),
    (["--class", "build", "--summary", "x", "--evidence", "{folder}"], "cannot read evidence file {folder}"),
    (["--class", "build", "--summary", "x", "--defer", "pay/db.py", "--next", "pay/api.py"], "imports a blocked"),
])
def test_bad_headless_answers_are_exit_2_and_write_nothing(capsys, repo, tmp_path, args, message) -> None:
    # Paths made here, so the outcome never depends on what a fixed path such as /nonexistent is on this machine.
    places = {"missing": tmp_path / "missing" / "log", "folder": tmp_path}
    args = [a.format(**places) for a in args]
    message = message.format(**places)
    code, out, err = triage(capsys, repo, *args)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1
    assert (repo.path / "README.md").read_text(encoding="utf-8") == "# Pay\n"


def test_without_a_terminal_and_without_answers_it_is_headless(capsys, repo) -> None:
    code, out, err = triage(capsys, repo)  # pytest's stdin is not a terminal
    assert (code, out) == (2, "")
    assert "needs --class and --summary" in err


def test_duplicate_blocker_is_refused_before_anything_is_written(capsys, repo) -> None:
    assert triage(capsys, repo, "--class", "build", "--summary", "Same thing")[0] == 0
    before = (repo.path / "README.md").read_bytes()
    tickets = sorted((repo.path / ".git" / "readiness" / "tickets").iterdir())
    code, out, err = triage(capsys, repo, "--class", "build", "--summary", "same  thing")
    assert (code, out) == (2, "")
    assert "B1 already logs this blocker" in err
    assert (repo.path / "README.md").read_bytes() == before
    assert sorted((repo.path / ".git" / "readiness" / "tickets").iterdir()) == tickets


def test_planned_and_blocked_modules_shape_the_next_suggestion(capsys, repo) -> None:
    code, out, err = triage(capsys, repo, "--class", "logic", "--summary", "rounding", "--blocked", "pay/report.py",
                            "--planned", "pay/export.py", "--next", "auto", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [o["module"] for o in data["next_options"]] == ["pay/api.py", "pay/db.py", "pay/sync.py",
                                                           "pay/export.py"]
    assert data["next"] == "pay/api.py"


def test_when_no_module_qualifies_the_reason_names_the_import_chain(capsys, git_repo, monkeypatch) -> None:
    monkeypatch.setattr("readiness.commands.blocker.today", lambda: "2026-11-26")
    git_repo.write("README.md", "# Pay\n")
    git_repo.write("pay/__init__.py", "from .db import connect\nfrom .sync import run\n")  # re-exports everything
    git_repo.write("pay/db.py", "def connect():\n    return 1\n")
    git_repo.commit("init")
    git_repo.git("checkout", "-q", "-b", "feature/sync")
    git_repo.write("pay/db.py", "import psycopg\n\n\ndef connect():\n    return psycopg.connect()\n")
    git_repo.write("pay/sync.py", "from pay import connect\n\n\ndef run():\n    return connect()\n")
    code, _, err = triage(capsys, git_repo, "--class", "environment", "--summary", "no database in CI",
                          "--defer", "pay/db.py", "--next", "none")
    assert code == 0, err
    assert ("no independent module to continue with: every other changed module is excluded: 1 import a blocked "
            "module (pay/sync.py → pay/db.py)") in err
