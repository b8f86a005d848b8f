"""`readiness.core.git_state` called directly on real repositories: a stopped merge, rebase or cherry-pick is named
with the commands that finish or abort it; unmerged paths git still lists are error findings only where no complete
conflict block shows them (the conflict-marker scanner reports those); a moved submodule is a note in the diff scope
only; a clean repository gets nothing; a closed repository is refused with a RepoError."""

from __future__ import annotations

import pytest
from fakes import diverge

from readiness.core.errors import RepoError
from readiness.core.git_state import (
    changed_submodules,
    findings,
    notes,
    operation_in_progress,
    unmerged_paths,
)
from readiness.core.repo import open_repository
from readiness.core.scan.scanners.conflict_marker import UNMERGED


def test_a_clean_repository_has_no_operation_no_unmerged_path_and_no_note(git_repo):
    diverge(git_repo)
    with open_repository(git_repo.path, base="main") as repo:
        assert operation_in_progress(repo.git_dir) is None
        assert unmerged_paths(repo) == []
        assert notes(repo, "diff") == []
        assert notes(repo, "all") == []
        assert findings(repo) == []


@pytest.mark.parametrize(("command", "what"), [
    (("merge", "main"), "merge"),
    (("rebase", "main"), "rebase"),
    (("cherry-pick", "main"), "cherry-pick"),
], ids=["merge", "rebase", "cherry-pick"])
def test_a_stopped_operation_is_named_with_its_continue_and_abort(git_repo, command, what):
    diverge(git_repo)
    git_repo.git(*command, check=False)
    with open_repository(git_repo.path, base="main") as repo:
        assert operation_in_progress(repo.git_dir) == (what, f"git {what}")
        (note,) = notes(repo, "all")
        assert note.startswith(f"a {what} is in progress")
        assert f"`git {what} --continue`" in note and f"`git {what} --abort`" in note
        assert unmerged_paths(repo) == ["notes.txt"]
        # the file shows a complete conflict block: the conflict-marker scanner reports it on its line, not here
        assert findings(repo) == []


def test_an_unmerged_binary_file_without_markers_is_an_error_finding(git_repo):
    diverge(git_repo, "logo.png", b"\x89PNG\0feature", b"\x89PNG\0main")
    git_repo.git("merge", "main", check=False)
    with open_repository(git_repo.path, base="main") as repo:
        (finding,) = findings(repo)
    assert (finding.rule, finding.path, finding.line) == (UNMERGED.id, "logo.png", None)
    assert "git add" in finding.message


def test_a_delete_modify_conflict_is_an_error_finding_on_the_deleted_path(git_repo):
    diverge(git_repo)
    git_repo.git("rm", "-q", "notes.txt")
    git_repo.commit("feature deletes notes")
    git_repo.git("merge", "main", check=False)
    with open_repository(git_repo.path, base="main") as repo:
        assert unmerged_paths(repo) == ["notes.txt"]
        assert [(f.rule, f.path) for f in findings(repo)] == [(UNMERGED.id, "notes.txt")]


def test_a_resolved_and_added_path_is_no_longer_unmerged_but_the_merge_is_still_noted(git_repo):
    diverge(git_repo)
    git_repo.git("merge", "main", check=False)
    git_repo.write("notes.txt", "one\nboth\n")
    git_repo.git("add", "notes.txt")
    with open_repository(git_repo.path, base="main") as repo:
        assert unmerged_paths(repo) == []
        assert findings(repo) == []
        assert operation_in_progress(repo.git_dir) == ("merge", "git merge")


def test_a_moved_submodule_is_a_note_in_the_diff_scope_only(make_git_repo):
    lib = make_git_repo("gitstate-lib")
    lib.write("lib.py", "X = 1\n")
    lib.commit("lib 1")
    sup = make_git_repo("gitstate-super")
    sup.write("README.md", "# r\n")
    sup.git("submodule", "add", "-q", str(lib.path), "vendor/lib")
    sup.commit("base with submodule")
    base = sup.git("rev-parse", "HEAD").strip()
    with open_repository(sup.path, base=base) as repo:
        assert changed_submodules(repo) == []
    lib.write("lib.py", "X = 2\n")
    lib.commit("lib 2")
    sup.git("-C", "vendor/lib", "pull", "-q", "origin", "main")
    sup.commit("bump submodule")
    with open_repository(sup.path, base=base) as repo:
        assert changed_submodules(repo) == ["vendor/lib"]
        assert notes(repo, "diff") == [
            "1 changed submodule not scanned: vendor/lib (run readiness inside the submodule)"]
        assert notes(repo, "all") == []


def test_a_repository_without_commits_has_no_changed_submodule(git_repo):
    git_repo.write("a.txt", "a\n")
    with open_repository(git_repo.path) as repo:
        assert changed_submodules(repo) == []
        assert notes(repo, "diff") == []


def test_a_closed_repository_is_refused_with_a_repo_error(git_repo):
    diverge(git_repo)
    repo = open_repository(git_repo.path, base="main")
    repo.close()
    with pytest.raises(RepoError, match="already closed"):
        unmerged_paths(repo)
    with pytest.raises(RepoError, match="already closed"):
        findings(repo)
