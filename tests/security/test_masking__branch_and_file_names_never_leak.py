"""One masking path for names: a token in the branch name or in a file name never appears raw in any output
format, in `checklist show`, `gates --format json`, `report`, or in what readiness stores under .git/readiness; a
file name that is not UTF-8 is escaped the same way (`\\xNN`) in every format, and JSON and SARIF stay valid UTF-8."""

from __future__ import annotations

import json
import random
import shutil

import pytest
from hostile import run_cli

from readiness.core.names import escape_undecodable, shown_name

pytestmark = pytest.mark.integration  # real processes: the full suite (CI), not the quick one

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


def test_token_in_the_branch_name_in_the_tui_header(repo, token):
    from readiness.core.pipeline.run import CheckOptions
    from readiness.tui.model import open_summary  # the header's facts (no terminal needed)

    repo.git("checkout", "-q", "-b", f"fix/{token}")
    summary = open_summary(CheckOptions(repo=str(repo.path)))
    assert token not in repr(summary) and summary.branch.startswith("fix/gh") and "****" in summary.branch


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


def test_names_in_notes_are_masked_and_escaped(capsys, repo, token):
    repo.git("checkout", "-q", "-b", "feature")
    (repo.path / f"link_{token}.py").symlink_to("app.py")
    (repo.path / b"l\xe9.py".decode("utf-8", "surrogateescape")).symlink_to("app.py")
    code, out, err = run_cli(capsys, "check", "--format", "json", "--repo", str(repo.path))
    assert code in (0, 1), err
    out.encode("utf-8")
    notes = " ".join(json.loads(out)["notes"])
    assert "symlink" in notes and "l\\xe9.py" in notes and "link_" in notes and token not in out


def test_repository_folder_that_is_not_utf8(capsys, repo, tmp_path):
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("new.py", "def f():\n    raise NotImplementedError  # TODO\n")
    moved = tmp_path / b"r\xe9po".decode("utf-8", "surrogateescape")
    shutil.copytree(repo.path, moved, symlinks=True)
    for command in (("check", "--format", "json"), ("check", "--format", "sarif"), ("gates", "--format", "json")):
        code, out, err = run_cli(capsys, *command, "--repo", str(moved))
        assert code in (0, 1), err
        out.encode("utf-8")  # valid UTF-8
        document = json.loads(out)
        if command[-1] == "json":
            assert document["repo"]["root"].endswith("r\\xe9po")


def test_shown_name_escapes_then_masks(token):
    assert escape_undecodable("caf\udce9") == "caf\\xe9"
    assert escape_undecodable("plain/ascii.py") == "plain/ascii.py"
    assert escape_undecodable("\ud800x") == "\\ud800x"
    masked = shown_name(f"fix/{token}\udcff")
    assert token not in masked and masked.endswith("\\xff") and masked.startswith("fix/gh")
