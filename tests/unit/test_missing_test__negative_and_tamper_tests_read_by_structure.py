"""Issue 12, Found: the negative-test and HMAC tamper checks read tests by structure (the AST), not as text.

Each case was a false ✔ before: a changed module without any test passed "Negative test included" because another
test somewhere asserted a failure; any `raises(` in a related test counted, whatever it called; a comment
`# TODO: test a corrupt file later` or an unrelated `test_bad_key_type` satisfied the tamper check.
"""

import pytest

from readiness.core.scan import engine as scan

PKG = {"pkg/__init__.py": ""}
REFUNDS = "def refund(order, amount):\n    if amount < 0:\n        raise ValueError(amount)\n    return order - amount\n"
LEDGER = "def post(entry):\n    if not entry:\n        raise ValueError('empty')\n    return [entry]\n"
SIGNING = ("import hashlib\nimport hmac\n\n\ndef sign(key, body):\n"
           "    if not isinstance(key, bytes):\n        raise TypeError('key must be bytes')\n"
           "    return hmac.new(key, body, hashlib.sha256).hexdigest()\n\n\ndef verify(key, body, mac):\n"
           "    return hmac.compare_digest(sign(key, body), mac)\n")
SIGN_TESTS = "import pytest\n\nfrom pkg.signing import sign, verify\n\n\ndef test_round_trip():\n" \
             "    assert verify(b'k', b'x', sign(b'k', b'x'))\n"


def _rule(git_repo, scan_context, files, rule):
    for path, text in files.items():
        git_repo.write(path, text)
    findings = scan.run(scan_context(git_repo), scanners=["missing-test"])
    return {f.path for f in findings if f.rule == f"missing-test/{rule}"}


def test_module_without_any_test_fails_although_another_module_has_a_negative_test(git_repo, scan_context):
    files = {**PKG, "pkg/refunds.py": REFUNDS, "pkg/ledger.py": LEDGER,
             "tests/test_ledger.py": "import pytest\n\nfrom pkg.ledger import post\n\n\ndef test_empty():\n"
                                     "    with pytest.raises(ValueError):\n        post('')\n"}
    assert _rule(git_repo, scan_context, files, "negative-test") == {"pkg/refunds.py"}


@pytest.mark.parametrize("test_text", [
    # raises( around something that is not the module's
    "import pytest\n\nfrom pkg.refunds import refund\n\n\ndef test_refund():\n    assert refund(3, 1) == 2\n"
    "    with pytest.raises(ValueError):\n        int('x')\n",
    # raises( only in a comment and a string
    "from pkg.refunds import refund\n\n\ndef test_refund():\n    # TODO: pytest.raises(ValueError) for negatives\n"
    "    assert refund(3, 1) == 2, 'use raises( later'\n",
], ids=["raises-around-another-call", "raises-in-comment-and-string"])
def test_raises_that_does_not_call_the_module_is_no_negative_test(git_repo, scan_context, test_text):
    files = {**PKG, "pkg/refunds.py": REFUNDS, "tests/test_refunds.py": test_text}
    assert _rule(git_repo, scan_context, files, "negative-test") == {"pkg/refunds.py"}


@pytest.mark.parametrize("negative", [
    "    with pytest.raises(ValueError):\n        refund(3, -1)\n",
    "    pytest.raises(ValueError, refund, 3, -1)\n",
    "    assert refunds.refund(3, 1) is not None\n    with pytest.raises(ValueError):\n        refunds.refund(3, -1)\n",
], ids=["raises-context", "raises-callable", "module-alias"])
def test_asserted_failure_of_the_module_is_a_negative_test(git_repo, scan_context, negative):
    test = ("import pytest\n\nfrom pkg import refunds\nfrom pkg.refunds import refund\n\n\ndef test_negative():\n"
            + negative)
    files = {**PKG, "pkg/refunds.py": REFUNDS, "tests/test_refunds.py": test}
    assert _rule(git_repo, scan_context, files, "negative-test") == set()


@pytest.mark.parametrize("extra", [
    "\n\ndef test_bad_key_type():\n    with pytest.raises(TypeError):\n        sign('not bytes', b'x')\n",
    "\n\n# TODO: test a corrupt file later\n# tampered signatures must fail\n",
    "\n\ndef test_tampered_signature_fails():\n    '''a tampered signature fails verification'''\n"
    "    assert verify(b'k', b'x', sign(b'k', b'x'))\n",
], ids=["unrelated-bad-key-type", "comment-only", "tamper-name-but-no-rejection"])
def test_tamper_words_without_a_rejected_tampered_verify_do_not_count(git_repo, scan_context, extra):
    files = {**PKG, "pkg/signing.py": SIGNING, "tests/test_signing.py": SIGN_TESTS + extra}
    assert _rule(git_repo, scan_context, files, "hmac-verified") == {"pkg/signing.py"}


@pytest.mark.parametrize("tamper", [
    "    mac = sign(b'k', b'body')\n    assert not verify(b'k', b'body!', mac)\n",
    "    mac = sign(b'k', b'body')\n    assert verify(b'k', b'body', mac[:-1] + '0') is False\n",
], ids=["altered-body", "altered-signature"])
def test_rejected_verify_of_altered_input_is_a_tamper_test(git_repo, scan_context, tamper):
    files = {**PKG, "pkg/signing.py": SIGNING,
             "tests/test_signing.py": SIGN_TESTS + "\n\ndef test_tampered_fails():\n" + tamper}
    assert _rule(git_repo, scan_context, files, "hmac-verified") == set()
