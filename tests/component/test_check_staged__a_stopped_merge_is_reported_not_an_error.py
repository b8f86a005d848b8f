"""`check --staged` while a merge is stopped on a conflict: the conflicted path has no stage-0 index entry; the run
reports the unmerged path as a finding (not ready, exit 1) instead of failing with git's `cat-file` hint (exit 2)."""

from __future__ import annotations

import json

from fakes import diverge

from readiness.cli import main


def test_staged_scope_during_a_conflict_reports_the_unmerged_path(capsys, git_repo):
    diverge(git_repo, "a.py", b"x = 1\nx = 2\n", b"x = 1\nx = 3\n")
    git_repo.git("merge", "main", check=False)  # stops on the conflict
    code = main(["check", "--repo", str(git_repo.path), "--staged", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1, err
    report = json.loads(out)
    rules = {f["rule"] for f in report["findings"] if f["path"] == "a.py"}
    assert rules & {"conflict-marker/unmerged-path", "conflict-marker/unresolved"}, report["findings"]
    assert "cat-file" not in err
