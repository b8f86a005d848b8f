"""Repository.stage_entries: one `git ls-files --stage` answers the tracked modes, the unmerged paths and the
tree state of the scan and gate caches (issue 14: a check listed the index three times). It follows the index file:
a `git add` or a resolved conflict between two calls of a long-lived repository is seen."""

from __future__ import annotations

from fakes import diverge

from readiness.core.gates.store import tree_state
from readiness.core.repo import open_repository


def unmerged_by_git(repo) -> list[str]:
    return sorted({line.split("\t", 1)[1] for line in repo.git("ls-files", "-u").splitlines()})


def test_unmerged_paths_are_git_s_and_follow_a_resolution(git_repo):
    diverge(git_repo)
    git_repo.git("merge", "main", check=False)
    with open_repository(git_repo.path) as repo:
        assert repo.unmerged() == unmerged_by_git(git_repo) == ["notes.txt"]
        assert repo.tracked_modes()["notes.txt"] == "100644"
        git_repo.write("notes.txt", "one\nboth\n")
        git_repo.git("add", "notes.txt")  # resolved: the index file is rewritten
        assert repo.unmerged() == unmerged_by_git(git_repo) == []


def test_the_tree_state_and_modes_follow_a_git_add(git_repo):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("one")
    with open_repository(git_repo.path) as repo:
        before = tree_state(repo)
        git_repo.write("b.sh", "echo hi\n")
        git_repo.git("add", "b.sh")
        git_repo.git("update-index", "--chmod=+x", "b.sh")
        after = tree_state(repo)
        assert before != after and "b.sh" in dict(after.entries)
        assert repo.tracked_modes()["b.sh"] == "100755"
        listed = [line.partition("\t")[2] for line in git_repo.git("ls-files", "--stage").splitlines()]
        assert [path for _, path in repo.stage_entries()] == listed
