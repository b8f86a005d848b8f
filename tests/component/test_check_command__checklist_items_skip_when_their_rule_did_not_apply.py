"""End to end (scan -> ScanResult.applicability -> checklist engine): the merge checklist's smoke-test item is `skip`
while the project declares no entry point and `fail` once it declares one nobody starts; its HMAC item follows the
missing-test scanner, not a word list."""

from readiness.core.pipeline.run import CheckOptions, run_check, scan_repository

MODULE = "def refund(order, amount):\n    return order - amount\n"
TEST = ("import pytest\n\nfrom pkg.refunds import refund\n\n\ndef test_refund():\n    assert refund(3, 1) == 2\n\n\n"
        "def test_refund_rejects_text():\n    with pytest.raises(TypeError):\n        refund('a', 1)\n")
README = "# Tool\n\n## Usage\n\n    tool run\n\n## Troubleshooting\n\nRun it again.\n"
# Signs without the word the old applies_when looked for ("hmac", "compare_digest"): the scanner still sees it.
SIGNING = ("import hashlib\n\n\ndef sign_body(secret, body):\n    return hashlib.sha256(secret + body).hexdigest()\n\n\n"
           "def verify_body(secret, body, signature):\n    return sign_body(secret, body) == signature\n")


def items(path) -> dict[str, tuple[str, str]]:
    report = run_check(CheckOptions(repo=str(path), scope="all", gates="none"))
    return {f"{c.id}/{i.id}": (str(i.status), i.detail) for c in report.checklists for i in c.items}


def test_smoke_and_hmac_items_follow_the_scanners(git_repo):
    for path, text in {"pkg/__init__.py": "", "pkg/refunds.py": MODULE, "tests/test_refunds.py": TEST,
                       "README.md": README}.items():
        git_repo.write(path, text)
    git_repo.commit("base")

    before = items(git_repo.path)
    assert before["merge/smoke-test"] == ("skip", "does not apply: the project declares no entry point (console "
                                                  "script, __main__.py, npm bin, Cargo binary, Go cmd/)")
    assert before["minimum-per-feature/smoke-test"][0] == "skip"  # the smoke gate is not asked for
    assert before["merge/hmac-verified"] == ("skip", "does not apply: no changed code signs or verifies with HMAC")
    assert before["merge/negative-test"][0] == "pass"  # the rule applied and found a negative test

    git_repo.write("pyproject.toml", '[project]\nname = "tool"\nversion = "1"\n\n[project.scripts]\n'
                                     'tool = "pkg.refunds:refund"\n')
    git_repo.write("pkg/signing.py", SIGNING)
    git_repo.write("tests/test_signing.py", "from pkg.signing import sign_body, verify_body\n\n\ndef test_round_trip():"
                                            "\n    assert verify_body(b'k', b'x', sign_body(b'k', b'x'))\n")
    after = items(git_repo.path)
    assert after["merge/smoke-test"][0] == "fail" and "tool" in after["merge/smoke-test"][1]
    assert after["minimum-per-feature/smoke-test"][0] == "fail"
    assert after["merge/hmac-verified"][0] == "fail" and "pkg/signing.py" in after["merge/hmac-verified"][1]


def test_scan_result_carries_what_the_engine_needs(git_repo):
    git_repo.write("README.md", README)
    result = scan_repository(CheckOptions(repo=str(git_repo.path), scope="all"))
    try:
        assert result.applicability["missing-test/smoke-test"] == ("the project declares no entry point (console "
                                                                   "script, __main__.py, npm bin, Cargo binary, Go "
                                                                   "cmd/)")
        assert result.applicability["silent-failure/no-baseline-signal"] == ("no changed code does I/O or handles "
                                                                             "an error")
    finally:
        result.repo.close()
