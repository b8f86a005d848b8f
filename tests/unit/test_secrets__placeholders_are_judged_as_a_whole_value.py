"""Found (issue 13): a correctly shaped random GitHub token was dropped as a "placeholder" when it happened to hold
`xxx` (any case) or a run like `1234567890`. Placeholders are judged as a whole value; GitHub's CRC32 checksum is
said when valid and changes nothing when not."""

from __future__ import annotations

import random
import string

import pytest

from readiness.core.scan.base import ScanContext, SourceFile
from readiness.core.scan.scanners.hardcoded_secret import SCANNER
from readiness.core.secrets.find import find_secrets
from readiness.core.secrets.rules.detectors import CHECKSUM_VALID, base62_crc32
from readiness.core.secrets.values import is_placeholder

ALNUM = string.ascii_letters + string.digits


def token(rng: random.Random, inside: str = "", valid_checksum: bool = False) -> str:
    body = "".join(rng.choice(ALNUM) for _ in range(30 - len(inside)))
    at = rng.randrange(len(body) + 1)
    body = body[:at] + inside + body[at:]
    tail = base62_crc32(body) if valid_checksum else "".join(rng.choice(ALNUM) for _ in range(6))
    if valid_checksum is False and tail == base62_crc32(body):
        tail = tail[::-1]
    return "gh" + "p_" + body + tail


def scan(text: str):
    return list(SCANNER.scan(ScanContext(files=[SourceFile("ci.py", text, language="python")], repo=None)))


@pytest.mark.parametrize("inside", ["xxx", "XXX", "xXx", "1234567890", "abcdefg", "EXAMPLE"[:3]])
@pytest.mark.parametrize("seed", range(5))
def test_a_random_token_with_a_placeholder_like_run_inside_is_still_found(inside, seed):
    value = token(random.Random(seed), inside)
    findings = scan(f'GH = "{value}"\n')
    assert [f.rule for f in findings] == ["hardcoded-secret/github-token"], value
    assert value not in findings[0].message + findings[0].snippet


@pytest.mark.parametrize("value", [
    "x" * 36, "X" * 40, "<your-github-token>", "${GITHUB_TOKEN}", "{{ github_token }}", "****", "ghp_****",
    "1234567890abcdefghijklmnopqrstuvwyz", "abcdefghijklmnopqrstuvwxyz", "AKIAIOSFODNN7EXAMPLE",
    "your_api_key_here", "REDACTED", "sk_live_" + "x" * 24, "ghp_" + "x" * 30 + "abc123", "ghp_" + "0" * 36,
])
def test_whole_value_placeholders_still_are_placeholders(value):
    assert is_placeholder(value)


@pytest.mark.parametrize("value", ["gh" + "p_" + "xxx" + "x" * 33, "AK" + "IAIOSFODNN7EXAMPLE",
                                   "gh" + "p_" + "1234567890abcdefghijklmnopqrstuvwyz"])
def test_placeholder_tokens_in_source_are_not_findings(value):
    assert scan(f'GH = "{value}"\n') == []


def test_a_valid_checksum_is_said_in_the_message_and_an_invalid_one_changes_nothing():
    rng = random.Random(13)
    valid, invalid = token(rng, valid_checksum=True), token(rng)
    (good,) = scan(f'GH = "{valid}"\n')
    (bad,) = scan(f'GH = "{invalid}"\n')
    assert CHECKSUM_VALID in good.message and CHECKSUM_VALID not in bad.message
    assert good.severity == bad.severity and good.rule == bad.rule == "hardcoded-secret/github-token"
    assert valid not in good.message + good.snippet and invalid not in bad.message + bad.snippet
    assert [m.masked for m in find_secrets(valid)] == [m.masked for m in find_secrets(invalid)] == ["ghp_****"]


def test_the_checksum_is_the_base62_crc32_of_the_random_part():
    assert base62_crc32("") == "000000"
    assert len(base62_crc32("a" * 30)) == 6 and set(base62_crc32("b" * 30)) <= set(ALNUM)
