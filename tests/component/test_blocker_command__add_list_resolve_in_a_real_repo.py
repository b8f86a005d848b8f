"""`readiness blocker add|list|resolve` through `readiness.cli.main` in real temporary git repositories."""

from __future__ import annotations

import json
import secrets
import string

import pytest

from readiness.cli import main

README = "# Payments\r\n\r\nRefunds and captures.\r\n\r\n## Usage\r\n\r\n```\r\n## Blockers\r\n```\r\n"


@pytest.fixture
def repo(git_repo, monkeypatch):
    monkeypatch.setattr("readiness.commands.blocker.today", lambda: "2026-11-26")
    git_repo.write("README.md", README)
    git_repo.commit("init")
    return git_repo


def run(capsys, repo, *args: str) -> tuple[int, str, str]:
    code = main(["blocker", *args, "--repo", str(repo.path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_prints_the_id_and_appends_the_contract_entry(capsys, repo) -> None:
    code, out, err = run(capsys, repo, "add", "--class", "build", "--summary", "pytest collection fails on 3.13",
                         "--scope", "ship the parser without the streaming mode", "--follow-up",
                         "streaming mode for large inputs", "--next", "readiness/report.py", "--details", "only 3.13")
    assert (code, out) == (0, "B1\n")
    assert "logged B1 in README.md" in err
    assert (repo.path / "README.md").read_bytes().decode() == README + (
        "\r\n## Blockers\r\n\r\n"
        "- [ ] **B1** · build · 2026-11-26 · pytest collection fails on 3.13\r\n"
        "  - Details: only 3.13\r\n"
        "  - Scope: ship the parser without the streaming mode\r\n"
        "  - Follow-up: streaming mode for large inputs\r\n"
        "  - Next: readiness/report.py\r\n")
    code, out, _ = run(capsys, repo, "add", "--class", "environment", "--summary", "staging DB refuses CI")
    assert (code, out) == (0, "B2\n")


def test_list_shows_open_ones_and_all_with_resolved(capsys, repo) -> None:
    run(capsys, repo, "add", "--class", "build", "--summary", "first", "--scope", "less")
    run(capsys, repo, "add", "--class", "logic", "--summary", "second")
    code, out, err = run(capsys, repo, "resolve", "B1", "--note", "pinned")
    assert (code, out) == (0, "B1 resolved 2026-11-26\n")
    code, out, _ = run(capsys, repo, "list")
    assert out == "B2   logic  2026-11-26  second\n"
    code, out, _ = run(capsys, repo, "list", "--all")
    assert out.splitlines() == [
        "B1   build  2026-11-26  first  [resolved 2026-11-26]",
        "     Scope: less",
        "     Resolution: pinned",
        "B2   logic  2026-11-26  second  [open]",
    ]
    code, out, _ = run(capsys, repo, "list", "--format", "json", "--all")
    data = json.loads(out)
    assert data["schema_version"] == 1 and data["docs_file"] == "README.md"
    assert [(b["id"], b["status"], b["resolved"], b["resolution"]) for b in data["blockers"]] == [
        ("B1", "resolved", "2026-11-26", "pinned"), ("B2", "open", None, None)]
    assert set(data["blockers"][0]) == {"id", "class", "date", "summary", "status", "resolved", "details", "scope",
                                        "follow_up", "next", "resolution", "line"}


def test_resolve_twice_changes_nothing(capsys, repo) -> None:
    run(capsys, repo, "add", "--class", "build", "--summary", "x")
    run(capsys, repo, "resolve", "b1")
    before = (repo.path / "README.md").read_bytes()
    code, out, err = run(capsys, repo, "resolve", "1", "--note", "late note")
    assert (code, out) == (0, "B1 already resolved 2026-11-26\n")
    assert "left unchanged" in err and "--note not added" in err
    assert (repo.path / "README.md").read_bytes() == before


def test_duplicate_open_blocker_is_refused(capsys, repo) -> None:
    run(capsys, repo, "add", "--class", "build", "--summary", "Wheel missing for 3.13")
    before = (repo.path / "README.md").read_bytes()
    code, out, err = run(capsys, repo, "add", "--class", "build", "--summary", "wheel  missing for 3.13")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "B1 already logs this blocker" in err
    assert (repo.path / "README.md").read_bytes() == before


def test_ids_are_not_reused_after_an_entry_is_deleted(capsys, repo) -> None:
    for n in range(3):
        run(capsys, repo, "add", "--class", "logic", "--summary", f"bug {n}")
    text = (repo.path / "README.md").read_text(encoding="utf-8").replace(
        "- [ ] **B3** · logic · 2026-11-26 · bug 2\r\n", "")
    (repo.path / "README.md").write_bytes(text.encode())
    _, out, _ = run(capsys, repo, "add", "--class", "logic", "--summary", "bug 3")
    assert out == "B4\n"


def test_ids_in_git_history_count_in_a_fresh_clone(capsys, repo) -> None:
    for n in range(5):
        run(capsys, repo, "add", "--class", "logic", "--summary", f"bug {n}")
    repo.commit("five blockers")
    (repo.path / "README.md").write_bytes(README.encode())  # entries deleted by hand
    repo.commit("cleanup")
    (repo.path / ".git" / "readiness" / "blockers.json").unlink()  # as in a fresh clone
    _, out, _ = run(capsys, repo, "add", "--class", "logic", "--summary", "new")
    assert out == "B6\n"


def test_missing_readme_is_created_with_the_repository_name(capsys, git_repo, monkeypatch) -> None:
    monkeypatch.setattr("readiness.commands.blocker.today", lambda: "2026-11-26")
    code, out, _ = run(capsys, git_repo, "add", "--class", "environment", "--summary", "no GPU runner")
    assert (code, out) == (0, "B1\n")
    assert (git_repo.path / "README.md").read_text(encoding="utf-8") == (
        f"# {git_repo.path.name}\n\n## Blockers\n\n- [ ] **B1** · environment · 2026-11-26 · no GPU runner\n")


def test_list_without_readme_is_empty_not_an_error(capsys, git_repo) -> None:
    code, out, err = run(capsys, git_repo, "list")
    assert (code, out) == (0, "")
    assert "does not exist yet" in err
    code, out, _ = run(capsys, git_repo, "list", "--format", "json")
    assert json.loads(out)["blockers"] == []


def test_docs_file_is_configurable(capsys, repo, monkeypatch) -> None:
    repo.write("readiness.toml", 'docs_file = "docs/STATUS.md"\n')
    (repo.path / "docs").mkdir()
    code, out, _ = run(capsys, repo, "add", "--class", "build", "--summary", "x")
    assert code == 0
    assert "**B1**" in (repo.path / "docs" / "STATUS.md").read_text(encoding="utf-8")
    assert (repo.path / "README.md").read_bytes() == README.encode()


def test_bad_docs_file_config_is_exit_2(capsys, repo) -> None:
    repo.write("readiness.toml", 'docs_file = "../outside.md"\n')
    code, out, err = run(capsys, repo, "add", "--class", "build", "--summary", "x")
    assert (code, out) == (2, "")
    assert "docs_file" in err


def test_secret_in_the_summary_is_refused_and_never_printed(capsys, repo) -> None:
    token = "gh" + "p_" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(36))
    code, out, err = run(capsys, repo, "add", "--class", "environment", "--summary", f"push rejected for {token}")
    assert (code, out) == (2, "")
    assert token not in err and token[6:30] not in err
    assert "gh" + "p_****" in err
    assert token not in (repo.path / "README.md").read_text(encoding="utf-8")


def test_secret_written_by_hand_is_masked_when_listing(capsys, repo) -> None:
    token = "gh" + "p_" + "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(36))
    repo.write("README.md", README + f"\r\n## Blockers\r\n\r\n- [ ] **B1** · build · 2026-01-01 · uses {token}\r\n")
    for args in (["list"], ["list", "--format", "json"]):
        code, out, err = run(capsys, repo, *args)
        assert code == 0 and "B1" in out
        assert token not in out + err


@pytest.mark.parametrize(("args", "message"), [
    (["add", "--class", "flaky", "--summary", "x"], "invalid choice"),
    (["add", "--class", "build"], "--summary"),
    (["add", "--class", "build", "--summary", "  "], "needs a summary"),
    (["resolve", "B9"], "no blocker B9"),
    (["resolve", "nine"], "not a blocker id"),
    ([], "ACTION"),
])
def test_usage_errors_are_one_line_and_exit_2(capsys, repo, args, message) -> None:
    before = (repo.path / "README.md").read_bytes()
    try:
        code = main(["blocker", *args, "--repo", str(repo.path)] if args else ["blocker"])
    except SystemExit as exc:  # argparse errors exit through SystemExit(2)
        code = exc.code
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err
    assert (repo.path / "README.md").read_bytes() == before


def test_not_a_repository_is_exit_2(capsys, tmp_path) -> None:
    code = main(["--repo", str(tmp_path), "blocker", "list", "--format", "json"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "not a git repository" in err


def test_repo_option_works_before_the_command_too(capsys, repo) -> None:
    run(capsys, repo, "add", "--class", "build", "--summary", "x")
    assert main(["--repo", str(repo.path), "blocker", "list"]) == 0
    assert capsys.readouterr().out.startswith("B1 ")
