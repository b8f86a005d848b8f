"""The methodology's checkpoint rhythm, from git: how old the branch is and what should be true by now.

"Recommended checkpoints for a medium feature: T0: Charter + contracts; T+1d: Core logic + happy path test; T+2d:
Persistence + external integration; T+3d: Edge cases + observability; T+4d: Rollout + docs + performance pass."

T0 is the branch's first commit after the merge-base (author date: when the work began, not when it was rebased).
`rhythm_of` is pure (the caller passes the clock); `branch_start` asks git.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readiness.core.repo import Repository

CHECKPOINTS = (
    ("T0", "Charter + contracts"),
    ("T+1d", "Core logic + happy path test"),
    ("T+2d", "Persistence + external integration"),
    ("T+3d", "Edge cases + observability"),
    ("T+4d", "Rollout + docs + performance pass"),
)
_DAY = 86400


@dataclass(frozen=True, slots=True)
class Rhythm:
    """Where the branch stands: `age_s` since T0 (None: no commit on the branch yet), the checkpoint reached, what
    the methodology expects to be true by now (every checkpoint up to it) and the next one."""

    age_s: int | None
    checkpoint: str
    expected: tuple[str, ...]
    next: tuple[str, str] | None

    def short(self) -> str:
        """One line for a panel: `checkpoint T+1d, 1 d 5 h in: Core logic + happy path test` (the age since the
        branch's first commit, and what is due by now); past the last checkpoint the age is said as "4 d+" (what
        matters stops changing)."""
        if self.age_s is None:
            return ""
        days, rest = divmod(self.age_s, _DAY)
        last = len(CHECKPOINTS) - 1
        when = f"{last} d+" if days >= last else f"{f'{days} d ' if days else ''}{rest // 3600} h"
        return f"checkpoint {self.checkpoint}, {when} in: {self.expected[-1]}"

    def sentence(self) -> str:
        """`checkpoint T+2d (branch started 2 d 5 h ago): by now Charter + contracts; …; next T+3d: …`."""
        if self.age_s is None:
            when = "no commit on the branch yet"
        else:
            days, rest = divmod(self.age_s, _DAY)
            when = f"branch started {f'{days} d ' if days else ''}{rest // 3600} h ago"
        line = f"checkpoint {self.checkpoint} ({when}): by now {'; '.join(self.expected)}"
        if self.next is not None:
            line += f"; next {self.next[0]}: {self.next[1]}"
        return line


def rhythm_of(started: int | None, now: datetime) -> Rhythm:
    """The rhythm for a branch whose first commit is at `started` (a Unix time; None: no commit yet)."""
    age = None if started is None else max(int(now.timestamp()) - started, 0)
    reached = 0 if age is None else min(age // _DAY, len(CHECKPOINTS) - 1)
    following = CHECKPOINTS[reached + 1] if reached + 1 < len(CHECKPOINTS) else None
    return Rhythm(age, CHECKPOINTS[reached][0], tuple(goal for _, goal in CHECKPOINTS[:reached + 1]), following)


def branch_start(repo: Repository) -> int | None:
    """The author time of the branch's first commit after the merge-base (None: no merge-base or no commit)."""
    if not repo.head or not repo.merge_base or repo.merge_base == repo.head:
        return None
    out = repo.git("log", "--reverse", "--format=%at", f"{repo.merge_base}..{repo.head}").split()
    return int(out[0]) if out and out[0].isdigit() else None


def current(repo: Repository, now: datetime | None = None) -> Rhythm:
    return rhythm_of(branch_start(repo), now or datetime.now(UTC))
