"""Review fixes of the baseline: a replaced secret is new (the value is part of the fingerprint, salted, never
stored), a branch cannot accept its own findings in the diff scope, a hostile baseline file is one clear line, and
an entry that matched a finding is never called stale."""

import json
import random
import re

import pytest

from readiness.cli import main
from readiness.core.baseline import BASELINE_FILE

STUB = 'def refund(order):\n    """Give the money back."""\n    raise NotImplementedError\n'


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def json_check(capsys, repo, *args):
    code, out, err = run(capsys, "check", "--repo", str(repo.path), "--format", "json", *args)
    return code, json.loads(out), err


def secrets_of(report):
    return [f for f in report["findings"] if f["category"] == "hardcoded-secret"]


@pytest.mark.parametrize("rule", ["github-token", "private-key"])
def test_a_replaced_secret_is_new_while_the_baselined_one_stays_accepted(capsys, git_repo, fake_secrets, rule):
    make, path, template = fake_secrets[rule]
    old, new = make(random.Random(1)), make(random.Random(2))
    git_repo.write("README.md", "# app\n")
    git_repo.write(path, template.format(v=old) + "\n")
    git_repo.commit("legacy")
    assert run(capsys, "baseline", "--repo", str(git_repo.path))[0] == 0
    text = (git_repo.path / BASELINE_FILE).read_text()
    assert old not in text and all(line not in text for line in old.split("\n"))
    assert json.loads(text)["value_salt"]
    code, report, _ = json_check(capsys, git_repo, "--all")
    assert secrets_of(report) and all(f["baselined"] for f in secrets_of(report))

    git_repo.write(path, template.format(v=new) + "\n")  # rotated: the same masked line, another value
    code, report, _ = json_check(capsys, git_repo, "--all")
    assert code == 1, (report["findings"], report["notes"])
    assert secrets_of(report) and not any(f["baselined"] for f in secrets_of(report))
    assert new not in json.dumps(report)


def test_a_baselined_secret_stays_accepted_when_the_file_is_edited_elsewhere(capsys, git_repo, fake_secrets):
    make, path, template = fake_secrets["github-token"]
    value = make(random.Random(3))
    git_repo.write(path, template.format(v=value) + "\n")
    git_repo.commit("legacy")
    run(capsys, "baseline", "--repo", str(git_repo.path))
    git_repo.write(path, "import os\n\n" + template.format(v=value) + "\n")
    code, report, _ = json_check(capsys, git_repo, "--all")
    assert secrets_of(report) and all(f["baselined"] for f in secrets_of(report))


@pytest.fixture
def base_with_baseline(git_repo):
    git_repo.write("README.md", "# app\n")
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/old.py", STUB)
    git_repo.commit("legacy")
    return git_repo


def test_a_branch_cannot_accept_its_own_findings_through_the_baseline(capsys, base_with_baseline):
    repo = base_with_baseline
    run(capsys, "baseline", "--repo", str(repo.path))
    repo.commit("baseline on main")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("pkg/new.py", STUB.replace("refund", "cancel"))
    run(capsys, "baseline", "--repo", str(repo.path))  # the branch baselines its own new stub
    repo.commit("accept my own stub")

    code, report, _ = json_check(capsys, repo)
    new = [f for f in report["findings"] if f["path"] == "pkg/new.py" and f["category"] == "todo-throw"]
    assert new and not any(f["baselined"] for f in new)
    assert code == 1
    added = [n for n in report["notes"] if "added on this branch" in n]
    assert len(added) == 1 and re.match(r"\d+ baseline entries added on this branch are not honoured until merged",
                                        added[0])

    code, report, _ = json_check(capsys, repo, "--all")  # --all reads the work tree's file
    assert all(f["baselined"] for f in report["findings"] if f["category"] == "todo-throw")
    assert not [n for n in report["notes"] if "added on this branch" in n]


@pytest.mark.parametrize(("entries", "what"), [
    ('[{"fingerprint": "a", "path": "x", "rule": "r", "count": 1e400}]', "entry 1"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('[{"fingerprint": "a", "path": "x", "rule": "r", "count": "9' + "9" * 5000 + '"}]', "entry 1"),
], ids=["huge-float", "deep-nesting", "huge-string"])
def test_a_hostile_baseline_file_is_one_clear_line(capsys, base_with_baseline, entries, what):
    repo = base_with_baseline
    (repo.path / BASELINE_FILE).write_text('{"version": 1, "entries": ' + entries + "}")
    code, out, err = run(capsys, "check", "--repo", str(repo.path), "--all")
    assert code == 2
    assert "Traceback" not in out + err and "internal error" not in (out + err).lower()
    assert BASELINE_FILE in err and what in err and len(err.strip().splitlines()) == 1


def test_a_negative_count_is_bounded_and_said(capsys, base_with_baseline):
    repo = base_with_baseline
    run(capsys, "baseline", "--repo", str(repo.path))
    data = json.loads((repo.path / BASELINE_FILE).read_text())
    for entry in data["entries"]:
        entry["count"] = -5
    (repo.path / BASELINE_FILE).write_text(json.dumps(data))
    code, report, _ = json_check(capsys, repo, "--all")
    assert code == 0  # read as 1: the old findings stay accepted
    assert any("count outside 1..1,000,000" in n for n in report["notes"])


def test_an_entry_that_matched_is_never_called_stale(capsys, git_repo):
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/old.py", STUB)
    git_repo.commit("legacy without a README")
    run(capsys, "baseline", "--repo", str(git_repo.path))
    text = (git_repo.path / BASELINE_FILE).read_text()
    assert "missing-docs/no-readme" in text and '"README.md"' in text
    git_repo.commit("baseline")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("pkg/old.py", STUB + "\n\ndef other():\n    return 1\n")
    code, report, _ = json_check(capsys, git_repo)
    matched = [f for f in report["findings"] if f["rule"] == "missing-docs/no-readme"]
    assert matched and matched[0]["baselined"]
    assert not [n for n in report["notes"] if "stale baseline" in n and "README.md" in n]


def test_staged_scope_honours_the_merge_base_entries_only_too(capsys, base_with_baseline):
    repo = base_with_baseline
    run(capsys, "baseline", "--repo", str(repo.path))
    repo.commit("baseline on main")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("pkg/old.py", STUB + "\n\n" + STUB.replace("refund", "cancel"))
    run(capsys, "baseline", "--repo", str(repo.path))  # accepts the new stub in the work tree's file
    repo.git("add", "-A")
    code, report, _ = json_check(capsys, repo, "--staged")
    stubs = {f["line"]: f["baselined"] for f in report["findings"] if f["category"] == "todo-throw"}
    assert stubs.get(8) is False  # the branch's own stub: new
    assert code == 1
    assert [n for n in report["notes"] if "not honoured until merged" in n]
