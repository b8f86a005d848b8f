"""Secret findings are waived inline or by id, dropped by the allowlist, and keep their id when lines move."""

from __future__ import annotations

import json
import random

from readiness.cli import main


def _report(capsys, repo, *extra: str) -> dict:
    code = main(["check", "--repo", str(repo.path), "--all", "--format", "json", *extra])
    captured = capsys.readouterr()
    assert code in (0, 1), captured.err
    return json.loads(captured.out)


def _secret_findings(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["category"] in ("hardcoded-secret", "printed-secret")]


def _token(fake_secrets, seed: int) -> str:
    return fake_secrets["github-token"][0](random.Random(seed))


def test_inline_waivers_mark_secret_findings_waived(make_git_repo, fake_secrets, capsys):
    repo = make_git_repo("waive")
    repo.write("app.py", "# readiness: ignore[hardcoded-secret] revoked test token\n"
                         f'TOKEN = "{_token(fake_secrets, 1)}"\n'
                         "def f(password):\n"
                         "    print(password)  # readiness: ignore[printed-secret] the CLI shows the generated one\n")
    repo.write("app.js", "// readiness: ignore[printed-secret] demo output\nconsole.log(apiKey);\n")
    found = _secret_findings(_report(capsys, repo))
    assert sorted((f["path"], f["line"], f["waived"]) for f in found) == [
        ("app.js", 2, True), ("app.py", 2, True), ("app.py", 4, True)]


def test_waiver_by_id_in_the_configuration(make_git_repo, fake_secrets, capsys):
    repo = make_git_repo("waiveid")
    repo.write("app.py", f'TOKEN = "{_token(fake_secrets, 2)}"\n')
    (finding,) = _secret_findings(_report(capsys, repo))
    assert not finding["waived"]
    repo.write("readiness.toml", f'[[waivers]]\nid = "{finding["id"]}"\nreason = "revoked fixture"\n')
    (again,) = _secret_findings(_report(capsys, repo))
    assert again["id"] == finding["id"] and again["waived"]


def test_id_is_stable_when_lines_move_and_changes_when_the_secret_rotates(make_git_repo, fake_secrets, capsys):
    repo = make_git_repo("stable")
    repo.write("app.py", f'TOKEN = "{_token(fake_secrets, 3)}"\n')
    (first,) = _secret_findings(_report(capsys, repo))
    repo.write("app.py", f'"""Docs."""\n\nimport os\nTOKEN = "{_token(fake_secrets, 3)}"\n')
    (moved,) = _secret_findings(_report(capsys, repo))
    repo.write("app.py", f'TOKEN = "{_token(fake_secrets, 4)}"\n')
    (rotated,) = _secret_findings(_report(capsys, repo))
    assert moved["id"] == first["id"] and moved["line"] == 4
    assert rotated["id"] != first["id"] and rotated["snippet"] == first["snippet"]


def test_allowlist_regexes_and_paths_drop_findings(make_git_repo, fake_secrets, capsys):
    repo = make_git_repo("allow")
    repo.write("app.py", f'TOKEN = "{_token(fake_secrets, 5)}"\nFIXTURE = "{_token(fake_secrets, 6)}"  # fake\n')
    repo.write("tests/fixtures/keys.py", f'KEY = "{_token(fake_secrets, 7)}"\ndef f(password):\n    print(password)\n')
    assert len(_secret_findings(_report(capsys, repo))) == 4
    repo.write("readiness.toml", 'secret_allowlist = ["#\\\\s*fake$"]\nsecret_allowlist_paths = ["tests/fixtures/**"]\n')
    assert [(f["path"], f["line"]) for f in _secret_findings(_report(capsys, repo))] == [("app.py", 1)]


def test_invalid_allowlist_regex_is_a_configuration_error(make_git_repo, capsys):
    repo = make_git_repo("badregex")
    repo.write("readiness.toml", 'secret_allowlist = ["(unclosed"]\n')
    code = main(["check", "--repo", str(repo.path), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert "secret_allowlist" in captured.err and "Traceback" not in captured.err
