"""The methodology's checkpoint rhythm (T0 … T+4d) from the branch's first commit after the merge-base."""

from datetime import UTC, datetime

from readiness.core.checklists.rhythm import branch_start, rhythm_of
from readiness.core.repo import open_repository

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
HOUR = 3600


def test_no_commit_yet_is_t0():
    rhythm = rhythm_of(None, NOW)
    assert rhythm.checkpoint == "T0" and rhythm.age_s is None
    assert rhythm.sentence() == ("checkpoint T0 (no commit on the branch yet): by now Charter + contracts; "
                                 "next T+1d: Core logic + happy path test")


def test_two_days_and_five_hours_expects_three_checkpoints():
    rhythm = rhythm_of(int(NOW.timestamp()) - 2 * 24 * HOUR - 5 * HOUR, NOW)
    assert rhythm.checkpoint == "T+2d"
    assert rhythm.expected == ("Charter + contracts", "Core logic + happy path test",
                               "Persistence + external integration")
    assert rhythm.next == ("T+3d", "Edge cases + observability")
    assert "branch started 2 d 5 h ago" in rhythm.sentence()


def test_after_four_days_everything_is_expected_and_nothing_is_next():
    rhythm = rhythm_of(int(NOW.timestamp()) - 9 * 24 * HOUR, NOW)
    assert rhythm.checkpoint == "T+4d" and len(rhythm.expected) == 5 and rhythm.next is None
    assert rhythm_of(int(NOW.timestamp()) + HOUR, NOW).checkpoint == "T0"  # a clock behind the commit: T0


def test_branch_start_is_the_first_commit_after_the_merge_base(git_repo):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    repo = open_repository(git_repo.path, "main")
    try:
        assert branch_start(repo) is None  # nothing committed on the branch yet
    finally:
        repo.close()
    git_repo.write("a.py", "x = 2\n")
    git_repo.commit("first")
    git_repo.write("a.py", "x = 3\n")
    git_repo.commit("second")
    first = int(git_repo.git("log", "--reverse", "--format=%at", "main..HEAD").split()[0])
    repo = open_repository(git_repo.path, "main")
    try:
        assert branch_start(repo) == first
    finally:
        repo.close()


def test_the_short_line_names_the_checkpoint_its_age_and_what_is_due_and_stops_changing_after_t4():
    from datetime import UTC, datetime

    from readiness.core.checklists.rhythm import rhythm_of

    now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    start = int(now.timestamp())
    young = rhythm_of(start - (86400 + 5 * 3600), now).short()
    assert young == "checkpoint T+1d, 1 d 5 h in: Core logic + happy path test"
    old = rhythm_of(start - 40 * 86400, now).short()
    assert old == rhythm_of(start - 400 * 86400, now).short()  # past T+4d the line no longer changes
    assert old == "checkpoint T+4d, 4 d+ in: Rollout + docs + performance pass"
    assert rhythm_of(None, now).short() == ""  # no commit on the branch: nothing to say
