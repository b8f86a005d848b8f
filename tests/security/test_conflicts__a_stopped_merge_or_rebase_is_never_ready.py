"""A merge or rebase stopped on a conflict is never "ready": the conflict markers are an error finding, a note says
what is in progress, an unmerged binary file (no markers to see) is an error too. The same branch without the
conflict is ready, so the conflict is what decides."""

from __future__ import annotations

import json

import pytest
from fakes import diverge

from readiness.cli import main
from readiness.core.scan.base import SourceFile
from readiness.core.scan.scanners.conflict_marker import conflicts

README = "# d\n\n## Usage\n\nRead it.\n\n## Troubleshooting\n\nAsk.\n"


def _check(capsys, repo) -> tuple[int, dict]:
    code = main(["check", "--repo", str(repo.path), "--base", "main", "--format", "json"])
    captured = capsys.readouterr()
    assert code in (0, 1), captured.err
    return code, json.loads(captured.out)


def _diverged(make_git_repo, name: str, *args: bytes | str):
    return diverge(make_git_repo(name), *args, readme=README)


def test_the_branch_without_a_conflict_is_ready(make_git_repo, capsys):
    repo = _diverged(make_git_repo, "noconflict")
    code, report = _check(capsys, repo)
    assert code == 0 and report["verdict"]["ready"], report["verdict"]


@pytest.mark.parametrize("operation", [("merge", "main"), ("rebase", "main")], ids=["merge", "rebase"])
def test_a_stopped_merge_or_rebase_with_markers_is_not_ready(make_git_repo, capsys, operation):
    repo = _diverged(make_git_repo, operation[0])
    repo.git(*operation, check=False)
    assert "<<<<<<<" in (repo.path / "notes.txt").read_text()
    code, report = _check(capsys, repo)
    assert code == 1 and not report["verdict"]["ready"]
    conflict = [f for f in report["findings"] if f["rule"] == "conflict-marker/unresolved"]
    assert [(f["path"], f["line"], f["severity"]) for f in conflict] == [("notes.txt", 2, "error")]
    assert any(f"a {operation[0]} is in progress" in note and f"git {operation[0]} --abort" in note
               for note in report["notes"])


def test_an_unmerged_binary_file_is_an_error_without_markers(make_git_repo, capsys):
    repo = _diverged(make_git_repo, "binary", "logo.png", b"\x89PNG\0feature", b"\x89PNG\0main")
    repo.git("merge", "main", check=False)
    code, report = _check(capsys, repo)
    assert code == 1
    assert [(f["rule"], f["path"]) for f in report["findings"] if f["category"] == "conflict-marker"] == [
        ("conflict-marker/unmerged-path", "logo.png")]


def test_resolved_and_added_merge_is_only_a_note(make_git_repo, capsys):
    repo = _diverged(make_git_repo, "resolved")
    repo.git("merge", "main", check=False)
    repo.write("notes.txt", "one\nboth\n")
    repo.git("add", "notes.txt")
    code, report = _check(capsys, repo)
    assert not [f for f in report["findings"] if f["category"] == "conflict-marker"]
    assert any("a merge is in progress" in note for note in report["notes"])


def test_only_complete_blocks_count_so_markdown_underlines_do_not():
    def blocks(text: str) -> list[tuple[int, int]]:
        return list(conflicts(SourceFile(path="x", text=text)))

    assert blocks("Title\n=======\n\ntext\n") == []
    assert blocks("<<<<<<< HEAD\na\n=======\nb\n>>>>>>> main\n") == [(1, 5)]
    assert blocks("<<<<<<< ours\na\n||||||| base\nz\n=======\nb\n>>>>>>> theirs\n") == [(1, 7)]  # diff3
    assert blocks("<<<<<<< HEAD\na\n>>>>>>> main\n") == []  # no separator: not git's block
    assert blocks("x = '<<<<<<< not at the start'\n=======\n>>>>>>> y\n") == []
