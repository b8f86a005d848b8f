"""`readiness waive FINDING_ID --reason TEXT [--inline]` writes a waiver the next `readiness check` honours; bad input is
one line and exit 2, with nothing written."""

from __future__ import annotations

import json
import random

from readiness.cli import main


def _feature(repo):
    repo.write("README.md", "# calc\n")
    repo.write("calc/__init__.py", "")
    repo.commit("initial")
    repo.git("checkout", "-q", "-b", "feature/later")
    repo.write("calc/later.py", "def later():\n    raise NotImplementedError\n")
    repo.commit("later")
    return repo


def _findings(capsys, repo) -> dict[str, dict]:
    capsys.readouterr()
    main(["check", "--repo", str(repo.path), "--format", "json"])
    return {f["rule"]: f for f in json.loads(capsys.readouterr().out)["findings"]}


def test_a_configuration_waiver_makes_the_stub_waived(capsys, git_repo) -> None:
    repo = _feature(git_repo)
    stub = _findings(capsys, repo)["todo-throw/python-stub"]
    assert stub["waived"] is False
    code = main(["waive", stub["id"][:10], "--reason", 'tracked in "#12"', "--repo", str(repo.path)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "") and out.startswith(f"waived {stub['id']} (todo-throw/python-stub at calc/later.py:2)")
    assert 'reason = "tracked in \\"#12\\""' in (repo.path / "readiness.toml").read_text(encoding="utf-8")
    assert _findings(capsys, repo)["todo-throw/python-stub"]["waived"] is True


def test_an_inline_waiver_is_a_comment_above_the_line(capsys, git_repo) -> None:
    repo = _feature(git_repo)
    stub = _findings(capsys, repo)["todo-throw/python-stub"]
    assert main(["waive", stub["id"], "--reason", "scheduled", "--inline", "--repo", str(repo.path)]) == 0
    lines = (repo.path / "calc/later.py").read_text(encoding="utf-8").splitlines()
    assert lines[1].strip() == "# readiness: ignore[todo-throw] scheduled"
    assert _findings(capsys, repo)["todo-throw/python-stub"]["waived"] is True


def test_unknown_ids_and_secret_reasons_are_refused_and_nothing_is_written(capsys, git_repo, fake_secrets) -> None:
    repo = _feature(git_repo)
    before = sorted(p.name for p in repo.path.iterdir())
    capsys.readouterr()
    assert main(["waive", "0000000000", "--reason", "x", "--repo", str(repo.path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "no finding with id '0000000000'" in err
    stub = _findings(capsys, repo)["todo-throw/python-stub"]
    token = fake_secrets["github-token"][0](random.Random(7))
    assert main(["waive", stub["id"], "--reason", f"token {token}", "--repo", str(repo.path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and token not in err
    assert sorted(p.name for p in repo.path.iterdir()) == before
