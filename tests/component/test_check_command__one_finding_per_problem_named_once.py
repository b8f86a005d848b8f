"""`readiness check` on a branch adding one `except Exception: pass` in a module that logs nothing (issue 12, Found
6): one finding (a warning), its location named once in the findings, the checklist details and the PR markdown,
its message once per checklist item."""

from __future__ import annotations

import json

import pytest

from readiness.cli import main

BUDGET = ("def retry_budget(attempts):\n    \"\"\"How many retries may be spent.\"\"\"\n    budget = 0\n    try:\n"
          "        budget = int(attempts) // 2\n    except Exception:\n        pass\n    return budget\n")
TEST = ("import pytest\n\nfrom pkg.budget import retry_budget\n\n\ndef test_retry_budget():\n"
        "    assert retry_budget(4) == 2\n    with pytest.raises(TypeError):\n        retry_budget()\n")


@pytest.fixture
def branch(git_repo):
    git_repo.write("README.md", "# pkg\n\n## Usage\n\n    import pkg\n\n## Troubleshooting\n\nAsk.\n")
    git_repo.write("pkg/__init__.py", "")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/budget")
    git_repo.write("pkg/budget.py", BUDGET)
    git_repo.write("tests/test_budget.py", TEST)
    git_repo.commit("retry budget")
    return git_repo


def check(capsys, repo, *args):
    code = main(["check", "--repo", str(repo.path), *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return out


def test_one_warning_for_one_swallowed_exception(capsys, branch):
    report = json.loads(check(capsys, branch, "--format", "json"))
    silent = [(f["rule"], f["line"], f["severity"]) for f in report["findings"] if f["category"] == "silent-failure"]
    assert silent == [("silent-failure/python-swallowed", 6, "warning")]


def test_text_and_markdown_name_the_location_once(capsys, branch):
    text = check(capsys, branch)
    markdown = check(capsys, branch, "--format", "markdown")
    for out in (text, markdown):
        assert "pkg/budget.py:6" in out
        assert ":6, :6" not in out
    detail = next(line for line in text.splitlines() if "Metrics emit baseline signals" in line)
    assert detail.count("pkg/budget.py:6") == 1 and detail.count("swallows the error") == 1
