"""`--base` takes one ref: a git range (`main..feature`, `main...feature`, `..main`) pasted from a `git log` habit is
refused before any work with one line that says what is wrong and what to pass instead, exit 2, nothing on stdout
(no traceback, no report that would look like a real result), before and after the sub-command alike. A plain
ref on the same repository is accepted, so the range is what decides."""

from __future__ import annotations

import pytest

from readiness.cli import main

RANGES = ["main..feature", "main...feature", "..main", "main..."]


@pytest.fixture
def feature_repo(git_repo):
    git_repo.write("README.md", "# r\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.write("notes.txt", "a note\n")
    git_repo.commit("feature")
    return git_repo


@pytest.mark.parametrize("base", RANGES)
@pytest.mark.parametrize("form", ["after", "before"])
def test_a_range_as_base_is_one_usage_line_and_exit_2(feature_repo, capsys, base, form):
    if form == "after":
        argv = ["check", "--repo", str(feature_repo.path), "--base", base]
    else:
        argv = ["--repo", str(feature_repo.path), "--base", base, "check"]
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("readiness: error: --base takes one branch, tag or commit")
    assert repr(base) in lines[0] and "--base main" in lines[0]
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("fmt", ["json", "sarif", "markdown"])
def test_a_range_is_refused_in_every_format_without_writing_a_report(feature_repo, capsys, fmt):
    code = main(["check", "--repo", str(feature_repo.path), "--base", "main..feature", "--format", fmt])
    captured = capsys.readouterr()
    assert (code, captured.out, len(captured.err.splitlines())) == (2, "", 1)


def test_the_same_repository_with_one_ref_is_checked(feature_repo, capsys):
    code = main(["check", "--repo", str(feature_repo.path), "--base", "main"])
    captured = capsys.readouterr()
    assert code in (0, 1), captured.err
    assert "--base takes one branch" not in captured.err
