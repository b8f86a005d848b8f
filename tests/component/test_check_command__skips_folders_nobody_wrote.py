"""`readiness check` leaves virtual environments, node_modules and build output out, even when git does not
ignore them, says so in one note, and scans them again with `skip_unwritten = false`."""

import json

import pytest

from readiness.cli import main

STUB = "def later():\n    raise NotImplementedError\n"


@pytest.fixture
def project(git_repo):
    git_repo.write("app.py", "def run():\n    return 1\n")
    git_repo.commit("base")
    git_repo.write("feature.py", STUB)  # the change someone wrote
    git_repo.write(".venv/pyvenv.cfg", "home = /usr/bin\n")
    git_repo.write(".venv/lib/python3.11/site-packages/dep/__init__.py", STUB)
    git_repo.write("web/node_modules/dep/index.js", "function f() { throw new Error('not implemented'); }\n")
    git_repo.write("build/lib/app.py", STUB)
    return git_repo


def check(capsys, repo, *args):
    code = main(["check", "--repo", str(repo.path), "--format", "json", "--gates", "none", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


@pytest.mark.parametrize("scope", [[], ["--all"]])
def test_folders_nobody_wrote_are_skipped_with_one_note(capsys, project, scope):
    _, report, err = check(capsys, project, *scope)
    paths = {f["path"] for f in report["findings"]}
    assert "feature.py" in paths
    assert not [p for p in paths if p.startswith((".venv/", "web/", "build/"))]
    skipped = [n for n in report["notes"] if "nobody wrote" in n]
    assert skipped == ["skipped 4 files in folders nobody wrote: .venv/ (virtual environment), build/ (build output), "
                       "web/node_modules/ (set skip_unwritten = false in [tool.readiness] to scan them)"]


def test_skip_unwritten_false_scans_them_again(capsys, project):
    project.write(".readiness.toml", "skip_unwritten = false\n")
    _, report, _ = check(capsys, project, "--all")
    paths = {f["path"] for f in report["findings"] if f["category"] == "todo-throw"}
    assert {"feature.py", ".venv/lib/python3.11/site-packages/dep/__init__.py", "build/lib/app.py"} <= paths
    assert not [n for n in report["notes"] if "nobody wrote" in n]


def test_a_committed_pyvenv_cfg_hides_nothing_committed_next_to_it(capsys, git_repo):
    """Review finding: a tracked `pyvenv.cfg` made its folder "nobody's" and hid a committed TODO throw from every
    scanner; what git tracks is part of the pull request and is always scanned."""
    git_repo.write("app.py", "def run():\n    return 1\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("src/pkg/pyvenv.cfg", "home = /usr/bin\n")
    git_repo.write("src/pkg/later.py", STUB)
    git_repo.commit("hide a stub")
    code, report, _ = check(capsys, git_repo)
    assert code == 1
    assert "src/pkg/later.py" in {f["path"] for f in report["findings"]}
    assert not [n for n in report["notes"] if "nobody wrote" in n]
