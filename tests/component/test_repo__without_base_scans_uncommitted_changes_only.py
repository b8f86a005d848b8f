"""No base branch anywhere: base is None, a note suggests --base, and the changes are the uncommitted ones."""

from __future__ import annotations

from readiness.core.repo import open_repository


def test_no_base_means_uncommitted_changes_only(make_git_repo):
    git_repo = make_git_repo(branch="feature/lonely")
    git_repo.write("committed.py", "a = 1\nb = 2\n")
    git_repo.write("edited.py", "one\ntwo\nthree\n")
    git_repo.commit("work")
    git_repo.write("edited.py", "one\nTWO\nthree\n")
    git_repo.write("new.py", "fresh\n")
    with open_repository(git_repo.path) as repo:
        assert repo.branch == "feature/lonely"
        assert repo.base is None and repo.merge_base is None
        assert repo.head == git_repo.git("rev-parse", "HEAD").strip()
        note = next(note for note in repo.notes if "no base branch found" in note)
        assert "--base" in note
        changes = repo.changes()
    assert sorted(changes) == ["edited.py", "new.py"]
    assert changes["edited.py"].lines == frozenset({2})
    assert changes["new.py"].status == "?" and changes["new.py"].lines is None


def test_on_the_base_itself_only_uncommitted_changes_count(git_repo):
    git_repo.write("a.py", "a\nb\n")
    git_repo.commit("initial")
    git_repo.write("a.py", "a\nb\nc\n")
    with open_repository(git_repo.path) as repo:
        assert repo.base == "main"
        assert repo.merge_base == repo.head
        assert any("the changes are the uncommitted ones" in note for note in repo.notes_for("diff"))
        assert not any("the changes are the uncommitted ones" in note for note in repo.notes_for("all"))
        assert {p: c.lines for p, c in repo.changes().items()} == {"a.py": frozenset({3})}
