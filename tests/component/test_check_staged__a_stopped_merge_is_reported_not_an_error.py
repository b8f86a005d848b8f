"""`check --staged` while a merge is stopped on a conflict: the conflicted path has no stage-0 index entry; the run
reports the unmerged path as a finding (not ready, exit 1) instead of failing with git's `cat-file` hint (exit 2)."""

from __future__ import annotations

import json

from readiness.cli import main


def test_staged_scope_during_a_conflict_reports_the_unmerged_path(capsys, git_repo):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("a.py", "x = 2\n")
    git_repo.commit("two")
    git_repo.git("checkout", "-q", "main")
    git_repo.write("a.py", "x = 3\n")
    git_repo.commit("three")
    git_repo.git("merge", "feature", check=False)  # stops on the conflict
    code = main(["check", "--repo", str(git_repo.path), "--staged", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1, err
    report = json.loads(out)
    rules = {f["rule"] for f in report["findings"] if f["path"] == "a.py"}
    assert rules & {"conflict-marker/unmerged-path", "conflict-marker/unresolved"}, report["findings"]
    assert "cat-file" not in err
