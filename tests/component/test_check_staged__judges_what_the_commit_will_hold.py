"""`readiness check --staged`: the scope is the index against HEAD and files are read from the index, so a
partially staged file is judged by its staged content, unstaged and untracked files are not in scope."""

import json

import pytest

from readiness.cli import main

README = "# x\n\n## Usage\n\nx\n\n## Troubleshooting\n\nx\n"
GOOD = 'def total(items):\n    """Sum."""\n    return sum(items)\n'
STUB = 'def refund(order):\n    """Give it back."""\n    raise NotImplementedError\n'


def check(capsys, repo, *args):
    code = main(["check", "--repo", str(repo.path), "--staged", "--format", "json", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else None), err


def todo(report):
    return [(f["path"], f["line"]) for f in report["findings"] if f["category"] == "todo-throw"]


@pytest.fixture
def repo(git_repo):
    git_repo.write("README.md", README)
    git_repo.write("pay.py", GOOD)
    git_repo.commit("base")
    return git_repo


def test_an_unstaged_stub_is_not_in_the_commit(capsys, repo):
    repo.write("pay.py", GOOD + "\n\n" + STUB)
    code, report, _ = check(capsys, repo)
    assert todo(report) == [] and code == 0
    assert report["repo"]["scope"] == "staged"


def test_a_staged_stub_blocks_even_when_the_work_tree_fixed_it(capsys, repo):
    repo.write("pay.py", GOOD + "\n\n" + STUB)
    repo.git("add", "pay.py")
    repo.write("pay.py", GOOD)  # fixed in the work tree, but the commit would still hold the stub
    code, report, _ = check(capsys, repo)
    assert code == 1
    assert todo(report) == [("pay.py", 8)]


def test_a_partially_staged_file_is_judged_by_its_staged_lines(capsys, repo):
    repo.write("pay.py", GOOD + "\n\n" + STUB)
    repo.git("add", "pay.py")
    repo.write("pay.py", "import os\n\n\n" + GOOD + "\n\n" + STUB)  # unstaged lines above shift the work tree
    code, report, _ = check(capsys, repo)
    assert todo(report) == [("pay.py", 8)]  # the index's line numbers


def test_untracked_files_are_not_in_the_commit(capsys, repo):
    repo.write("new.py", STUB)
    code, report, _ = check(capsys, repo)
    assert todo(report) == [] and code == 0
    repo.git("add", "new.py")
    code, report, _ = check(capsys, repo)
    assert todo(report) == [("new.py", 3)] and code == 1


def test_staged_in_a_repository_without_commits(capsys, git_repo):
    git_repo.write("a.py", STUB)
    git_repo.write("b.py", STUB)
    git_repo.git("add", "a.py")
    code, report, _ = check(capsys, git_repo)
    assert todo(report) == [("a.py", 3)]


def test_staged_and_all_together_is_one_line_exit_2(capsys, repo):
    code, report, err = check(capsys, repo, "--all")
    assert code == 2 and report is None and err.count("\n") == 1
