"""A linked worktree (`.git` is a file): root, branch, base and changes are those of the worktree."""

from __future__ import annotations

from readiness.core.repo import open_repository


def test_linked_worktree_is_read_on_its_own(git_repo, tmp_path):
    git_repo.write("a.py", "one\ntwo\n")
    git_repo.commit("initial")
    worktree = tmp_path / "wt"
    git_repo.git("worktree", "add", "-q", "-b", "feature", str(worktree))
    wt = type(git_repo)(worktree)
    wt.write("a.py", "one\nTWO\n")
    wt.write("new.py", "x\n")
    assert (worktree / ".git").is_file()
    with open_repository(worktree) as repo:
        assert repo.root == worktree.resolve()
        assert repo.git_dir == (git_repo.path / ".git" / "worktrees" / "wt").resolve()
        assert repo.branch == "feature"
        assert repo.base == "main"
        assert {p: c.lines for p, c in repo.changes().items()} == {"a.py": frozenset({2}), "new.py": None}
        assert repo.read("a.py", 100).text == "one\nTWO\n"
    with open_repository(git_repo.path) as main:
        assert main.branch == "main"
        assert main.changes() == {}
