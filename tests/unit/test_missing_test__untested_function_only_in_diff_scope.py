"""missing-test/untested-function: public functions added or changed on the branch that no test file names, in
files that do have tests; reported at the `def` line (warning), in `--all` scope on the branch's lines too."""

import pytest

from readiness.core.scan import engine as scan

BASE = "def refund(order, amount):\n    return order - amount\n"
TEST = "from pkg.refunds import refund\n\n\ndef test_refund():\n    assert refund(3, 1) == 2\n"

CASES = [
    # (id, text appended on the branch, extra test text, expected (name, line))
    ("new-public-function", "\n\ndef partial_refund(order):\n    return order / 2\n", "", {("partial_refund", 5)}),
    ("new-function-named-in-a-test", "\n\ndef partial_refund(order):\n    return order / 2\n",
     "\n\ndef test_partial():\n    from pkg.refunds import partial_refund\n", set()),
    ("new-private-function", "\n\ndef _halve(order):\n    return order / 2\n", "", set()),
    ("new-method-of-public-class",
     "\n\nclass Ledger:\n    def settle_all(self):\n        return 0\n", "", {("settle_all", 6)}),
    ("method-of-private-class", "\n\nclass _Ledger:\n    def settle_all(self):\n        return 0\n", "", set()),
    ("overload-signature",
     "\n\nfrom typing import overload\n\n\n@overload\ndef convert(x: int) -> int: ...\n", "", set()),
    ("nested-function-is-not-public",
     "\n\ndef outer_helper_fn():\n    def inner_thing():\n        return 1\n    return inner_thing\n",
     "\n\ndef test_outer():\n    from pkg.refunds import outer_helper_fn\n", set()),
]


@pytest.fixture
def branch(git_repo):
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/refunds.py", BASE)
    git_repo.write("tests/test_refunds.py", TEST)
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    return git_repo


@pytest.mark.parametrize("added, extra_test, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_untested_function(branch, scan_context, added, extra_test, expected):
    branch.write("pkg/refunds.py", BASE + added)
    branch.write("tests/test_refunds.py", TEST + extra_test)
    branch.commit("change")
    findings = [f for f in scan.run(scan_context(branch), scanners=["missing-test"])
                if f.rule == "missing-test/untested-function"]
    assert {(f.message.split("(")[0].split()[-1], f.line) for f in findings} == expected
    assert all(str(f.severity) == "warning" and f.path == "pkg/refunds.py" for f in findings)


def test_changed_body_is_reported_on_its_first_changed_line(branch, scan_context):
    branch.write("pkg/refunds.py", BASE + "\n\ndef settle(order):\n    return order\n")
    branch.commit("add settle")  # on the branch: settle is new
    branch.git("checkout", "-q", "main")
    branch.write("pkg/refunds.py", BASE + "\n\ndef settle(order):\n    return order\n")
    branch.commit("settle lands on main")
    branch.git("checkout", "-q", "-b", "fix")
    branch.write("pkg/refunds.py", BASE + "\n\ndef settle(order):\n    return order * 1\n")
    findings = [f for f in scan.run(scan_context(branch), scanners=["missing-test"])
                if f.rule == "missing-test/untested-function"]
    assert [(f.line, "settle" in f.message) for f in findings] == [(6, True)]


def test_all_scope_reports_the_branch_functions_only(branch, scan_context):
    branch.write("pkg/refunds.py", BASE + "\n\ndef partial_refund(order):\n    return order / 2\n")
    branch.commit("add")
    found = [f for f in scan.run(scan_context(branch, "all"), scanners=["missing-test"])
             if f.rule == "missing-test/untested-function"]
    assert [(f.line, "partial_refund" in f.message) for f in found] == [(5, True)]  # refund() is older: not judged


def test_file_without_any_test_gets_one_file_finding_not_one_per_function(git_repo, scan_context):
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/api.py", BASE + "\n\ndef partial_refund(order):\n    return order / 2\n")
    rules = [f.rule for f in scan.run(scan_context(git_repo), scanners=["missing-test"])]
    assert "missing-test/untested-function" not in rules
    assert rules.count("missing-test/no-test-file") == 1
