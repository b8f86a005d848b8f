"""Ids are never reused across history, but an example entry in a code block (or in prose) is not an id."""

from readiness.cli import main
from readiness.core.blockers import log as blockers
from readiness.core.repo import open_repository

EXAMPLE = "# shop\n\n```markdown\n## Blockers\n\n- [ ] **B7** · build · 2026-01-01 · an example\n```\n"


def test_fenced_example_ids_do_not_raise_the_next_id(git_repo, capsys):
    git_repo.write("README.md", EXAMPLE + "\nThe log mentions **B40** in prose.\n")
    git_repo.commit("docs with an example entry")
    assert main(["blocker", "add", "--repo", str(git_repo.path), "--class", "build", "--summary", "first"]) == 0
    assert capsys.readouterr().out.strip() == "B1"


def test_an_entry_removed_from_the_readme_keeps_its_id_taken(git_repo, capsys):
    git_repo.write("README.md", "# shop\n")
    git_repo.commit("readme")
    for summary in ("one", "two", "three"):
        assert main(["blocker", "add", "--repo", str(git_repo.path), "--class", "logic", "--summary", summary]) == 0
    git_repo.commit("three blockers")
    git_repo.write("README.md", "# shop\n")
    git_repo.commit("someone deleted the log")
    (git_repo.path / ".git" / "readiness" / "blockers.json").unlink()  # a fresh clone has no local record
    with open_repository(git_repo.path) as repo:
        assert blockers.highest_in_history(repo, "README.md") == 3
    capsys.readouterr()
    assert main(["blocker", "add", "--repo", str(git_repo.path), "--class", "logic", "--summary", "four"]) == 0
    assert capsys.readouterr().out.strip() == "B4"
