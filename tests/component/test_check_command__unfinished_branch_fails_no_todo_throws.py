"""A new `elif strategy == "adaptive": raise NotImplementedError("adaptive retry budgets")` on a changed line (issue
12, Found 1) is reported, and "No TODO throws" does not pass; `--all` on the same tree keeps it quiet (mature code
refuses cases on purpose) unless the message says the branch is unfinished."""

from __future__ import annotations

import json

import pytest

from readiness.cli import main

BUDGET = '''def retry_budget(strategy, attempts):
    """How many retries a strategy may spend."""
    if strategy == "fixed":
        return attempts
    elif strategy == "adaptive":
        raise NotImplementedError({message!r})
    return attempts // 2
'''


@pytest.fixture
def repo(git_repo):
    git_repo.write("README.md", "# pkg\n\n## Usage\n\n    import pkg\n\n## Troubleshooting\n\nAsk.\n")
    git_repo.write("pkg/__init__.py", "")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/retry-budget")
    return git_repo


def check(capsys, repo, *args):
    code = main(["check", "--format", "json", "--repo", str(repo.path), *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    report = json.loads(out)
    todo = [(f["rule"], f["line"], f["severity"]) for f in report["findings"] if f["category"] == "todo-throw"]
    item = next(i for c in report["checklists"] for i in c["items"] if i["id"] == "no-todo-throws")
    return todo, item["status"]


def test_the_adaptive_branch_is_reported_and_fails_no_todo_throws(capsys, repo):
    repo.write("pkg/budget.py", BUDGET.format(message="adaptive retry budgets"))
    repo.commit("retry budget")
    todo, status = check(capsys, repo)
    assert todo == [("todo-throw/python-unfinished-branch", 6, "warning")]
    assert status == "fail"
    assert check(capsys, repo, "--all") == ([], "pass")


def test_a_branch_that_says_not_yet_is_an_error_in_both_scopes(capsys, repo):
    repo.write("pkg/budget.py", BUDGET.format(message="adaptive budgets: not yet"))
    repo.commit("retry budget")
    for args in ((), ("--all",)):
        todo, status = check(capsys, repo, *args)
        assert todo == [("todo-throw/python-todo-raise", 6, "error")] and status == "fail"
