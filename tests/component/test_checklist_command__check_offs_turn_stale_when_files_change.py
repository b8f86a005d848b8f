"""`readiness checklist check|uncheck`: manual check-offs per branch, under .git, stale after a file change."""

import json
import random
import string

import pytest

from readiness.cli import main


def cli(capsys, repo, *args):
    code = main([*args, "--repo", str(repo.path)])
    out, err = capsys.readouterr()
    return code, out, err


def status(capsys, repo, checklist="implemented", item="rollout"):
    code, out, err = cli(capsys, repo, "checklist", "show", checklist, "--format", "json")
    assert code in (0, 1), err
    found = next(i for i in json.loads(out)["checklist"]["items"] if i["id"] == item)
    return found["status"], found["detail"]


@pytest.fixture
def feature(git_repo):
    git_repo.write("pkg/__init__.py", "")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/refunds")
    # reads an environment variable: a rollout change, so the rollout item is asked
    git_repo.write("pkg/payments.py", "import os\n\ndef refund(order):\n    return order.total * int(os.environ['RATE'])\n")
    git_repo.commit("add refunds")
    return git_repo


def test_confirmation_lives_under_git_dir_and_passes_the_item(capsys, feature):
    assert status(capsys, feature) == ("manual", "confirm: the rollout plan (order, canary, rollback) is executed or "
                                                 "ready")
    code, out, err = cli(capsys, feature, "checklist", "check", "implemented", "rollout", "--note", "canary first")
    assert code == 0, err
    assert out == "confirmed: implemented/rollout on feature/refunds (1 changed file; changing it makes this " \
                  "stale)\n"
    state = feature.path / ".git" / "readiness" / "checklists.json"
    entry = json.loads(state.read_text(encoding="utf-8"))["branches"]["feature/refunds"]["implemented/rollout"]
    assert entry["head"] == feature.git("rev-parse", "HEAD").strip() and entry["note"] == "canary first"
    assert feature.git("status", "--porcelain") == ""  # nothing in the work tree
    item_status, detail = status(capsys, feature)
    assert item_status == "pass" and detail.startswith("confirmed by you on ") and detail.endswith(": canary first")


def test_confirmation_turns_stale_when_a_changed_file_changes_and_survives_a_commit(capsys, feature):
    cli(capsys, feature, "checklist", "check", "implemented", "rollout")
    feature.commit("same content, new HEAD")
    assert status(capsys, feature)[0] == "pass"
    feature.write("pkg/payments.py", "import os\n\ndef refund(order):\n    return -order.total * int(os.environ['RATE'])\n")
    item_status, detail = status(capsys, feature)
    assert item_status == "manual"
    assert detail.startswith("stale: files changed since you confirmed on ")
    assert "`readiness checklist check implemented rollout`" in detail
    cli(capsys, feature, "checklist", "check", "implemented", "rollout")
    assert status(capsys, feature)[0] == "pass"
    feature.write("pkg/new.py", "x = 1\n")  # a new untracked file joins the change
    assert status(capsys, feature)[0] == "manual"


def test_check_offs_belong_to_their_branch(capsys, feature):
    cli(capsys, feature, "checklist", "check", "implemented", "rollout")
    feature.git("checkout", "-q", "-b", "feature/other")
    assert status(capsys, feature)[0] == "manual"
    feature.git("checkout", "-q", "feature/refunds")
    assert status(capsys, feature)[0] == "pass"


def test_not_applicable_needs_a_reason_and_skips_the_item(capsys, feature):
    code, _, err = cli(capsys, feature, "checklist", "check", "implemented", "durable-persistence", "--not-applicable")
    assert code == 2 and "--not-applicable needs --note" in err
    code, out, _ = cli(capsys, feature, "checklist", "check", "implemented", "durable-persistence",
                       "--not-applicable", "--note", "nothing is stored")
    assert code == 0 and out.startswith("marked not applicable: implemented/durable-persistence")
    state = json.loads((feature.path / ".git" / "readiness" / "checklists.json").read_text(encoding="utf-8"))
    day = state["branches"]["feature/refunds"]["implemented/durable-persistence"]["at"][:10]
    assert status(capsys, feature, item="durable-persistence") == (
        "skip", f"marked not applicable on {day}: nothing is stored")


