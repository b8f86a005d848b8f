"""`readiness baseline` + `check`: baselined findings are counted, never failing; new ones are reported; stale
entries are listed; the file holds fingerprints only; whole-file fingerprints survive edits elsewhere."""

import json
import random

import pytest

from readiness.cli import main
from readiness.core.baseline import BASELINE_FILE

STUB = 'def refund(order):\n    """Give the money back."""\n    raise NotImplementedError\n'
STUB2 = 'def cancel(order):\n    """Cancel it."""\n    raise NotImplementedError("later")\n'


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def token(fake_secrets):
    return fake_secrets["github-token"][0](random.Random(15))


@pytest.fixture
def legacy(git_repo, token):
    """A repository with old findings: a stub, a hard-coded secret and a README without usage/recovery sections."""
    git_repo.write("README.md", "# shop\n")
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/pay.py", STUB)
    git_repo.write("pkg/keys.py", f'TOKEN = "{token}"\n')
    git_repo.commit("legacy")
    return git_repo


def json_check(capsys, repo, *args):
    code, out, err = run(capsys, "check", "--repo", str(repo.path), "--format", "json", *args)
    return code, json.loads(out), err


def test_baseline_turns_a_failing_tree_ready_and_keeps_no_values(capsys, legacy, token):
    code, report, _ = json_check(capsys, legacy, "--all")
    assert code == 1
    before = {f["id"] for f in report["findings"]}
    assert any(f["category"] == "hardcoded-secret" for f in report["findings"])

    code, out, err = run(capsys, "baseline", "--repo", str(legacy.path))
    assert code == 0, err
    assert out.startswith(f"wrote {BASELINE_FILE}: ")
    text = (legacy.path / BASELINE_FILE).read_text()
    assert token not in text
    assert "raise NotImplementedError" not in text  # no snippets either
    entries = json.loads(text)["entries"]
    assert {e["path"] for e in entries} >= {"pkg/pay.py", "pkg/keys.py", "README.md"}
    assert set(entries[0]) == {"fingerprint", "path", "rule", "count"}

    code, report, _ = json_check(capsys, legacy, "--all")
    assert code == 0
    assert {f["id"] for f in report["findings"]} == before  # still there, marked
    assert all(f["baselined"] for f in report["findings"])
    assert any("baselined" in note for note in report["notes"])

    code, out, _ = run(capsys, "check", "--repo", str(legacy.path), "--all")
    assert code == 0
    assert "pkg/pay.py" not in out  # text lists only what is new
    assert "baselined" in out


def test_new_finding_fails_while_old_ones_stay_baselined(capsys, legacy):
    run(capsys, "baseline", "--repo", str(legacy.path))
    legacy.commit("baseline")
    legacy.git("checkout", "-q", "-b", "feature")
    legacy.write("pkg/pay.py", "import os\n\n\n" + STUB + "\n\n" + STUB2)  # the old stub moved down, a new one
    code, report, _ = json_check(capsys, legacy)
    assert code == 1
    todo = [f for f in report["findings"] if f["category"] == "todo-throw"]
    new = [f for f in todo if not f["baselined"]]
    assert [f["line"] for f in new] == [11]
    assert report["verdict"]["failing"]["findings"] == 1
    code, out, _ = run(capsys, "check", "--repo", str(legacy.path))
    assert "pkg/pay.py" in out and "cancel" in out


def test_a_third_copy_of_a_line_baselined_twice_is_new(capsys, git_repo):
    git_repo.write("README.md", "# x\n\n## Usage\n\nx\n\n## Troubleshooting\n\nx\n")
    body = "def a():\n    raise NotImplementedError\n\n\ndef b():\n    raise NotImplementedError\n"
    git_repo.write("a.py", body)
    git_repo.commit("two stubs")
    run(capsys, "baseline", "--repo", str(git_repo.path))
    git_repo.write("a.py", body + "\n\ndef c():\n    raise NotImplementedError\n")
    code, report, _ = json_check(capsys, git_repo, "--all")
    stubs = [f for f in report["findings"] if f["category"] == "todo-throw"]
    assert [f["baselined"] for f in stubs] == [True, True, False]
    assert code == 1


