"""`readiness check` end to end on real repositories: scope, formats, exit codes, one-line errors."""

import json
import re

import pytest

from readiness.cli import main

STUB = 'def refund(order):\n    """Give the money back."""\n    raise NotImplementedError\n'
REAL = 'def total(items):\n    """Sum of the items."""\n    return sum(items)\n'
README = "# shop\n\n## Usage\n\nImport it.\n\n## Troubleshooting\n\nAsk.\n"


def add_tested(repo, module, text):
    """Write pkg/<module>.py and a test that imports it and asserts a failure mode (so only stubs are findings)."""
    repo.write(f"pkg/{module}.py", text)
    calls = "".join(f"        {module}.{name}()\n" for name in re.findall(r"^def (\w+)", text, re.MULTILINE))
    repo.write(f"tests/test_{module}.py", f"import pytest\n\nfrom pkg import {module}\n\n\n"
               f"def test_{module}():\n    with pytest.raises(TypeError):\n{calls}")


def check(capsys, repo, *args):
    code = main(["check", "--repo", str(repo.path), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def feature(git_repo):
    """main with one tested module and a README, then a feature branch that adds a stub (committed)."""
    git_repo.write("README.md", README)
    git_repo.write("pkg/__init__.py", "")
    add_tested(git_repo, "total", REAL)
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/refunds")
    add_tested(git_repo, "payments", "import os\n\n\n" + STUB)
    git_repo.commit("add refunds")
    return git_repo


def test_stub_added_on_branch_makes_it_not_ready(capsys, feature):
    code, out, err = check(capsys, feature, "--format", "json")
    assert code == 1, err
    report = json.loads(out)
    stubs = [f for f in report["findings"] if f["category"] == "todo-throw"]
    assert [(f["path"], f["line"], f["rule"], f["severity"]) for f in stubs] == [
        ("pkg/payments.py", 6, "todo-throw/python-stub", "error")]
    assert "refund" in stubs[0]["message"]
    assert report["repo"]["branch"] == "feature/refunds"
    assert report["repo"]["base"] == "main"
    assert report["repo"]["scope"] == "diff"
    assert report["ready"] is False


def test_stub_on_the_base_is_out_of_scope_but_found_with_all(capsys, git_repo):
    git_repo.write("README.md", README)
    add_tested(git_repo, "old", STUB)
    git_repo.commit("base with an old stub")
    git_repo.git("checkout", "-q", "-b", "feature")
    add_tested(git_repo, "new", REAL)
    code, out, _ = check(capsys, git_repo, "--format", "json")
    assert code == 0, out
    assert json.loads(out)["findings"] == []
    code, out, _ = check(capsys, git_repo, "--format", "json", "--all")
    assert code == 1
    assert [f["path"] for f in json.loads(out)["findings"]] == ["pkg/old.py"]


def test_unstaged_and_untracked_changes_are_in_scope(capsys, feature):
    feature.git("checkout", "-q", "pkg/payments.py")
    feature.write("pkg/total.py", REAL + "\n\ndef later():\n    raise NotImplementedError\n")  # unstaged
    feature.write("scratch.py", STUB)  # untracked
    _, out, _ = check(capsys, feature, "--format", "json")
    paths = sorted({f["path"] for f in json.loads(out)["findings"] if f["category"] == "todo-throw"})
    assert paths == ["pkg/payments.py", "pkg/total.py", "scratch.py"]


def test_waived_stub_is_ready(capsys, feature):
    feature.write("pkg/payments.py", 'def refund(order):\n    """Give the money back."""\n'
                  "    raise NotImplementedError  # readiness: ignore[todo-throw] lands in the next release\n")
    code, out, _ = check(capsys, feature, "--format", "json")
    assert code == 0, out
    [finding] = json.loads(out)["findings"]
    assert finding["waived"] is True


def test_fail_on_never_is_ready_despite_findings(capsys, feature):
    code, _, _ = check(capsys, feature, "--fail-on", "never")
    assert code == 0


def test_text_report_groups_by_file_without_colour_when_piped(capsys, feature):
    code, out, _ = check(capsys, feature)
    assert code == 1
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert "pkg/payments.py" in lines
    assert any("6:" in line and "todo-throw/python-stub" in line for line in lines)
    assert any(line.startswith("1 error in ") for line in lines)
    assert lines[-1].startswith("✘ not ready: 1 failing")
    assert "No TODO throws" in out


def test_file_names_with_markup_and_escapes_print_safely(capsys, git_repo):
    git_repo.write("init.txt", "x\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("tests_[/]weird[bold] \x1b]0;PWNED\x07.py", STUB)
    code, out, err = check(capsys, git_repo)
    assert code == 1, err
    assert "\x1b" not in out and "\x07" not in out
    assert "[/]weird[bold]" in out


def test_not_a_repository_is_one_line_and_exit_2(capsys, tmp_path):
    code = main(["check", "--repo", str(tmp_path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "not a git repository" in err
    assert "Traceback" not in err


def test_malformed_config_is_exit_2_naming_file_and_line(capsys, feature):
    feature.write("pyproject.toml", "[tool.readiness]\nfail_on = \"error\"\nbogus = 1\n")
    code, out, err = check(capsys, feature, "--format", "json")
    assert code == 2 and out == ""
    assert "pyproject.toml:3: unknown key bogus" in err


def test_missing_base_is_exit_2(capsys, feature):
    code, out, err = check(capsys, feature, "--base", "no-such-branch", "--format", "json")
    assert code == 2 and out == ""
    assert "no-such-branch" in err and "--base" in err


def test_no_base_branch_scans_uncommitted_and_says_so(capsys, git_repo):
    git_repo.git("checkout", "-q", "-b", "work")
    git_repo.write("README.md", README)
    add_tested(git_repo, "a", REAL)
    git_repo.commit("first")
    add_tested(git_repo, "b", STUB)
    code, out, _ = check(capsys, git_repo, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert report["repo"]["base"] is None and report["repo"]["merge_base"] is None
    assert any("no base branch found" in note and "--base" in note for note in report["notes"])
    assert [f["path"] for f in report["findings"]] == ["pkg/b.py"]


def test_no_commits_yet_scans_everything(capsys, git_repo):
    git_repo.write("a.py", STUB)
    code, out, _ = check(capsys, git_repo, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert report["repo"]["head"] is None and report["repo"]["branch"] == "main"
    assert any("no commits yet" in note for note in report["notes"])


def test_config_base_and_exclude_are_honoured(capsys, feature):
    feature.write("readiness.toml", 'exclude = ["pkg/payments.py"]\nbase = "main"\n')
    code, out, _ = check(capsys, feature, "--format", "json")
    assert code == 0, out
    assert json.loads(out)["findings"] == []


def test_huge_file_is_skipped_with_an_info_finding(capsys, feature):
    feature.write("readiness.toml", "max_file_size = 400\n")
    feature.write("pkg/big.py", "x = 1\n" * 100)
    _, out, _ = check(capsys, feature, "--format", "json")
    skipped = [f for f in json.loads(out)["findings"] if f["rule"] == "skipped-file/too-large"]
    assert [(f["path"], f["severity"], f["line"]) for f in skipped] == [("pkg/big.py", "info", None)]
