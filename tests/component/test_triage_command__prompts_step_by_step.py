"""`readiness triage` in a terminal without answers asks step by step: scripted answers drive the prompts over a
real repository (back with `<`, refused answers asked again, the entry declined and redone, the gh offer), and one
run goes through a real pseudo-terminal."""

from __future__ import annotations

import argparse
import io
import os
import pty
import select
import stat
import subprocess
import sys
import time

import pytest

from readiness.commands import triage as command
from readiness.core import config
from readiness.core.repo import open_repository
from readiness.core.triage import session

FAKE_GH = """#!/bin/sh
echo "$*" >> "$GH_LOG"
if [ "$1" = issue ]; then echo "https://github.com/acme/pay/issues/7"; fi
"""


@pytest.fixture
def repo(git_repo, monkeypatch):
    monkeypatch.setattr("readiness.commands.blocker.today", lambda: "2026-11-26")
    git_repo.write("README.md", "# Pay\n")
    git_repo.write("pay/db.py", "import os\n")
    git_repo.commit("init")
    git_repo.write("pay/db.py", "import os\nimport psycopg\n")
    git_repo.write("pay/sync.py", "from pay import db\n")
    git_repo.write("pay/report.py", "import json\n")
    return git_repo


def _args(**extra) -> argparse.Namespace:
    values = {"evidence": [], "planned": [], "blocked": [], "format": "text", "no_tui": True}
    values.update(extra)
    return argparse.Namespace(**values)


def drive(repo, answers: list[str], **extra) -> tuple[int, str, str]:
    ui_out, out = io.StringIO(), io.StringIO()
    ui = command.Prompter(io.StringIO("".join(a + "\n" for a in answers)), ui_out)
    args = _args(**extra)
    with open_repository(repo.path) as handle:
        cfg = config.load(handle.root)
        context = session.gather(handle, cfg, args.evidence, args.planned, args.blocked)
        code = command.run_prompts(handle, context, ui, out=out)
    return code, out.getvalue(), ui_out.getvalue()


def readme(repo) -> str:
    return (repo.path / "README.md").read_text(encoding="utf-8")


def test_straight_through_with_defaults(repo, tmp_path) -> None:
    log = tmp_path / "ci.log"
    log.write_text("psycopg.OperationalError: connection refused\n")
    answers = ["", "CI cannot reach the DB", "", "1", "", "y", "", "sync runs in CI", "", ""]
    code, out, ui = drive(repo, answers, evidence=[str(log)])
    assert code == 0
    assert "connection refused → environment suggested" in ui
    assert "1. module: pay/db.py" in ui and "3. module: pay/sync.py" in ui
    assert "- [ ] **B1** · environment · 2026-11-26 · CI cannot reach the DB" in ui  # the preview
    assert "1. pay/report.py  (does not import pay/db.py)" in ui
    assert readme(repo) == ("# Pay\n\n## Blockers\n\n- [ ] **B1** · environment · 2026-11-26 · CI cannot reach the DB\n"
                            "  - Scope: ship without: pay/db.py (deferred)\n  - Follow-up: finish pay/db.py\n"
                            "  - Next: pay/report.py\n")
    assert out.startswith("# Follow-up to B1: finish pay/db.py\n") and "- [ ] sync runs in CI" in out
    assert (repo.path / ".git" / "readiness" / "tickets" / "B1-finish-pay-db-py.md").read_text() == out


def test_refused_answers_are_asked_again_and_back_returns_a_step(repo) -> None:
    answers = [
        "flaky", "x", "",  # unknown class: refused, step 1 again
        "l", "rounding differs", "",  # "l" → logic
        "9",  # no item 9: refused, step 2 again
        "<",  # back to step 1 from step 2
        "build", "rounding differs", "only on refunds",
        "pay/db.py, 3", "just the report",  # by name and number
        "n",  # decline the entry: back to step 1 with the answers as defaults
        "", "", "",
        "", "",  # deferred and scope keep their previous answers
        "y",
        "precise rounding", "", "-",
    ]
    code, out, ui = drive(repo, answers)
    assert code == 0
    assert ui.count("[1/5] Classify") == 4
    assert "✘ unknown blocker class 'flaky'" in ui and "✘ there is no item 9" in ui
    assert readme(repo) == ("# Pay\n\n## Blockers\n\n- [ ] **B1** · build · 2026-11-26 · rounding differs\n"
                            "  - Details: only on refunds\n  - Scope: just the report\n"
                            "  - Follow-up: precise rounding\n")


def test_secret_answer_is_refused_masked_and_asked_again(repo) -> None:
    import secrets
    import string

    token = "gh" + "p_" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(36))
    answers = ["build", f"push fails with {token}", "", "build", "push fails", "", "", "", "y", "", "", "-"]
    code, out, ui = drive(repo, answers)
    assert code == 0
    assert token not in ui + out + readme(repo)
    assert "gh" + "p_****" in ui


