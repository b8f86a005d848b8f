"""On the base branch itself the changes are the uncommitted ones, and `check` says so; an `--all` scan of every
file is about no change, so it does not. `init` takes no --base or --all: it scans nothing."""

from __future__ import annotations

import json

import pytest

from readiness.cli import main

NOTE = "HEAD is at the base"


def test_the_note_belongs_to_the_diff_scope(make_git_repo, capsys):
    repo = make_git_repo("atbase")
    repo.write("README.md", "# app\n")
    repo.write("a.py", "x = 1\n")
    repo.commit("initial")
    repo.write("a.py", "x = 2\n")
    main(["check", "--repo", str(repo.path), "--format", "json"])
    assert any(NOTE in n for n in json.loads(capsys.readouterr().out)["notes"])
    main(["check", "--repo", str(repo.path), "--all", "--format", "json"])
    assert not any(NOTE in n for n in json.loads(capsys.readouterr().out)["notes"])


@pytest.mark.parametrize("option", ["--base", "--all"])
def test_init_has_no_scan_options(capsys, option):
    with pytest.raises(SystemExit):
        main(["init", "--help"])
    assert option not in capsys.readouterr().out