def test_fixed_findings_are_listed_as_stale_and_dropped_by_the_next_baseline(capsys, legacy):
    run(capsys, "baseline", "--repo", str(legacy.path))
    legacy.commit("baseline")  # the default scope honours the merge-base's baseline only
    legacy.write("pkg/pay.py", 'def refund(order):\n    """Give the money back."""\n    return order\n')
    (legacy.path / "pkg/keys.py").unlink()
    code, report, _ = json_check(capsys, legacy, "--all")
    stale = [n for n in report["notes"] if "stale baseline" in n]
    assert len(stale) == 1 and "pkg/pay.py todo-throw/" in stale[0] and "pkg/keys.py hardcoded-secret/" in stale[0]
    # the default scope knows only that deleted files' entries are stale
    code, report, _ = json_check(capsys, legacy)
    stale = [n for n in report["notes"] if "stale baseline" in n]
    assert len(stale) == 1 and "pkg/keys.py" in stale[0] and "pkg/pay.py" not in stale[0]

    code, out, _ = run(capsys, "baseline", "--repo", str(legacy.path))
    assert "dropped since the last baseline" in out and " 0 dropped" not in out
    code, report, _ = json_check(capsys, legacy, "--all")
    assert not [n for n in report["notes"] if "stale baseline" in n]


def test_whole_file_fingerprints_do_not_change_when_the_file_is_edited_elsewhere(capsys, legacy):
    code, report, _ = json_check(capsys, legacy, "--all")
    whole = {(f["path"], f["rule"]): f["id"] for f in report["findings"] if f["line"] is None}
    assert ("README.md", "missing-docs/no-usage-section") in whole
    run(capsys, "baseline", "--repo", str(legacy.path))
    legacy.write("README.md", "# shop\n\nA shop. It sells things.\n\nMore words here.\n")
    code, report, _ = json_check(capsys, legacy, "--all")
    after = {(f["path"], f["rule"]): f for f in report["findings"] if f["line"] is None}
    assert {k: f["id"] for k, f in after.items()} == whole
    assert all(f["baselined"] for f in after.values())


def test_a_damaged_baseline_is_one_line_exit_2(capsys, legacy):
    (legacy.path / BASELINE_FILE).write_text("{not json")
    code, out, err = run(capsys, "check", "--repo", str(legacy.path))
    assert code == 2
    assert err.count("\n") == 1 and BASELINE_FILE in err and "readiness baseline" in err


def test_a_new_copy_of_a_baselined_line_on_a_branch_is_new(capsys, git_repo):
    """The default scope sees only the new copy; it is matched against every copy of the line in the file."""
    git_repo.write("README.md", "# x\n\n## Usage\n\nx\n\n## Troubleshooting\n\nx\n")
    git_repo.write("a.py", "def a():\n    raise NotImplementedError\n")
    git_repo.commit("old stub")
    run(capsys, "baseline", "--repo", str(git_repo.path))
    git_repo.commit("baseline")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("a.py", "def a():\n    raise NotImplementedError\n\n\ndef b():\n    raise NotImplementedError\n")
    code, report, _ = json_check(capsys, git_repo)
    stubs = [(f["line"], f["baselined"]) for f in report["findings"] if f["category"] == "todo-throw"]
    assert stubs == [(6, False)] and code == 1
    # re-indenting the baselined line itself keeps it baselined
    git_repo.write("a.py", "def a():\n        raise NotImplementedError\n")
    code, report, _ = json_check(capsys, git_repo)
    stubs = [(f["line"], f["baselined"]) for f in report["findings"] if f["category"] == "todo-throw"]
    assert stubs == [(2, True)]