def test_uncheck_withdraws_and_is_idempotent(capsys, feature):
    cli(capsys, feature, "checklist", "check", "implemented", "rollout")
    code, out, _ = cli(capsys, feature, "checklist", "uncheck", "implemented", "rollout")
    assert code == 0 and out == "unchecked: implemented/rollout on feature/refunds (it awaits you again)\n"
    assert status(capsys, feature)[0] == "manual"
    code, out, _ = cli(capsys, feature, "checklist", "uncheck", "implemented", "rollout")
    assert code == 0 and "was not confirmed" in out


def test_uncheck_of_an_item_with_automatic_checks_does_not_claim_it_awaits_you(capsys, feature):
    """metrics-baseline also needs no silent failure: unchecked, it may be failing, so no "awaits you" is said."""
    cli(capsys, feature, "checklist", "check", "ready-for-review", "metrics-baseline")
    code, out, _ = cli(capsys, feature, "checklist", "uncheck", "ready-for-review", "metrics-baseline")
    assert code == 0 and out.startswith("unchecked: ready-for-review/metrics-baseline on feature/refunds")
    assert "awaits you" not in out and "automatic checks still decide" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["implemented", "no-placeholder-throws"], "implemented/no-placeholder-throws is checked automatically "
                                                   "(findings todo-throw), it cannot be confirmed by hand (items to "
                                                   "confirm in implemented: public-contracts, durable-persistence, "
                                                   "observability, rollout)"),
        (["implemented", "rolout"], "no item 'rolout' in checklist implemented (items to confirm in implemented:"),
        (["quality-gates", "nope"], "quality-gates has no item to confirm by hand"),
        (["nope", "x"], "no checklist 'nope'"),
        (["implemented", "rollout", "--note", "x" * 501], "keep it under 500"),
    ],
)
def test_bad_check_is_one_line_and_exit_2(capsys, feature, args, expected):
    code, out, err = cli(capsys, feature, "checklist", "check", *args)
    assert code == 2 and out == ""
    assert expected in err and err.count("\n") == 1


def test_a_secret_in_a_note_is_refused_and_never_echoed(capsys, feature):
    token = "gh" + "p_" + "".join(random.choice(string.ascii_letters + string.digits) for _ in range(36))
    code, out, err = cli(capsys, feature, "checklist", "check", "implemented", "rollout", "--note", f"used {token}")
    assert code == 2 and "looks like it contains a secret" in err
    assert token not in out + err
    assert not (feature.path / ".git" / "readiness" / "checklists.json").exists()


def test_a_corrupt_state_file_is_reported_and_set_aside_not_a_crash(capsys, feature):
    folder = feature.path / ".git" / "readiness"
    folder.mkdir()
    (folder / "checklists.json").write_text("{ half written", encoding="utf-8")
    code, out, err = cli(capsys, feature, "checklist", "show", "implemented", "--format", "json")
    assert code in (0, 1), err
    notes = json.loads(out)["notes"]
    assert any("was corrupt (not valid JSON): moved aside to checklists.json.corrupt-" in n for n in notes)
    assert [p.name.split("-")[0] for p in folder.iterdir() if p.name.startswith("checklists")] == \
        ["checklists.json.corrupt"]
    code, _, err = cli(capsys, feature, "checklist", "check", "implemented", "rollout")
    assert code == 0, err
    assert status(capsys, feature)[0] == "pass"


def test_strict_configuration_makes_pending_items_block_readiness(capsys, feature):
    config = 'checklists_required = ["quality-gates"]\nseverity = { missing-test = "info", missing-docs = "info" }\n'
    feature.write("readiness.toml", config)
    code, out, _ = cli(capsys, feature, "check", "--format", "json")
    gates = next(c for c in json.loads(out)["checklists"] if c["id"] == "quality-gates")
    assert {i["status"] for i in gates["items"]} == {"manual"}  # no gate ran
    assert code == 0 and json.loads(out)["ready"] is True
    feature.write("readiness.toml", config + "strict = true\n")
    code, out, _ = cli(capsys, feature, "check", "--format", "json")
    assert code == 1 and json.loads(out)["ready"] is False
