"""The JSON report's `checklists` array against the contract (readiness/schema/report-v1.json) and its promises."""

import json
from importlib.resources import files

import jsonschema
import pytest

from readiness.cli import main

pytestmark = pytest.mark.contract

SCHEMA = json.loads((files("readiness") / "schema" / "report-v1.json").read_text(encoding="utf-8"))
STATUSES = {"pass", "fail", "warn", "manual", "skip", "error"}


def report(capsys, repo, *args):
    code = main(["check", "--repo", str(repo.path), "--format", "json", *args])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    return code, data


@pytest.fixture
def feature(git_repo):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/x")
    git_repo.write("pkg/b.py", "def f():\n    raise NotImplementedError\n")
    git_repo.commit("stub")
    return git_repo


def test_checklists_array_has_every_builtin_with_contract_fields(capsys, feature):
    _, data = report(capsys, feature)
    assert [c["id"] for c in data["checklists"]] == ["ready-for-review", "merge", "quality-gates", "implemented",
                                                     "minimum-per-feature"]
    for checklist in data["checklists"]:
        assert set(checklist) == {"id", "title", "items"}
        for item in checklist["items"]:
            assert set(item) == {"id", "title", "status", "detail"}
            assert item["status"] in STATUSES and item["detail"] and "\n" not in item["detail"]
    first = data["checklists"][0]
    assert first["title"] == "Ready for review"
    assert first["items"][0] == {"id": "no-todo-throws", "title": "No TODO throws", "status": "fail",
                                 "detail": "pkg/b.py:2: f() is a stub that raises NotImplementedError"}


MERGE = ('schema_version = 1\nid = "merge"\ntitle = "Merge"\n\n[[items]]\nid = "changelog"\n'
         'title = "Changelog changed"\ncheck = {{ changed = ["{glob}"] }}\n')


def test_ready_is_false_while_a_required_item_fails_even_without_findings(capsys, feature):
    feature.write("pkg/b.py", "def f():\n    return 1\n")
    feature.write("readiness.toml", 'checklists_required = ["merge"]\nfail_on = "error"\n'
                  'severity = { missing-test = "info", missing-docs = "info" }\n')
    feature.write("checklists/merge.toml", MERGE.format(glob="pkg/*"))
    code, data = report(capsys, feature)
    assert code == 0 and data["ready"] is True
    feature.write("checklists/merge.toml", MERGE.format(glob="CHANGELOG.md"))
    code, data = report(capsys, feature)
    merge = next(c for c in data["checklists"] if c["id"] == "merge")
    assert merge["items"] == [{"id": "changelog", "title": "Changelog changed", "status": "fail",
                               "detail": "no file in scope matches CHANGELOG.md"}]
    assert code == 1 and data["ready"] is False
    code, data = report(capsys, feature, "--fail-on", "never")  # report-only: nothing fails the run
    assert code == 0 and data["ready"] is True


def test_repository_checklists_appear_in_the_report(capsys, feature):
    feature.write("checklists/release.toml", 'schema_version = 1\nid = "release"\ntitle = "Release"\n\n[[items]]\n'
                  'id = "notes"\ntitle = "Release notes"\ncheck = { manual = "confirm: notes written" }\n')
    _, data = report(capsys, feature)
    assert data["checklists"][-1] == {"id": "release", "title": "Release", "items": [
        {"id": "notes", "title": "Release notes", "status": "manual", "detail": "confirm: notes written"}]}
