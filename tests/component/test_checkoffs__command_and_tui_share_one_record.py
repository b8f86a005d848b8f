"""readiness.core.checklists.manual: the check-off `readiness checklist check|uncheck` and the TUI's checklist screen both
write. A confirmation made on one side is seen and withdrawn on the other; nothing is written for a no-op."""

from __future__ import annotations

import json

import pytest

from readiness.cli import main
from readiness.core import config as config_mod
from readiness.core.checklists import manual as checkoffs
from readiness.core.checklists.loader import load_for
from readiness.core.errors import UsageError
from readiness.core.repo import open_repository
from readiness.tui.checkoffs import save_check_off


@pytest.fixture
def feature(git_repo):
    git_repo.write("pkg/__init__.py", "")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/refunds")
    git_repo.write("pkg/payments.py", "def refund(order):\n    return order.total\n")
    git_repo.commit("add refunds")
    return git_repo


def _state(repo) -> dict:
    path = repo.path / ".git" / "readiness" / "checklists.json"
    return json.loads(path.read_text(encoding="utf-8"))["branches"]["feature/refunds"]


def test_a_tui_confirmation_is_the_record_the_command_withdraws(capsys, feature):
    with open_repository(feature.path) as repo:
        assert save_check_off(repo, config_mod.load(repo.root), "implemented/rollout", "confirmed", "canary") == []
    entry = _state(feature)["implemented/rollout"]
    assert (entry["status"], entry["note"], entry["files"]) == ("confirmed", "canary", 1)
    assert main(["checklist", "uncheck", "implemented", "rollout", "--repo", str(feature.path)]) == 0
    assert capsys.readouterr().out == "unchecked: implemented/rollout on feature/refunds (it awaits you again)\n"


def test_check_off_reports_what_it_covers_and_withdraw_of_nothing_writes_nothing(feature):
    with open_repository(feature.path) as repo:
        checklists = load_for(repo.root, config_mod.load(repo.root))
        undone = checkoffs.withdraw(repo, checklists, "implemented", "rollout")
        assert (undone.key, undone.branch, undone.removed) == ("implemented/rollout", "feature/refunds", False)
        assert not (feature.path / ".git" / "readiness" / "checklists.json").exists()
        done = checkoffs.check_off(repo, checklists, "implemented", "durable-persistence", not_applicable=True,
                                   note="nothing is stored")
    assert (done.key, done.status, done.covered) == ("implemented/durable-persistence", "not-applicable",
                                                     ("pkg/payments.py",))
    assert _state(feature)["implemented/durable-persistence"]["note"] == "nothing is stored"


def test_refusals_are_usage_errors_from_either_side(feature):
    with open_repository(feature.path) as repo:
        cfg = config_mod.load(repo.root)
        with pytest.raises(UsageError, match="checked automatically"):
            save_check_off(repo, cfg, "implemented/no-placeholder-throws", "confirmed")
        with pytest.raises(UsageError, match="not applicable needs a note"):
            save_check_off(repo, cfg, "implemented/rollout", "not-applicable", " \t ")
        with pytest.raises(UsageError, match="no item 'rolout'"):
            checkoffs.check_off(repo, load_for(repo.root, cfg), "implemented", "rolout")
    assert not (feature.path / ".git" / "readiness" / "checklists.json").exists()


def test_notes_are_one_line_without_control_characters():
    assert checkoffs.clean_note("checked\n the\tcanary \x1b[31mred\x07 ") == "checked the canary [31mred"
    assert checkoffs.clean_note(None) == ""
