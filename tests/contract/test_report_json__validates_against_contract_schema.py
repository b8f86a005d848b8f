"""The JSON report against the contract's schema (readiness/schema/report-v1.json), in every repository state."""

import json
from importlib.resources import files

import jsonschema
import pytest

from readiness.cli import main

pytestmark = pytest.mark.contract

SCHEMA = json.loads((files("readiness") / "schema" / "report-v1.json").read_text(encoding="utf-8"))


def report(capsys, repo, *args):
    code = main(["check", "--repo", str(repo.path), "--format", "json", *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    return data


def _stub(data):
    return next(f for f in data["findings"] if f["rule"] == "todo-throw/python-stub")


def test_schema_is_itself_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_feature_branch_report(capsys, git_repo):
    git_repo.write("a.py", "x = 1\n")
    base = git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/x")
    git_repo.write("pkg/b.py", "def f():\n    raise NotImplementedError\n")
    head = git_repo.commit("stub")
    data = report(capsys, git_repo)
    assert data["schema_version"] == 1
    assert data["tool"]["name"] == "readiness"
    assert data["repo"] == {"root": str(git_repo.path.resolve()), "branch": "feature/x", "head": head,
                            "base": "main", "merge_base": base, "scope": "diff"}
    finding = next(f for f in data["findings"] if f["category"] == "todo-throw")
    assert set(finding) == {"id", "rule", "category", "severity", "path", "line", "message", "snippet", "waived",
                            "baselined", "commit"}
    assert finding["commit"] is None  # only a finding of the branch's history names its commit
    assert finding["path"] == "pkg/b.py"
    assert data["ready"] is False


def test_no_commits_report_has_nulls(capsys, git_repo):
    git_repo.write("a.py", "x = 1\n")
    data = report(capsys, git_repo)
    assert data["repo"]["head"] is None and data["repo"]["merge_base"] is None and data["repo"]["base"] is None


def test_detached_head_report_has_null_branch(capsys, git_repo):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("one")
    git_repo.write("a.py", "x = 2\n")
    git_repo.commit("two")
    git_repo.git("checkout", "-q", "--detach", "HEAD~1")
    data = report(capsys, git_repo, "--all")
    assert data["repo"]["branch"] is None
    assert data["repo"]["scope"] == "all"


def test_ids_are_stable_when_lines_move(capsys, git_repo):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "f")
    git_repo.write("b.py", "def f():\n    raise NotImplementedError\n")
    first = _stub(report(capsys, git_repo))["id"]
    git_repo.write("b.py", "import os\n\n\ndef f():\n    raise NotImplementedError\n")
    moved = _stub(report(capsys, git_repo))
    assert moved["line"] == 5 and moved["id"] == first
