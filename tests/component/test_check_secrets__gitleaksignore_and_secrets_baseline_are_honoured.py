"""Adoption on an existing repository (issue 13): gitleaks' `.gitleaksignore` fingerprints and detect-secrets'
`.secrets.baseline` are honoured next to readiness's own waivers, read and never written."""

from __future__ import annotations

import hashlib
import json
import random
import string

import pytest

from readiness.cli import main

ALNUM = (string.ascii_letters + string.digits).replace("x", "").replace("X", "")


def token(seed: int) -> str:
    rng = random.Random(seed)
    return "gh" + "p_" + "".join(rng.choice(ALNUM) for _ in range(36))


def secret_rules(capsys, repo, *args):
    code = main(["check", "--repo", str(repo.path), "--format", "json", "--all", *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return [f["rule"] for f in json.loads(out)["findings"] if f["category"] == "hardcoded-secret"]


@pytest.fixture
def leaky(git_repo):
    value = token(1)
    git_repo.write("ci.py", f'import os\nGH = "{value}"\n')
    git_repo.commit("ci")
    git_repo.value = value
    return git_repo


@pytest.mark.parametrize(("entry", "accepted"), [
    ("ci.py:github-pat:2", True),
    ("# a comment\n\nci.py:github-pat:2", True),
    ("ci.py:aws-access-token:2", False),  # another gitleaks rule
    ("ci.py:github-pat:1", False),  # another line
    ("other.py:github-pat:2", False),
    ("not a fingerprint", False),
])
def test_gitleaksignore_fingerprints(capsys, leaky, entry, accepted):
    leaky.write(".gitleaksignore", entry + "\n")
    before = (leaky.path / ".gitleaksignore").read_bytes()
    rules = secret_rules(capsys, leaky)
    assert (rules == []) is accepted, rules
    assert (leaky.path / ".gitleaksignore").read_bytes() == before


def test_a_commit_fingerprint_accepts_the_tree_finding_and_the_history_finding(capsys, git_repo):
    git_repo.write("app.py", "x = 1\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/ci")
    git_repo.write("ci.py", f'import os\nGH = "{token(2)}"\n')
    sha = git_repo.commit("add token")
    git_repo.write("ci.py", "import os\nGH = None\n")
    git_repo.commit("drop token")
    code = main(["check", "--repo", str(git_repo.path), "--format", "json"])
    out, _ = capsys.readouterr()
    assert "hardcoded-secret/in-history" in [f["rule"] for f in json.loads(out)["findings"]]
    git_repo.write(".gitleaksignore", f"{sha}:ci.py:github-pat:2\n")
    code = main(["check", "--repo", str(git_repo.path), "--format", "json"])
    out, _ = capsys.readouterr()
    assert "hardcoded-secret/in-history" not in [f["rule"] for f in json.loads(out)["findings"]], code


def baseline(path: str, value: str, **extra) -> str:
    entry = {"type": "GitHub Token", "filename": path, "hashed_secret": hashlib.sha1(value.encode()).hexdigest(),
             "is_verified": False, "line_number": 7, **extra}
    return json.dumps({"version": "1.5.0", "plugins_used": [], "filters_used": [], "results": {path: [entry]}})


def test_a_secrets_baseline_entry_accepts_the_value_wherever_its_line_moved(capsys, leaky):
    leaky.write(".secrets.baseline", baseline("ci.py", leaky.value))
    before = (leaky.path / ".secrets.baseline").read_bytes()
    assert secret_rules(capsys, leaky) == []
    assert (leaky.path / ".secrets.baseline").read_bytes() == before


@pytest.mark.parametrize("content", [
    "baseline-of-another-value", "audited-as-real", "{ not json", "[]", '{"results": {"ci.py": "nope"}}'])
def test_other_or_broken_baselines_accept_nothing_and_never_crash(capsys, leaky, content):
    text = {"baseline-of-another-value": baseline("ci.py", token(9)),
            "audited-as-real": baseline("ci.py", leaky.value, is_secret=True)}.get(content, content)
    leaky.write(".secrets.baseline", text)
    assert secret_rules(capsys, leaky) == ["hardcoded-secret/github-token"]
