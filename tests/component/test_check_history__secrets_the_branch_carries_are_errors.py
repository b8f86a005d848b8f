"""Found (issue 13): a token committed on the branch and deleted in a later commit gave no finding and the run said
ready, although the pull request still carries the token in its history. History findings are errors with the
commit (short id, subject), masked, with a fix that says rotate then rewrite the branch."""

from __future__ import annotations

import json
import random
import string

import pytest

from readiness.cli import main

ALNUM = (string.ascii_letters + string.digits).replace("x", "").replace("X", "")


def token(seed: int) -> str:
    rng = random.Random(seed)
    return "gh" + "p_" + "".join(rng.choice(ALNUM) for _ in range(36))


def check(capsys, repo, *args):
    code = main(["check", "--repo", str(repo.path), "--format", "json", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip().startswith("{") else out, err


@pytest.fixture
def branch(git_repo):
    git_repo.write("app.py", "def run():\n    return 1\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/ci")
    return git_repo


def test_a_token_added_then_deleted_on_the_branch_is_an_error_with_the_commit(capsys, branch):
    value = token(1)
    branch.write("ci.py", f'GH = "{value}"\n')
    sha = branch.commit("add CI config")
    branch.write("ci.py", 'import os\nGH = os.environ["GH"]\n')
    branch.commit("read the token from the environment")
    code, report, err = check(capsys, branch)
    assert code == 1, err
    history = [f for f in report["findings"] if f["rule"] == "hardcoded-secret/in-history"]
    assert len(history) == 1, report["findings"]
    finding = history[0]
    assert finding["severity"] == "error" and finding["path"] == "ci.py"
    assert sha[:7] in finding["message"] and "add CI config" in finding["message"] and "ghp_****" in finding["message"]
    assert finding["commit"] == {"id": sha[:7], "subject": "add CI config"}  # CONTRACT.md: the finding's commit
    assert all(f["commit"] is None for f in report["findings"] if f is not finding)
    assert value not in json.dumps(report) + err


def test_the_fix_text_says_rotate_then_rewrite_the_branch():
    from readiness.core.scan.scanners.hardcoded_secret import RULES
    fix = RULES["hardcoded-secret/in-history"].fix
    assert fix.index("Rotate") < fix.index("rewrite the branch")
    assert "git rebase -i" in fix and "git commit --amend" in fix


def test_a_weak_rule_value_in_history_is_still_an_error(capsys, branch):
    rng = random.Random(5)
    secret = "".join(rng.choice(ALNUM + "!#%") for _ in range(28))
    branch.write("settings.py", f'client_secret = "{secret}"\n')
    branch.commit("settings")
    branch.write("settings.py", "client_secret = None\n")
    branch.commit("drop it")
    _, report, _ = check(capsys, branch)
    (finding,) = [f for f in report["findings"] if f["rule"] == "hardcoded-secret/in-history"]
    assert finding["severity"] == "error" and secret not in json.dumps(report)


def test_a_token_still_in_the_tree_is_reported_once_by_the_tree_scan(capsys, branch):
    branch.write("ci.py", f'GH = "{token(2)}"\n')
    branch.commit("add CI config")
    _, report, _ = check(capsys, branch)
    rules = [f["rule"] for f in report["findings"] if f["category"] == "hardcoded-secret"]
    assert rules == ["hardcoded-secret/github-token"]


def test_base_history_is_not_the_branch_s_and_history_walks_every_commit(capsys, git_repo):
    value = token(3)
    git_repo.write("old.py", f'GH = "{value}"\n')
    git_repo.commit("old mistake on main")
    git_repo.write("old.py", "GH = None\n")
    git_repo.commit("removed on main")
    git_repo.git("checkout", "-q", "-b", "feature/x")
    git_repo.write("app.py", "def run():\n    return 2\n")
    git_repo.commit("feature work")
    _, report, _ = check(capsys, git_repo)
    assert not [f for f in report["findings"] if f["rule"] == "hardcoded-secret/in-history"]
    _, report, _ = check(capsys, git_repo, "--all")
    assert not [f for f in report["findings"] if f["rule"] == "hardcoded-secret/in-history"]
    code, report, _ = check(capsys, git_repo, "--all", "--history")
    assert code == 1
    (finding,) = [f for f in report["findings"] if f["rule"] == "hardcoded-secret/in-history"]
    assert "old mistake on main" in finding["message"] and value not in json.dumps(report)
    assert any(n.startswith("history: read 3 commits") for n in report["notes"])


def test_allow_markers_and_allowlisted_paths_hold_in_history(capsys, branch):
    branch.write("ci.py", f'GH = "{token(4)}"  # gitleaks:allow\n')
    branch.write("fixtures/fake.py", f'GH = "{token(6)}"\n')
    branch.write("pyproject.toml", '[tool.readiness]\nsecret_allowlist_paths = ["fixtures/"]\n')
    branch.commit("fixtures")
    branch.write("ci.py", "GH = None\n")
    branch.write("fixtures/fake.py", "GH = None\n")
    branch.commit("gone")
    _, report, _ = check(capsys, branch)
    assert not [f for f in report["findings"] if f["rule"] == "hardcoded-secret/in-history"]
