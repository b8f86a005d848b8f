"""`readiness check --all` never reports fewer problems for the branch's files than `readiness check` (issue 12,
Found 9): the missing-test and docstring findings of a new file are in both; `--all` adds the rest of the tree."""

from __future__ import annotations

import json

import pytest

from readiness.cli import main

README = "# shop\n\n## Usage\n\n    import shop\n\n## Troubleshooting\n\nAsk.\n"
TESTED = "def total(items):\n    \"\"\"Sum.\"\"\"\n    return sum(items)\n"
TEST = ("import pytest\n\nfrom shop.orders import total\n\n\ndef test_total():\n    assert total([1]) == 1\n"
        "    with pytest.raises(TypeError):\n        total(None)\n")


@pytest.fixture
def shop(git_repo):
    git_repo.write("README.md", README)
    git_repo.write("shop/__init__.py", "")
    git_repo.write("shop/orders.py", TESTED)
    git_repo.write("shop/legacy.py", "def old(x):\n    if x:\n        return 1\n    return 2\n")  # no docstring, no test
    git_repo.write("tests/test_orders.py", TEST)
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("shop/refunds.py", "def refund(order, amount):\n    if amount < 0:\n        raise ValueError(amount)"
                                      "\n    return order - amount\n")
    git_repo.write("shop/orders.py", TESTED + "\n\ndef count(items):\n    return len(items)\n")
    git_repo.commit("refunds")
    return git_repo


def findings(capsys, repo, *args):
    code = main(["check", "--format", "json", "--repo", str(repo.path), *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return {(f["rule"], f["path"], f["line"]) for f in json.loads(out)["findings"]}


def test_all_reports_everything_the_diff_reports_for_the_branch(capsys, shop):
    diff, audit = findings(capsys, shop), findings(capsys, shop, "--all")
    assert {("missing-test/no-test-file", "shop/refunds.py", None), ("missing-docs/missing-docstring",
            "shop/refunds.py", 1), ("missing-test/untested-function", "shop/orders.py", 6),
            ("missing-docs/missing-docstring", "shop/orders.py", 6)} <= diff
    assert diff - audit == set()
    assert ("missing-test/no-test-file", "shop/legacy.py", None) in audit  # the audit adds the rest of the tree
    assert not any(rule == "missing-docs/missing-docstring" and path == "shop/legacy.py" for rule, path, _ in audit)
