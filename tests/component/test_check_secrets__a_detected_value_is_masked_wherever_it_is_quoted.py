"""A secret the detectors find is masked in every finding, whoever reports it: quoted unnamed in a TODO's message
in the same file or in another one, cut in the middle by a message shortened before it was masked, or in the
subject of the commit that added it. Checked in every report format and in what readiness writes under the git
directory (the scan cache)."""

from __future__ import annotations

import random

import pytest

from readiness.cli import main
from readiness.render.formats import RENDERERS

WINDOW = 8  # no 8 characters of a value in a row may show


def _pieces(value: str) -> set[str]:
    return {value[i:i + WINDOW] for i in range(len(value) - WINDOW + 1)}


def _outputs(capsys, repo, *argv: str) -> str:
    out = []
    for fmt in sorted(RENDERERS):
        main(["check", "--repo", str(repo.path), *argv, "--format", fmt])
        captured = capsys.readouterr()
        out.append(captured.out + captured.err)
    return "\n".join(out)


def _written(repo) -> str:
    folder = repo.path / ".git" / "readiness"
    return "\n".join(p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def values(fake_secrets):
    rng = random.Random(7)
    return {"generic": fake_secrets["generic-assignment"][0](rng), "github": fake_secrets["github-token"][0](rng)}


def test_a_value_quoted_unnamed_elsewhere_is_masked(make_git_repo, capsys, values):
    generic = values["generic"]
    repo = make_git_repo("quoted")
    repo.write("README.md", "# app\n")
    repo.commit("initial")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("src/a.js", "export function a() {\n"
                           f'  throw new Error("TODO: swap test key {generic} for prod");\n'
                           "}\n"
                           f'const api_key = "{generic}";\n')
    repo.write("src/b.py", "def b():\n"
                           f'    raise NotImplementedError("TODO: rotate {generic} first")\n')
    output = _outputs(capsys, repo) + _outputs(capsys, repo, "--all")
    assert "todo-throw/javascript" in output and "hardcoded-secret/generic-assignment" in output
    assert "todo-throw/python" in output
    written = _written(repo)
    assert "scan-cache" in str(sorted((repo.path / ".git" / "readiness").iterdir()))
    leaked = sorted(p for p in _pieces(generic) if p in output or p in written)
    assert not leaked, leaked


@pytest.mark.parametrize("language", ["python", "javascript"])
def test_a_message_cut_inside_a_secret_shows_none_of_it(make_git_repo, capsys, values, language):
    token = values["github"]
    repo = make_git_repo(f"cut-{language}")
    repo.write("README.md", "# app\n")
    repo.commit("initial")
    for pad in range(0, 320, 7):  # wherever a scanner cuts its message, one of these cuts through the token
        words = ("word " * (pad // 5 + 1))[:pad]
        if language == "python":
            repo.write(f"m{pad}.py", f'def f():\n    raise NotImplementedError("TODO: {words}{token} later")\n')
        else:
            repo.write(f"m{pad}.js", f'export function f() {{\n  throw new Error("TODO: {words}{token} later");\n}}\n')
    output = _outputs(capsys, repo, "--all")
    assert "todo-throw/" in output
    leaked = sorted(p for p in _pieces(token) if p in output or p in _written(repo))
    assert not leaked, leaked


def test_the_commit_that_added_a_secret_is_named_without_it(make_git_repo, capsys, values):
    generic = values["generic"]
    repo = make_git_repo("subject")
    repo.write("README.md", "# app\n")
    repo.commit("initial")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("src/c.py", f'db_password = "{generic}"\n')
    repo.commit(f"use db password {generic} for now")
    repo.write("src/c.py", 'import os\ndb_password = os.environ["DB_PASSWORD"]\n')
    repo.commit("read it from the environment")
    output = _outputs(capsys, repo)
    assert "hardcoded-secret/in-history" in output
    leaked = sorted(p for p in _pieces(generic) if p in output or p in _written(repo))
    assert not leaked, leaked
