"""One masking path for names: a token in the branch name or in a file name never appears raw in any output
format, in `checklist show`, `gates --format json`, `report`, or in what readiness stores under .git/readiness; a
file name that is not UTF-8 is escaped the same way (`\\xNN`) in every format, and JSON and SARIF stay valid UTF-8."""

from __future__ import annotations

import json
import random

import pytest
from hostile import run_cli

from readiness.core.names import escape_undecodable, shown_name

OUTPUTS = (("check",), ("check", "--format", "json"), ("check", "--format", "markdown"),
           ("check", "--format", "sarif"), ("checklist", "show", "ready-for-review"),
           ("checklist", "show", "ready-for-review", "--format", "json"), ("gates", "--format", "json"),
           ("gates",), ("report",))


@pytest.fixture
def token(fake_secrets):
    return fake_secrets["github-token"][0](random.Random(17))


@pytest.fixture
def repo(git_repo):
    git_repo.write("README.md", "# demo\n")
    git_repo.write("app.py", "x = 1\n")
    git_repo.commit("initial")
    return git_repo


def _all_outputs(capsys, repo) -> str:
    seen = []
    for command in OUTPUTS:
        code, out, err = run_cli(capsys, *command, "--repo", str(repo.path))
        assert code in (0, 1), (command, err)
        seen.append(out + err)
    return "\n".join(seen)


def test_token_in_the_branch_name(capsys, repo, token):
    repo.git("checkout", "-q", "-b", f"fix/{token}")
    repo.write("new.py", "def f():\n    raise NotImplementedError  # TODO\n")
    text = _all_outputs(capsys, repo)
    assert token not in text
    assert "fix/gh" in text  # the branch is still named, masked
    code, out, err = run_cli(capsys, "checklist", "check", "ready-for-review", "metrics-baseline", "--note", "ok",
                             "--repo", str(repo.path))
    assert code == 0, err
    assert token not in out + err
    stored = b"".join(p.read_bytes() for p in (repo.path / ".git" / "readiness").iterdir() if p.is_file())
    assert b"fix/gh" in stored and token.encode() not in stored


def test_token_in_a_file_name(capsys, repo, token):
    repo.git("checkout", "-q", "-b", "feature")
    repo.write(f"keys/{token}.py", "def f():\n    raise NotImplementedError  # TODO\n")
    text = _all_outputs(capsys, repo)
    assert token not in text
    assert "keys/gh" in text


def test_non_utf8_file_name_is_escaped_alike_in_every_format(capsys, repo):
    repo.git("checkout", "-q", "-b", "feature")
    (repo.path / b"caf\xe9.py".decode("utf-8", "surrogateescape")).write_bytes(
        b"def f():\n    raise NotImplementedError  # TODO\n")
    outputs = {}
    for fmt in ("text", "json", "markdown", "sarif"):
        code, out, err = run_cli(capsys, "check", "--format", fmt, "--repo", str(repo.path))
        assert code == 1, err
        out.encode("utf-8")  # no lone surrogates: valid UTF-8 on the way out
        outputs[fmt] = out
    paths = {f["path"] for f in json.loads(outputs["json"])["findings"]}
    assert "caf\\xe9.py" in paths
    sarif = json.loads(outputs["sarif"])
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for result in sarif["runs"][0]["results"]
            for loc in result["locations"]}
    assert any("caf" in uri and "xe9.py" in uri for uri in uris)
    assert "caf\\xe9.py" in outputs["text"]
    assert "caf\\\\xe9.py" in outputs["markdown"]  # Markdown escapes the backslash: it renders as caf\xe9.py


def test_shown_name_escapes_then_masks(token):
    assert escape_undecodable("caf\udce9") == "caf\\xe9"
    assert escape_undecodable("plain/ascii.py") == "plain/ascii.py"
    assert escape_undecodable("\ud800x") == "\\ud800x"
    masked = shown_name(f"fix/{token}\udcff")
    assert token not in masked and masked.endswith("\\xff") and masked.startswith("fix/gh")
