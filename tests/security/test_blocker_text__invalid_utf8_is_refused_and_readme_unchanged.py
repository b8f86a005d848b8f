"""Blocker text that is not valid UTF-8 (a terminal in Latin-1, bytes pasted from a binary) is refused with one
line naming the field and the byte, exit 2, and the README keeps every byte: through a real process whose argv holds
the raw bytes, and through `cli.main` with the surrogate-escaped str Python makes of such an argv. The same command
with valid text is written, so the bytes are what decides."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from readiness.cli import main

README = b"# r\n\n## Usage\n\nRun it.\n"
ADD = ["blocker", "add", "--class", "build"]


@pytest.fixture
def repo(git_repo):
    git_repo.write("README.md", README)
    git_repo.commit("base")
    return git_repo


def test_invalid_utf8_bytes_in_argv_are_refused_in_one_line_by_the_process(repo):
    argv = [os.fsencode(sys.executable), b"-m", b"readiness", *(os.fsencode(a) for a in ADD),
            b"--repo", os.fsencode(str(repo.path)), b"--summary", b"tests fail \xff\xfe on CI"]
    proc = subprocess.run(argv, capture_output=True, stdin=subprocess.DEVNULL, check=False, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == b""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(b"readiness: error: the summary text is not valid UTF-8 (byte 0xFF")
    assert b"\xff" not in proc.stderr and b"Traceback" not in proc.stderr
    assert (repo.path / "README.md").read_bytes() == README


@pytest.mark.parametrize(("option", "field"), [("--summary", "summary"), ("--details", "details"),
                                                ("--scope", "scope"), ("--follow-up", "follow-up")])
def test_a_surrogate_escaped_field_is_refused_in_one_line_by_main(repo, capsys, option, field):
    bad = os.fsdecode(b"caf\xe9 crashed")  # how Python hands a non-UTF-8 argv to the program
    values = {"--summary": "tests fail on CI", option: bad}
    argv = [*ADD, "--repo", str(repo.path)]
    for name, value in values.items():
        argv += [name, value]
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "not valid UTF-8 (byte 0xE9" in lines[0] and "\udce9" not in captured.err
    assert field in lines[0].split("not valid")[0]
    assert (repo.path / "README.md").read_bytes() == README
    assert repo.git("status", "--porcelain") == ""


def test_the_same_blocker_with_valid_text_is_written(repo, capsys):
    code = main([*ADD, "--repo", str(repo.path), "--summary", "café tests fail on CI"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    text = (repo.path / "README.md").read_text(encoding="utf-8")
    assert text.startswith(README.decode()) and "café tests fail on CI" in text
