"""Flakiness Policy deadlines from `git blame`: a flaky marker older than 72 hours fails the merge checklist; a new
one without an issue reference only warns (the `missing-test/flaky-quarantine` finding)."""

import json

from readiness.cli import main

FLAKY_TEST = ("import pytest\n\nfrom pkg.calc import half\n\n\n@pytest.mark.flaky(reruns=2)\n"
              "def test_half():\n    assert half(4) == 2\n")


def item(capsys, repo):
    code = main(["checklist", "show", "merge", "--format", "json", "--repo", str(repo.path)])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return next(i for i in json.loads(out)["checklist"]["items"] if i["id"] == "flaky-deadlines")


def _project(git_repo):
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/calc.py", "def half(n):\n    return n // 2\n")
    return git_repo


def test_a_flaky_marker_committed_long_ago_fails_the_merge_checklist(capsys, git_repo):
    _project(git_repo).write("tests/test_calc.py", FLAKY_TEST)
    git_repo.commit("base, with a flaky test")  # the fixture's fixed author date lies far in the past
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("tests/test_calc.py", FLAKY_TEST + "\n\ndef test_half_odd():\n    assert half(5) == 2\n")
    got = item(capsys, git_repo)
    assert got["status"] == "fail"
    assert got["detail"].startswith("tests/test_calc.py:6 marked flaky ") and "past the 72 h deadline" in got["detail"]


def test_a_new_flaky_marker_without_an_issue_only_warns(capsys, git_repo):
    _project(git_repo).write("tests/test_calc.py", "from pkg.calc import half\n\n\ndef test_half():\n"
                                                   "    assert half(4) == 2\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("tests/test_calc.py", FLAKY_TEST)  # not committed yet: younger than 72 h
    got = item(capsys, git_repo)
    assert got["status"] == "warn" and "flaky" in got["detail"] and "72 h" not in got["detail"]
    git_repo.write("tests/test_calc.py", FLAKY_TEST.replace("(reruns=2)", "(reruns=2)  # GH-42"))
    assert item(capsys, git_repo)["status"] == "pass"
