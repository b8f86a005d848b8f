"""A file saved as UTF-16 or UTF-32 with a byte-order mark is text, not "binary": a token in it is found (masked),
in the diff scope and with --all. Binary data stays skipped, also when it starts with bytes that look like a mark."""

from __future__ import annotations

import codecs
import json
import random

import pytest

from readiness.cli import main
from readiness.core.decode import decode

ENCODINGS = [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
             ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE), ("utf-8", codecs.BOM_UTF8)]


@pytest.mark.parametrize("scope", [[], ["--all"]], ids=["diff", "all"])
@pytest.mark.parametrize(("encoding", "bom"), ENCODINGS, ids=[e for e, _ in ENCODINGS])
def test_a_token_in_a_file_with_a_byte_order_mark_is_found(make_git_repo, fake_secrets, capsys, encoding, bom,
                                                           scope):
    repo = make_git_repo("bom")
    repo.write("README.md", "# r\n")
    repo.commit("base")
    token = fake_secrets["github-token"][0](random.Random(7))
    repo.write("settings.py", bom + f'import os\n\nGH = "{token}"\n'.encode(encoding))
    code = main(["check", "--repo", str(repo.path), "--base", "HEAD", "--format", "json", *scope])
    captured = capsys.readouterr()
    assert code == 1, captured.err
    report = json.loads(captured.out)
    found = [(f["path"], f["line"]) for f in report["findings"] if f["rule"] == "hardcoded-secret/github-token"]
    assert found == [("settings.py", 3)]
    assert token not in captured.out
    assert not any("binary" in note for note in report["notes"])


def test_decoding_rules():
    assert decode(codecs.BOM_UTF16_LE + "héllo".encode("utf-16-le")) == "héllo"
    assert decode(codecs.BOM_UTF32_LE + "x\ny".encode("utf-32-le")) == "x\ny"  # not mistaken for UTF-16
    assert decode(codecs.BOM_UTF8 + b"plain") == "plain"
    assert decode(b"\x89PNG\r\n\x1a\n\0\0\0") is None
    assert decode(codecs.BOM_UTF16_LE + b"A\0\0\0\x01\x02") is None  # a mark by accident on binary data
    assert decode(b"caf\xe9") == "caf\ufffd"
