"""readiness.core.blockers.log.log_blocker: the one way a blocker is logged (`readiness blocker add`, triage, the TUI).
It writes the README, takes ids above this clone's record and the README's git history, and returns its warnings
as data: nothing is printed."""

from __future__ import annotations

from readiness.core.blockers import log as blockers
from readiness.core.repo import open_repository


def _log(path, summary: str):
    with open_repository(path) as repo:
        return blockers.log_blocker(repo, "README.md", blockers.NewBlocker("build", summary).cleaned(), "2026-11-26")


def test_logs_the_entry_records_the_id_and_prints_nothing(capsys, git_repo):
    git_repo.write("README.md", "# demo\n")
    git_repo.commit("readme")
    blocker, warnings = _log(git_repo.path, "pytest collection fails")
    assert (blocker.id, warnings) == ("B1", [])
    assert "- [ ] **B1** · build · 2026-11-26 · pytest collection fails\n" in (git_repo.path / "README.md").read_text()
    assert blockers.load_floor(git_repo.path / ".git") == (1, [])
    assert capsys.readouterr() == ("", "")


def test_an_id_seen_only_in_the_readme_history_is_never_handed_out_again(capsys, git_repo):
    git_repo.write("README.md", "# demo\n\n## Blockers\n\n- [ ] **B7** · logic · 2026-11-20 · gone since\n")
    git_repo.commit("a blocker")
    git_repo.write("README.md", "# demo\n\n## Blockers\n")
    git_repo.commit("removed by hand")
    with open_repository(git_repo.path) as repo:
        assert blockers.id_floor(repo, "README.md") == (7, [])
    assert _log(git_repo.path, "next one")[0].id == "B8"


def test_an_unreadable_id_record_is_a_returned_warning(capsys, git_repo):
    git_repo.write("README.md", "# demo\n")
    git_repo.commit("readme")
    record = git_repo.path / ".git" / "readiness" / "blockers.json"
    record.parent.mkdir(parents=True)
    record.write_bytes(b"{not json")
    blocker, warnings = _log(git_repo.path, "flaky network")
    assert blocker.id == "B1"
    assert len(warnings) == 1 and warnings[0].startswith("ignoring unreadable ")
    assert capsys.readouterr() == ("", "")
