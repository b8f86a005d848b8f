"""missing-test end to end through `readiness check --format json` on real repositories: a new module without
tests is reported; the same module with a new test file in the same change is not; a pre-existing untested
module outside the diff is reported only with `--all`; a changed module that already has tests is fine."""

import json

import pytest

from readiness.cli import main

LOGIC = "def {name}(order, amount):\n    if amount < 0:\n        raise ValueError(amount)\n    return order - amount\n"
README = "# Shop\n\n## Usage\n\n    shop run\n\n## Troubleshooting\n\nRetry.\n"


def check(capsys, repo, *args):
    code = main(["check", "--format", "json", "--repo", str(repo.path), *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return json.loads(out)


def missing(report):
    return sorted(f["path"] for f in report["findings"] if f["rule"] == "missing-test/no-test-file")


@pytest.fixture
def shop(git_repo):
    """main: a tested module and an untested legacy module; then a feature branch."""
    git_repo.write("README.md", README)
    git_repo.write("shop/__init__.py", "")
    git_repo.write("shop/orders.py", LOGIC.format(name="total"))
    git_repo.write("shop/legacy.py", LOGIC.format(name="old_total"))
    git_repo.write("tests/test_orders.py", "import pytest\n\nfrom shop.orders import total\n\n\n"
                                           "def test_negative():\n    with pytest.raises(ValueError):\n"
                                           "        total(1, -1)\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/refunds")
    return git_repo


def test_new_module_without_tests_is_reported(capsys, shop):
    shop.write("shop/refunds.py", LOGIC.format(name="refund"))
    shop.commit("add refunds")
    report = check(capsys, shop)
    assert missing(report) == ["shop/refunds.py"]
    finding = next(f for f in report["findings"] if f["rule"] == "missing-test/no-test-file")
    assert finding["line"] is None and finding["severity"] == "error" and finding["category"] == "missing-test"
    assert report["ready"] is False


def test_new_test_file_in_the_same_change_counts(capsys, shop):
    shop.write("shop/refunds.py", LOGIC.format(name="refund"))
    shop.commit("add refunds")
    shop.write("tests/test_refunds.py", "from shop.refunds import refund\n\n\ndef test_refund():\n"
                                        "    assert refund(3, 1) == 2\n")  # untracked, not even staged
    assert missing(check(capsys, shop)) == []


def test_untested_module_outside_the_diff_is_reported_only_with_all(capsys, shop):
    shop.write("shop/orders.py", LOGIC.format(name="total") + "\n\ndef count(items):\n    return len(items)\n")
    assert missing(check(capsys, shop)) == []  # orders.py changed but has tests; legacy.py is not in the change
    assert missing(check(capsys, shop, "--all")) == ["shop/legacy.py"]


def test_changing_an_untested_module_reports_it(capsys, shop):
    shop.write("shop/legacy.py", LOGIC.format(name="old_total") + "\n\ndef count(items):\n    return len(items)\n")
    assert missing(check(capsys, shop)) == ["shop/legacy.py"]


def test_fingerprint_is_stable_when_the_file_changes(capsys, shop):
    shop.write("shop/refunds.py", LOGIC.format(name="refund"))
    first = {f["rule"]: f["id"] for f in check(capsys, shop)["findings"]}
    shop.write("shop/refunds.py", "import os\n\n\n" + LOGIC.format(name="refund"))
    second = {f["rule"]: f["id"] for f in check(capsys, shop)["findings"]}
    assert first["missing-test/no-test-file"] == second["missing-test/no-test-file"]


def test_waived_by_configuration(capsys, shop):
    shop.write("shop/refunds.py", LOGIC.format(name="refund"))
    fid = next(f["id"] for f in check(capsys, shop)["findings"] if f["rule"] == "missing-test/no-test-file")
    shop.write("readiness.toml", f'waivers = [{{ id = "{fid}", reason = "covered by the e2e suite" }}]\n')
    finding = next(f for f in check(capsys, shop)["findings"] if f["rule"] == "missing-test/no-test-file")
    assert finding["waived"] is True


def test_exempt_globs_are_configurable(capsys, shop):
    shop.write("shop/refunds.py", LOGIC.format(name="refund"))
    shop.write("readiness.toml", 'missing_test_exempt = ["shop/refunds.py"]\n')
    assert missing(check(capsys, shop)) == []
