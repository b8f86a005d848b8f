"""The methodology's test-quality rules (negative test, smoke test, HMAC sign + tamper, flaky quarantine, naming
convention): true and false cases on real repositories, and `applicability()` for the checklist engine."""

import pytest

from readiness.core.scan import engine as scan
from readiness.core.scan.scanners import missing_tests as missing_test

MODULE = {"pkg/__init__.py": "", "pkg/refunds.py": "def refund(order, amount):\n    return order - amount\n"}
HAPPY_TEST = "from pkg.refunds import refund\n\n\ndef test_refund():\n    assert refund(3, 1) == 2\n"
NEGATIVE_TEST = ("import pytest\n\nfrom pkg.refunds import refund\n\n\ndef test_refund_rejects_text():\n"
                 "    with pytest.raises(TypeError):\n        refund('a', 1)\n")
PYPROJECT = '[project]\nname = "mytool"\nversion = "1"\n\n[project.scripts]\nmytool = "pkg.cli:main"\n'
CLI = "import sys\n\n\ndef main(argv=None):\n    return 0\n"
HMAC_MODULE = ("import hashlib\nimport hmac\n\n\ndef sign_body(key, body):\n"
               "    return hmac.new(key, body, hashlib.sha256).hexdigest()\n\n\ndef verify_body(key, body, mac):\n"
               "    return hmac.compare_digest(sign_body(key, body), mac)\n")
HMAC_HAPPY = "from pkg.signing import sign_body, verify_body\n\n\ndef test_round_trip():\n" \
             "    assert verify_body(b'k', b'x', sign_body(b'k', b'x'))\n"
HMAC_TAMPER = HMAC_HAPPY + "\n\ndef test_tampered_body_fails():\n" \
                           "    assert not verify_body(b'k', b'y', sign_body(b'k', b'x'))\n"

CASES = [
    # (id, files, rule, expected (path, line) pairs)
    ("negative-missing", {**MODULE, "tests/test_refunds.py": HAPPY_TEST}, "negative-test", {("pkg/refunds.py", None)}),
    ("negative-pytest-raises", {**MODULE, "tests/test_refunds.py": NEGATIVE_TEST}, "negative-test", set()),
    ("negative-assert-raises",
     {**MODULE, "tests/test_refunds.py": HAPPY_TEST + "\n\ndef test_bad(self):\n"
      "    self.assertRaises(TypeError, refund, 'a', 1)\n"}, "negative-test", set()),
    ("negative-no-tests-at-all", MODULE, "negative-test", {("pkg/refunds.py", None)}),
    ("negative-go-error-return",
     {"go.mod": "module x\n", "pay/pay.go": "package pay\n\nfunc Pay(n int) (int, error) { return n, nil }\n",
      "pay/pay_test.go": "package pay\n\nfunc TestPay(t *testing.T) {\n\tif _, err := Pay(-1); err == nil {\n"
      "\t\tt.Fatal(\"want error\")\n\t}\n}\n"}, "negative-test", set()),
    ("negative-jest-to-throw",
     {"src/pay.ts": "export function pay(n: number) { if (n < 0) { throw new Error('neg') } return n }\n",
      "src/pay.test.ts": "test('neg', () => { expect(() => pay(-1)).toThrow() })\n"}, "negative-test", set()),
    ("negative-nothing-to-test", {"README.md": "# x\n"}, "negative-test", set()),
    ("smoke-missing", {**MODULE, "pkg/cli.py": CLI, "pyproject.toml": PYPROJECT,
                       "tests/test_refunds.py": NEGATIVE_TEST}, "smoke-test", {("pyproject.toml", None)}),
    ("smoke-subprocess-help",
     {**MODULE, "pkg/cli.py": CLI, "pyproject.toml": PYPROJECT,
      "tests/smoke/test_cli__exits_zero_help.py": "import subprocess\n\n\ndef test_help():\n"
      "    assert subprocess.run(['mytool', '--help']).returncode == 0\n"}, "smoke-test", set()),
    ("smoke-main-called-with-argv",
     {**MODULE, "pkg/cli.py": CLI, "pyproject.toml": PYPROJECT,
      "tests/test_cli.py": "from pkg.cli import main\n\n\ndef test_help():\n    assert main(['--help']) == 0\n"},
     "smoke-test", set()),
    ("smoke-dunder-main-missing", {**MODULE, "pkg/__main__.py": "print('hi')\n"}, "smoke-test",
     {("pkg/__main__.py", None)}),
    ("smoke-dunder-main-run-with-dash-m",
     {**MODULE, "pkg/__main__.py": "print('hi')\n",
      "tests/test_main.py": "import subprocess, sys\n\n\ndef test_m():\n"
      "    subprocess.run([sys.executable, '-m', 'pkg', '--help'], check=True)\n"}, "smoke-test", set()),
    ("smoke-shell-test-runs-command",
     {**MODULE, "pkg/cli.py": CLI, "pyproject.toml": PYPROJECT, "tests/run.sh": "set -e\nmytool --help\n"},
     "smoke-test", set()),
    ("smoke-no-entry-points", MODULE, "smoke-test", set()),
    ("hmac-without-tamper-test", {"pkg/__init__.py": "", "pkg/signing.py": HMAC_MODULE,
                                  "tests/test_signing.py": HMAC_HAPPY}, "hmac-verified", {("pkg/signing.py", 5)}),
    ("hmac-with-tamper-test", {"pkg/__init__.py": "", "pkg/signing.py": HMAC_MODULE,
                               "tests/test_signing.py": HMAC_TAMPER}, "hmac-verified", set()),
    ("hmac-not-used", {**MODULE, "tests/test_refunds.py": NEGATIVE_TEST}, "hmac-verified", set()),
    ("hmac-sign-function-in-math-code",
     {"pkg/__init__.py": "", "pkg/maths.py": "def sign(x):\n    return (x > 0) - (x < 0)\n"}, "hmac-verified", set()),
    ("flaky-without-issue",
     {"tests/test_upload.py": "import pytest\n\n\n@pytest.mark.flaky(reruns=3)\ndef test_upload():\n    pass\n"},
     "flaky-quarantine", {("tests/test_upload.py", 4)}),
    ("flaky-with-issue-comment",
     {"tests/test_upload.py": "import pytest\n\n\n# quarantined: GH-123\n@pytest.mark.flaky(reruns=3)\n"
      "def test_upload():\n    pass\n"}, "flaky-quarantine", set()),
    ("flaky-with-issue-link-in-marker",
     {"tests/test_upload.py": "import pytest\n\n\n@pytest.mark.flaky(reruns=3, reason='https://github.com/o/r/"
      "issues/12')\ndef test_upload():\n    pass\n"}, "flaky-quarantine", set()),
    ("flaky-word-in-a-string-is-not-a-marker",
     {"tests/test_words.py": "def test_words():\n    assert '@pytest.mark.flaky' != ''\n"}, "flaky-quarantine", set()),
    ("naming-off-by-default", {"tests/test_refunds.py": HAPPY_TEST}, "naming-convention", set()),
    ("naming-on-badly-named",
     {"tests/test_refunds.py": HAPPY_TEST, "readiness.toml": "test_naming_convention = true\n"},
     "naming-convention", {("tests/test_refunds.py", None)}),
    ("naming-on-well-named",
     {"tests/unit/test_refunds__subtracts_amount.py": HAPPY_TEST, "readiness.toml": "test_naming_convention = true\n"},
     "naming-convention", set()),
]


