"""A README without a Troubleshooting heading (issue 12, Found 7 and item 7): it blocks only a branch that changes
the README, the public interface or an entry point; on any other branch it is an info note shown once, and the
"Docs explain usage + recovery" item does not fail. `--all` audits the whole repository: the gap is a warning."""

from __future__ import annotations

import json

import pytest

from readiness.cli import main

README = "# shop\n\n## Usage\n\n    import shop\n"  # no Troubleshooting
LOGIC = "def total(items):\n    \"\"\"Sum.\"\"\"\n    return sum(items)\n"
TEST = ("import pytest\n\nfrom shop.orders import total\n\n\ndef test_total():\n    assert total([1]) == 1\n"
        "    with pytest.raises(TypeError):\n        total(None)\n")


@pytest.fixture
def shop(git_repo):
    git_repo.write("README.md", README)
    git_repo.write("shop/__init__.py", "")
    git_repo.write("shop/orders.py", LOGIC)
    git_repo.write("tests/test_orders.py", TEST)
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    return git_repo


def check(capsys, repo, *args):
    code = main(["check", "--format", "json", "--repo", str(repo.path), *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    report = json.loads(out)
    recovery = [f for f in report["findings"] if f["rule"] == "missing-docs/no-recovery-section"]
    item = next(i for c in report["checklists"] for i in c["items"] if i["id"] == "docs-usage-recovery")
    return recovery, item


def test_a_branch_that_changes_only_internal_code_is_not_blocked(capsys, shop):
    shop.write("shop/orders.py", LOGIC + "\n\ndef count(items):\n    \"\"\"How many.\"\"\"\n    return len(items)\n")
    shop.commit("count")
    recovery, item = check(capsys, shop)
    assert [f["severity"] for f in recovery] == ["info"]
    assert "not this branch's to fix" in recovery[0]["message"]
    assert item["status"] != "fail"


@pytest.mark.parametrize("path, text", [
    ("README.md", README + "\n## Install\n\n    pip install shop\n"),
    ("shop/__init__.py", "from shop.orders import total\n\n__all__ = ['total']\n"),
    ("shop/cli.py", "import argparse\n\n\ndef main():\n    \"\"\"Run.\"\"\"\n    p = argparse.ArgumentParser()\n"
                    "    p.add_argument('--items')\n    return p\n"),
])
def test_a_branch_that_changes_docs_interface_or_entry_point_is_blocked(capsys, shop, path, text):
    shop.write(path, text)
    shop.commit("change")
    recovery, item = check(capsys, shop)
    assert [f["severity"] for f in recovery] == ["warning"]
    assert item["status"] == "fail"


def test_an_all_audit_reports_the_gap_as_a_warning(capsys, shop):
    recovery, _ = check(capsys, shop, "--all")
    assert [f["severity"] for f in recovery] == ["warning"]
