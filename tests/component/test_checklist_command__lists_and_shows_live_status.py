"""`readiness checklist list|show` on real repositories: live statuses, exit codes, overrides, one-line errors."""

import json

import pytest

from readiness.cli import main

STUB = "def refund(order):\n    raise NotImplementedError\n"
BUILTINS = ["ready-for-review", "merge", "quality-gates", "implemented", "minimum-per-feature"]
CUSTOM = """schema_version = 1
id = "merge"
title = "Our merge rules"

[[items]]
id = "no-stubs"
title = "No stubs"
why = "Stubs ship broken paths."
how = "Implement them."
check = { findings = ["todo-throw"] }
"""


def cli(capsys, repo, *args):
    code = main([*args, "--repo", str(repo.path)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def feature(git_repo):
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("README.md", "# pkg\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature/refunds")
    git_repo.write("pkg/payments.py", "import os\n\n\n" + STUB)
    git_repo.commit("add refunds")
    return git_repo


def test_list_names_every_builtin_and_marks_the_required_ones(capsys, feature):
    code, out, err = cli(capsys, feature, "checklist", "list")
    assert code == 0, err
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == BUILTINS
    assert "required for ready" in lines[0] and "required for ready" in lines[1]
    assert "required for ready" not in lines[2]
    code, out, _ = cli(capsys, feature, "checklist", "list", "--format", "json")
    data = json.loads(out)
    assert [c["id"] for c in data["checklists"]] == BUILTINS
    assert data["checklists"][0] == {
        "id": "ready-for-review", "title": "Ready for review", "items": 4, "origin": "built-in",
        "overrides_builtin": False, "required": True,
        "description": data["checklists"][0]["description"]}


def test_show_reads_like_a_reviewers_checklist(capsys, feature):
    code, out, err = cli(capsys, feature, "checklist", "show", "ready-for-review")
    assert code == 1, err  # an item fails
    lines = out.splitlines()
    assert lines[0].startswith("Ready for review") and "feature/refunds → main" in lines[0]
    stub = next(line for line in lines if "No TODO throws" in line)
    assert stub.lstrip().startswith("✘") and "pkg/payments.py:5: refund() is a stub" in stub
    assert any("why  “Stub methods that throw NotImplemented in production branch”" in line for line in lines)
    tests = next(line for line in lines if "Tests green locally" in line)
    assert tests.lstrip().startswith("○") and "not run yet: `readiness check --gates tests`" in tests
    # the tests gate has not run: that item is counted apart, not as a confirmation awaiting you (as the verdict)
    assert lines[-2] == "2/4 pass · 1 failing · 1 gate not run"
    assert lines[-1].startswith("✘ not ready: ")  # the run's one verdict, as `readiness check` states it
    assert lines[-1].endswith(", 1 gate not run") and "awaiting you" not in lines[-1]


def test_show_json_links_failing_items_to_finding_ids(capsys, feature):
    code, out, _ = cli(capsys, feature, "checklist", "show", "implemented", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["checklist"]["id"] == "implemented" and data["ready"] is False
    items = {i["id"]: i for i in data["checklist"]["items"]}
    stub = items["no-placeholder-throws"]
    assert stub["status"] == "fail" and len(stub["finding_ids"]) == 1
    assert stub["why"] == "Not implemented if it merely compiles."
    assert items["public-contracts"]["confirmable"] is True and items["public-contracts"]["status"] == "manual"
    # no configuration key, environment variable or flag changed: the rollout item is not asked, yet confirmable
    assert items["rollout"]["confirmable"] is True and items["rollout"]["status"] == "skip"
    assert items["no-placeholder-throws"]["confirmable"] is False
    _, report, _ = cli(capsys, feature, "check", "--format", "json")
    assert stub["finding_ids"] == [f["id"] for f in json.loads(report)["findings"] if f["category"] == "todo-throw"]


def test_show_passes_when_nothing_fails_and_strict_counts_pending_items(capsys, feature):
    feature.write("pkg/payments.py", "def refund(order):\n    return order.total\n")
    code, out, err = cli(capsys, feature, "checklist", "show", "quality-gates")
    assert out.count("○") == 8  # every gate pending: nothing in this checklist fails
    check_code, check_out, _ = cli(capsys, feature, "check")
    assert code == check_code, out + err  # the exit code is the run's one verdict
    assert out.splitlines()[-1] == check_out.splitlines()[-1]
    code, _, _ = cli(capsys, feature, "checklist", "show", "quality-gates", "--strict")
    assert code == 1


def test_repository_checklist_overrides_the_builtin_by_id(capsys, feature):
    feature.write("checklists/merge.toml", CUSTOM)
    code, out, _ = cli(capsys, feature, "checklist", "list")
    merge = out.splitlines()[1]
    assert "Our merge rules" in merge and "checklists/merge.toml (overrides the built-in)" in merge
    code, out, _ = cli(capsys, feature, "checklist", "show", "merge", "--format", "json")
    assert [i["id"] for i in json.loads(out)["checklist"]["items"]] == ["no-stubs"]
    assert code == 1


def test_configured_checklists_folder_is_used(capsys, feature):
    feature.write("readiness.toml", 'checklists_dir = "ci/checklists"\n')
    feature.write("ci/checklists/team.toml", CUSTOM.replace('id = "merge"', 'id = "team"'))
    code, out, _ = cli(capsys, feature, "checklist", "list", "--format", "json")
    assert [c["id"] for c in json.loads(out)["checklists"]] == [*BUILTINS, "team"]


@pytest.mark.parametrize(
    ("setup", "args", "expected"),
    [
        (None, ["checklist", "show", "nope"], "no checklist 'nope' (available: ready-for-review, merge"),
        ({"checklists/bad.toml": CUSTOM.replace('"todo-throw"', '"todo"')}, ["checklist", "list"],
         "checklists/bad.toml:10: unknown category 'todo'"),
        ({"readiness.toml": 'checklists_required = ["merge", "release"]\n'}, ["check"],
         "checklists_required names unknown checklist 'release'"),
        ({"readiness.toml": 'checklists_dir = "../elsewhere"\n'}, ["checklist", "list"],
         "checklists_dir must be a relative folder inside the repository"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, feature, setup, args, expected):
    for path, text in (setup or {}).items():
        feature.write(path, text)
    code, out, err = cli(capsys, feature, *args)
    assert code == 2, out + err
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err