@pytest.mark.parametrize("files, rule, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_quality_rule(git_repo, scan_context, files, rule, expected):
    for path, text in files.items():
        git_repo.write(path, text)
    findings = scan.run(scan_context(git_repo), scanners=["missing-test"])
    assert {(f.path, f.line) for f in findings if f.rule == f"missing-test/{rule}"} == expected


def test_severities_follow_the_rules(git_repo, scan_context):
    git_repo.write("tests/test_refunds.py", HAPPY_TEST)
    git_repo.write("readiness.toml", "test_naming_convention = true\n")
    for path, text in MODULE.items():
        git_repo.write(path, text)
    by_rule = {f.rule: str(f.severity) for f in scan.run(scan_context(git_repo), scanners=["missing-test"])}
    assert by_rule == {"missing-test/negative-test": "warning", "missing-test/naming-convention": "info"}


def test_applicability_says_which_rules_applied(git_repo, scan_context):
    for path, text in {**MODULE, "tests/test_refunds.py": NEGATIVE_TEST}.items():
        git_repo.write(path, text)
    ctx = scan_context(git_repo)
    scan.run(ctx, scanners=["missing-test"])
    assert missing_test.applicability(ctx) == {
        "missing-test/no-test-file": True, "missing-test/untested-function": True,
        "missing-test/negative-test": True, "missing-test/smoke-test": False, "missing-test/hmac-verified": False,
        "missing-test/flaky-quarantine": True, "missing-test/naming-convention": False}


def test_applicability_with_hmac_and_a_console_script(git_repo, scan_context):
    for path, text in {"pkg/__init__.py": "", "pkg/signing.py": HMAC_MODULE, "pkg/cli.py": CLI,
                       "pyproject.toml": PYPROJECT}.items():
        git_repo.write(path, text)
    applied = missing_test.applicability(scan_context(git_repo))  # works before a scan too
    assert applied["missing-test/hmac-verified"] and applied["missing-test/smoke-test"]
    assert not applied["missing-test/flaky-quarantine"]


def test_applicability_on_an_empty_change(git_repo, scan_context):
    git_repo.write("README.md", "# x\n")
    assert not any(missing_test.applicability(scan_context(git_repo)).values())
