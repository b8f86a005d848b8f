"""missing-docs/missing-docstring (public Python API added without a docstring, judged on the AST) and
missing-docs/changelog-untouched (info): both about the change, so both only in diff scope."""

import pytest

from readiness.core.scan import engine as scan
from readiness.core.scan._source.pyast import python_tree
from readiness.core.scan.base import ScanContext, SourceFile

README = "# Tool\n\n## Usage\n\nx\n\n## Troubleshooting\n\ny\n"
BASE = '"""Refunds."""\n\n\ndef refund(order):\n    """Refund an order."""\n    return order\n'

DOCSTRING_CASES = [
    # (id, appended code, expected (line, message word))
    ("function-without-docstring", "\n\ndef partial(order):\n    return order / 2\n", {(9, "partial")}),
    ("function-with-docstring", '\n\ndef partial(order):\n    """Half."""\n    return order / 2\n', set()),
    ("private-function", "\n\ndef _partial(order):\n    return order / 2\n", set()),
    ("class-and-method", "\n\nclass Ledger:\n    def settle(self):\n        return 0\n",
     {(9, "Ledger"), (10, "settle")}),
    ("documented-class-private-method", '\n\nclass Ledger:\n    """Book."""\n\n    def _settle(self):\n'
     "        return 0\n", set()),
    ("property-setter-skipped", '\n\nclass Ledger:\n    """Book."""\n\n    @property\n    def total(self):\n'
     '        """Sum."""\n        return 0\n\n    @total.setter\n    def total(self, value):\n        pass\n', set()),
    ("async-function", "\n\nasync def fetch(order):\n    return order\n", {(9, "fetch")}),
    ("nested-function-is-not-api", '\n\ndef outer():\n    """Outer."""\n    def inner():\n        return 1\n'
     "    return inner\n", set()),
    ("syntax-error-is-skipped", "\n\ndef broken(:\n    pass\n", set()),
]


@pytest.fixture
def branch(git_repo):
    git_repo.write("README.md", README)
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/refunds.py", BASE)
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    return git_repo


@pytest.mark.parametrize("added, expected", [c[1:] for c in DOCSTRING_CASES], ids=[c[0] for c in DOCSTRING_CASES])
def test_missing_docstring(branch, scan_context, added, expected):
    branch.write("pkg/refunds.py", BASE + added)
    findings = [f for f in scan.run(scan_context(branch), scanners=["missing-docs"])
                if f.rule == "missing-docs/missing-docstring"]
    assert {(f.line, f.message.split()[2]) for f in findings} == expected
    assert all(str(f.severity) == "warning" for f in findings)


def test_unchanged_undocumented_code_is_not_reported(git_repo, scan_context):
    git_repo.write("README.md", README)
    git_repo.write("pkg/refunds.py", "def old(order):\n    return order\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("pkg/refunds.py", "def old(order):\n    return order + 0\n")  # body changed, def line not
    assert not [f for f in scan.run(scan_context(git_repo), scanners=["missing-docs"])
                if f.rule == "missing-docs/missing-docstring"]
    assert not [f for f in scan.run(scan_context(git_repo, "all"), scanners=["missing-docs"])
                if f.rule == "missing-docs/missing-docstring"]


def test_tests_are_not_public_api(branch, scan_context):
    branch.write("tests/test_refunds.py", "def test_refund():\n    assert True\n")
    assert not [f for f in scan.run(scan_context(branch), scanners=["missing-docs"])
                if f.rule == "missing-docs/missing-docstring"]


def test_python_tree_is_parsed_once_and_shared():
    source = SourceFile(path="a.py", text="x = 1\n", language="python")
    ctx = ScanContext(files=[source], repo=None)
    first = python_tree(ctx, source)
    assert python_tree(ctx, source) is first
    assert ctx.cache["ast:a.py"] is first


CHANGELOG_CASES = [
    # (id, branch changes, expected)
    ("public-change-without-entry", {"pkg/refunds.py": BASE + "\n\ndef partial(order):\n    return order\n"}, True),
    ("public-change-with-entry", {"pkg/refunds.py": BASE + "\n\ndef partial(order):\n    return order\n",
                                  "CHANGELOG.md": "# Changes\n\n- partial refunds\n"}, False),
    ("public-change-with-fragment", {"pkg/refunds.py": BASE + "\n\ndef partial(order):\n    return order\n",
                                     "changelog.d/12.feature.md": "partial refunds\n"}, False),
    ("private-change-only", {"pkg/refunds.py": BASE + "\n\ndef _partial(order):\n    return order\n"}, False),
    ("docs-change-only", {"README.md": README + "\nMore.\n"}, False),
]


@pytest.mark.parametrize("changes, expected", [c[1:] for c in CHANGELOG_CASES], ids=[c[0] for c in CHANGELOG_CASES])
def test_changelog_untouched(branch, scan_context, changes, expected):
    branch.git("checkout", "-q", "main")
    branch.write("CHANGELOG.md", "# Changes\n")
    branch.commit("changelog")
    branch.git("checkout", "-q", "-b", "feature2")
    for path, text in changes.items():
        branch.write(path, text)
    findings = [f for f in scan.run(scan_context(branch), scanners=["missing-docs"])
                if f.rule == "missing-docs/changelog-untouched"]
    assert bool(findings) is expected
    assert all(f.path == "CHANGELOG.md" and f.line is None and str(f.severity) == "info" for f in findings)


def test_no_changelog_no_finding(branch, scan_context):
    branch.write("pkg/refunds.py", BASE + "\n\ndef partial(order):\n    return order\n")
    assert not [f for f in scan.run(scan_context(branch), scanners=["missing-docs"])
                if f.rule == "missing-docs/changelog-untouched"]
