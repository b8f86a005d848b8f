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


def test_an_edit_git_status_does_not_look_at_still_changes_the_key(git_repo):
    """assume-unchanged and skip-worktree entries: git status never compares them, so the tree state reads their
    work-tree bytes (a review found a removed stub still reported from the scan cache)."""
    from readiness.core.pipeline.run import CheckOptions, run_check

    git_repo.write("README.md", "# r\n## Usage\nx\n## Troubleshooting\ny\n")
    git_repo.write("pkg/a.py", "def stub():\n    raise NotImplementedError\n")
    git_repo.write("pkg/b.py", "def other():\n    raise NotImplementedError\n")
    git_repo.commit("stubs")
    for flag, path in (("--assume-unchanged", "pkg/a.py"), ("--skip-worktree", "pkg/b.py")):
        with open_repository(git_repo.path) as repo:
            before = tree_state(repo)
        report = run_check(CheckOptions(repo=str(git_repo.path), scope="all"))  # kept in the scan cache
        assert any(f.path == path and f.category == "todo-throw" for f in report.findings)
        git_repo.git("update-index", flag, path)
        git_repo.write(path, "def done():\n    return 1\n")
        with open_repository(git_repo.path) as repo:
            assert path in repo.hidden_entries() and tree_state(repo) != before
        cached = run_check(CheckOptions(repo=str(git_repo.path), scope="all"))
        fresh = run_check(CheckOptions(repo=str(git_repo.path), scope="all", use_cache=False))
        assert [f.id for f in cached.findings] == [f.id for f in fresh.findings]
        assert not any(f.path == path and f.category == "todo-throw" for f in cached.findings)


def test_a_one_shot_run_states_the_tree_once_a_long_lived_repository_every_time(git_repo):
    """The scan cache's key and the gates' keys both need the tree state: one `git status` per check, but the TUI's
    repository (no snapshot) sees a new file at once."""
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("one")
    with open_repository(git_repo.path) as repo:
        repo.snapshot = True
        first = tree_state(repo)
        git_repo.write("new.py", "y = 2\n")
        assert tree_state(repo) is first  # kept for the rest of the run
        repo.snapshot = False
        assert "new.py" in dict(tree_state(repo).entries)  # asked again
