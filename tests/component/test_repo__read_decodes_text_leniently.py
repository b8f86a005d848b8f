"""read() decodes UTF-8 with replacement, strips a BOM, keeps CRLF; changed line numbers count "\\n" only."""

from __future__ import annotations

import pytest

from readiness.core.repo import open_repository


@pytest.fixture(scope="module")
def repo(make_git_repo):
    repo = make_git_repo()
    repo.write("crlf.txt", b"one\r\ntwo\r\nthree\r\nfour\r\n")
    repo.write(".gitattributes", "eol_attr.txt text eol=crlf\n")
    repo.write("eol_attr.txt", "alpha\nbeta\ngamma\n")
    repo.write("untouched_attr.txt", "x\n")
    repo.commit("initial")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("latin1.txt", b"caf\xe9 ok\n")
    repo.write("bom.py", b"\xef\xbb\xbfprint('hi')\n")
    repo.write("crlf.txt", b"one\r\ntwo\r\nTHREE\r\nfour\r\nfive\r\n")
    (repo.path / "eol_attr.txt").unlink()
    repo.git("checkout", "--", "eol_attr.txt")  # rewritten with CRLF by the attribute
    raw = (repo.path / "eol_attr.txt").read_bytes()
    assert raw == b"alpha\r\nbeta\r\ngamma\r\n"
    repo.write("eol_attr.txt", raw.replace(b"beta", b"BETA"))
    with open_repository(repo.path) as opened:
        yield opened


def test_invalid_utf8_is_decoded_with_replacement(repo):
    assert repo.read("latin1.txt", 1024).text == "caf\ufffd ok\n"


def test_a_utf8_bom_is_stripped(repo):
    assert repo.read("bom.py", 1024).text == "print('hi')\n"


def test_crlf_file_changed_lines_are_counted_on_newlines(repo):
    change = repo.changes()["crlf.txt"]
    assert change.lines == frozenset({3, 5})
    text = repo.read("crlf.txt", 1024).text
    assert text.split("\n")[2] == "THREE\r"


def test_eol_crlf_attribute_does_not_make_the_whole_file_changed(repo):
    changes = repo.changes()
    assert changes["eol_attr.txt"].lines == frozenset({2})
    assert "untouched_attr.txt" not in changes
    assert repo.read("eol_attr.txt", 1024).text.split("\n")[1] == "BETA\r"
