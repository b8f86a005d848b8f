"""`secrets/peers`: gitleaks' `.gitleaksignore` fingerprints and detect-secrets' `.secrets.baseline` hashes are
parsed tolerantly (malformed lines and files accept nothing) and accept only the findings they name."""

from __future__ import annotations

import hashlib
import json

from readiness.core.secrets.peers import (
    PeerRecords,
    load_peer_records,
    parse_gitleaksignore,
    parse_secrets_baseline,
)


def test_gitleaksignore_fingerprints_with_and_without_a_commit():
    text = ("# accepted on 2026-12-01\n\nconfig/app.py:github-pat:12\n"
            "0123abc:src/old.py:aws-access-token:3\nnot a fingerprint\nx:y:z:notanumber\n")
    found = parse_gitleaksignore(text)
    assert found == {(None, "config/app.py", "github-pat", 12), ("0123abc", "src/old.py", "aws-access-token", 3)}
    records = PeerRecords(fingerprints=found)
    assert records.accepts("hardcoded-secret/github-token", "config/app.py", 12, "value")
    assert not records.accepts("hardcoded-secret/github-token", "config/app.py", 13, "value")  # another line
    assert not records.accepts("hardcoded-secret/aws-access-key-id", "config/app.py", 12, "value")  # another rule
    assert records.accepts("hardcoded-secret/aws-access-key-id", "src/old.py", 3, "v", commit="0123abcdef")
    assert not records.accepts("hardcoded-secret/aws-access-key-id", "src/old.py", 3, "v", commit="ffff000")


def test_secrets_baseline_accepts_listed_values_unless_audited_as_real():
    value = "correct-horse-battery"
    digest = hashlib.sha1(value.encode()).hexdigest()  # noqa: S324 - detect-secrets' own scheme
    baseline = {"results": {"app.py": [{"hashed_secret": digest, "line_number": 4}],
                            "real.py": [{"hashed_secret": digest, "is_secret": True}]}}
    hashes = parse_secrets_baseline(json.dumps(baseline))
    assert hashes == {"app.py": frozenset({digest})}
    records = PeerRecords(hashes=hashes)
    assert records.accepts("hardcoded-secret/generic-assignment", "app.py", 99, value)  # wherever the line moved
    assert not records.accepts("hardcoded-secret/generic-assignment", "real.py", 4, value)
    assert not records.accepts("hardcoded-secret/generic-assignment", "app.py", 4, "another value")


def test_broken_records_accept_nothing():
    assert parse_secrets_baseline("{not json") == {}
    assert parse_secrets_baseline('["a list"]') == {}
    assert parse_secrets_baseline('{"results": {"a.py": "nope"}}') == {}
    records = load_peer_records(lambda path: None)
    assert not records
    assert not records.accepts("hardcoded-secret/github-token", "a.py", 1, "x")
