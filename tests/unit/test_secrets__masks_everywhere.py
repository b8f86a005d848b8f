"""The masking core: a Secret never prints itself, text is masked span by span, identities are keyed hashes."""

from __future__ import annotations

import copy
import io
import logging
import os
import pickle
import random
import stat
import traceback

import pytest

from readiness.core.errors import ConfigError
from readiness.core.secrets.find import contains_secret, find_secrets, mask_secrets
from readiness.core.secrets.fingerprint import fingerprint_key, keyed_hash, line_key
from readiness.core.secrets.values import MASK, Secret, mask, secret_env_values


def _value(fake_secrets, rule: str, seed: int = 1) -> tuple[str, str]:
    make, _path, template = fake_secrets[rule]
    value = make(random.Random(seed))
    return value, template.format(v=value)


@pytest.mark.parametrize(("value", "expected"), [
    ("gh" + "p_" + "a" * 36, "ghp_****"),
    ("abcdefghij", "ab****"),  # short values keep a fifth of their length
    ("abcd", "****"),
    ("", "****"),
])
def test_mask_keeps_at_most_four_leading_characters(value, expected):
    assert mask(value) == expected


def test_secret_str_repr_format_and_fstring_are_masked():
    plain = "s3cr3t-" + "Q" * 30
    secret = Secret(plain)
    old_style = ["{}".format(secret), "%s" % (secret,)]  # noqa: UP031, UP032 - the forms under test
    rendered = [str(secret), repr(secret), f"{secret}", f"{secret!r}", *old_style, f"{secret:>50}", str([secret]),
                str({"k": secret})]
    assert all(plain not in text and MASK in text for text in rendered)
    assert secret.reveal() == plain


def test_secret_rich_rendering_and_logging_are_masked():
    from rich.console import Console
    from rich.pretty import Pretty

    plain = "tok-" + "Z" * 40
    secret = Secret(plain)
    out = io.StringIO()
    console = Console(file=out, width=200)
    console.print(secret)
    console.print(Pretty({"secret": secret, "list": [secret]}))
    console.log(secret)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    log = logging.getLogger("test-secret-masking")
    log.addHandler(handler)
    try:
        log.warning("value %s %r", secret, secret)
    finally:
        log.removeHandler(handler)
    assert plain not in out.getvalue() and "tok-****" in out.getvalue()
    assert plain not in stream.getvalue()


def test_secret_refuses_pickling_and_copies_stay_masked():
    secret = Secret("pass-" + "W" * 30)
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    assert copy.copy(secret) is secret and copy.deepcopy(secret) is secret
    with pytest.raises(AttributeError):
        secret._value = "other"


def test_traceback_with_locals_shows_only_the_mask():
    plain = "Secret-" + "K" * 30

    def boom(secret: Secret) -> None:
        raise RuntimeError("failed")

    try:
        boom(Secret(plain))
    except RuntimeError as exc:
        frame = traceback.TracebackException.from_exception(exc, capture_locals=True).stack[-1]
    text = "".join(traceback.StackSummary.from_list([frame]).format())
    assert "Secr****" in text and plain not in text


def test_mask_secrets_masks_every_rule_in_free_text(fake_secrets):
    for rule in fake_secrets:
        value, line = _value(fake_secrets, rule)
        output = f"FAILED test_login - AssertionError\n  {line}\n(1 failed)\n"
        masked = mask_secrets(output)
        assert value not in masked, rule
        assert "FAILED test_login" in masked and "(1 failed)" in masked
        assert contains_secret(output), rule
        assert {m.rule for m in find_secrets(output)} >= {f"hardcoded-secret/{rule}"}


def test_mask_secrets_masks_every_span_on_a_line_and_known_values(fake_secrets):
    first, _ = _value(fake_secrets, "github-token", 2)
    second, _ = _value(fake_secrets, "stripe-key", 3)
    line = f"a={first} b={second} password is hunter22"
    masked = mask_secrets(line, known=["hunter22"])
    assert first not in masked and second not in masked and "hunter22" not in masked
    assert masked.startswith("a=ghp_****") or masked.startswith("a=gh")


def test_pem_body_lines_are_masked_without_their_header(fake_secrets):
    value, _ = _value(fake_secrets, "private-key")
    middle = value.splitlines()[1]
    assert middle not in mask_secrets(f"context\n{middle}\nmore")


def test_plain_text_is_left_alone():
    text = "Enter your password:\npassword reset email sent\ntoken_count = 3\nsha256 = e3b0c442\n"
    assert mask_secrets(text) == text
    assert not contains_secret(text)


def test_secret_env_values_pick_secret_names_only():
    env = {"GITHUB_TOKEN": "tok-value-123", "HOME": "/home/me", "DB_PASSWORD": "pw-value-456", "SHORT_TOKEN": "a"}
    values = {s.reveal() for s in secret_env_values(env)}
    assert values == {"tok-value-123", "pw-value-456"}


def test_keyed_hash_depends_on_the_key_and_never_contains_the_value():
    value = "ghp_" + "b" * 36
    one, two = keyed_hash(value, b"k" * 32), keyed_hash(value, b"j" * 32)
    assert one != two and one == keyed_hash(Secret(value), b"k" * 32)
    assert value not in one and len(one) == 16


def test_fingerprint_key_is_created_once_under_the_git_dir_with_private_mode(tmp_path, monkeypatch):
    monkeypatch.delenv("READINESS_SECRET_KEY", raising=False)
    git_dir = tmp_path / ".git"
    git_dir.mkdir()
    key = fingerprint_key(git_dir)
    path = git_dir / "readiness" / "secret-key"
    assert path.read_bytes() == key and len(key) == 32
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert fingerprint_key(git_dir) == key


def test_fingerprint_key_is_shared_by_linked_worktrees(tmp_path, monkeypatch):
    monkeypatch.delenv("READINESS_SECRET_KEY", raising=False)
    common = tmp_path / "main" / ".git"
    linked = common / "worktrees" / "wt"
    linked.mkdir(parents=True)
    (linked / "commondir").write_text("../..\n")
    assert fingerprint_key(linked) == fingerprint_key(common)


def test_fingerprint_key_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("READINESS_SECRET_KEY", "team-shared-key-0123456789")
    assert fingerprint_key(tmp_path) == fingerprint_key(None)
    assert not (tmp_path / "readiness").exists()
    monkeypatch.setenv("READINESS_SECRET_KEY", "short")
    with pytest.raises(ConfigError, match="at least 16"):
        fingerprint_key(tmp_path)


def test_line_key_masks_the_line_and_changes_when_the_secret_rotates(fake_secrets):
    old, line = _value(fake_secrets, "github-token", 4)
    new, rotated = _value(fake_secrets, "github-token", 5)
    key = b"k" * 32
    assert old not in line_key(line, key)
    assert line_key(line, key) == line_key(line, key)
    assert line_key(line, key) != line_key(rotated, key)
    assert line_key("print(x)", key) == "print(x)"


def test_offsets_survive_characters_whose_lower_case_is_longer(fake_secrets):
    value, line = _value(fake_secrets, "generic-assignment")
    text = "İİİİ = 1\n" * 3 + line + "\n"
    (match,) = find_secrets(text)
    assert text[match.start:match.end] == value