def test_next_module_that_imports_the_blocked_one_is_refused(repo) -> None:
    answers = ["build", "db driver", "", "pay/db.py", "", "y", "", "", "pay/sync.py", "2", "-"]
    code, _, ui = drive(repo, answers)
    assert code == 0
    assert "✘ there is no option 2" in ui  # only pay/report.py is offered
    answers = ["build", "db driver two", "", "pay/db.py", "", "y", "", "", "pay/sync.py", "-"]
    code, _, ui = drive(repo, answers)
    assert "✘ pay/sync.py imports a blocked module (pay/db.py)" in ui


def test_end_of_input_cancels_without_writing(repo) -> None:
    with pytest.raises(KeyboardInterrupt):
        drive(repo, ["build", "half an answer"])
    assert readme(repo) == "# Pay\n"


@pytest.mark.parametrize("confirm", ["y", "n"])
def test_gh_is_offered_when_logged_in_and_used_only_on_yes(repo, tmp_path, monkeypatch, confirm) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "gh").write_text(FAKE_GH)
    (folder / "gh").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("GH_LOG", str(tmp_path / "gh.log"))
    code, _, ui = drive(repo, ["build", "x", "", "", "", "y", "", "", "-", confirm])
    assert code == 0
    assert "File this ticket on GitHub with `gh issue create`? [y/N]" in ui
    calls = (tmp_path / "gh.log").read_text().splitlines()
    assert calls[0] == "auth status"
    assert any(c.startswith("issue create") for c in calls) == (confirm == "y")
    assert ("filed https://github.com/acme/pay/issues/7" in ui) == (confirm == "y")


def _expect(fd: int, text: str, seen: list[str]) -> None:
    deadline = time.monotonic() + 30  # guard against a hung child, not a timing assertion
    while text not in seen[0]:
        if time.monotonic() > deadline:
            raise AssertionError(f"never saw {text!r} in:\n{seen[0]}")
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                raise AssertionError(f"terminal closed before {text!r}:\n{seen[0]}") from None
            seen[0] += chunk.decode("utf-8", "replace")


def test_real_terminal_asks_step_by_step(repo) -> None:
    main_fd, child_fd = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep)
                                  if not os.path.exists(os.path.join(p, "gh")))
    proc = subprocess.Popen([sys.executable, "-m", "readiness", "triage", "--no-tui", "--repo", str(repo.path)],
                            stdin=child_fd, stdout=child_fd, stderr=child_fd, env=env, close_fds=True)
    os.close(child_fd)
    seen = [""]
    try:
        for prompt, answer in [("class (build, logic, integration, environment)", "integration"),
                               ("summary, one line", "staging API times out"), ("details (optional)", ""),
                               ("defer (numbers or names", "2"), ("the smallest viable subset", ""),
                               ("log it? [Y/n]", ""), ("what the follow-up expands", "real staging run"),
                               ("   -", ""), ("next module", "")]:
            _expect(main_fd, prompt, seen)
            os.write(main_fd, (answer + "\n").encode())
        _expect(main_fd, "# Follow-up to B1: real staging run", seen)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(main_fd)
    assert "Rapid triage: Classify → Reduce scope → Log → Follow-up → Continue" in seen[0]
    text = readme(repo)
    assert "- [ ] **B1** · integration · " in text and "  - Scope: ship without: pay/report.py (deferred)\n" in text
    assert stat.S_ISREG((repo.path / "README.md").stat().st_mode)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_without_answers_opens_the_tui_wizard_unless_no_tui(repo, monkeypatch, capsys) -> None:
    from readiness.cli import main

    opened = []
    monkeypatch.setattr("readiness.cli._tui_wizard", lambda: lambda args: opened.append(args) or 0)
    monkeypatch.setattr(sys, "stdin", _Terminal("build\nx\n\n\n\ny\n\n\n-\n"))
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert main(["triage", "--repo", str(repo.path)]) == 0
    assert len(opened) == 1 and readme(repo) == "# Pay\n"
    assert main(["triage", "--repo", str(repo.path), "--no-tui"]) == 0
    assert len(opened) == 1
    assert "**B1** · build" in readme(repo)
    assert sys.stdout.getvalue().startswith("# Follow-up to B1: x\n")


def test_unusable_readme_is_refused_before_any_question(repo, monkeypatch) -> None:
    from readiness.cli import main

    repo.write("README.md", "# Pay\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n")
    monkeypatch.setattr(sys, "stdin", _Terminal(""))
    monkeypatch.setattr(sys, "stderr", _Terminal())
    monkeypatch.setattr(sys, "stdout", _Terminal())
    assert main(["triage", "--repo", str(repo.path), "--no-tui"]) == 2
    assert "merge-conflict" in sys.stderr.getvalue() and "[1/5]" not in sys.stderr.getvalue()
