"""The methodology's flakiness deadlines, from `git blame`: a flaky marker older than 72 hours fails the merge checklist.

"Any flaky test must be: 1. Quarantined via marker `@pytest.mark.flaky` within 24h; 2. Issue created with
reproduction details; 3. Fixed or removed within 72h" (6.1 Flakiness Policy). The age of a marker is the author
time of the line that carries it (a line not committed yet is new). A marker without an issue reference is the
`missing-test/flaky-quarantine` finding (it warns); this module adds the deadline, as the change signal
`flaky-overdue` that the merge item reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from readiness.core.names import shown_name

if TYPE_CHECKING:
    from readiness.core.repo import Repository
    from readiness.core.scan.base import SourceFile

DEADLINE_H = 72
MAX_MARKERS = 50  # blamed per run (a large --all run): the first ones decide the item
_FLAKY = re.compile(r"^\s*@[\w.]*\b[Ff]laky\w*|^\s*pytestmark\b.*\bflaky\b|\bflaky\s*=\s*True|"
                    r"^\s*@Tag\(\s*\"flaky\"|\bjest\.retryTimes\(|\bskip\w*\(.*\bflaky\b", re.I)


def markers(files: Iterable[SourceFile]) -> list[tuple[str, int]]:
    """(path, line) of every flaky marker in the test files given (all their lines, not only changed ones)."""
    out: list[tuple[str, int]] = []
    for source in files:
        if not source.is_test or "laky" not in source.text and "retryTimes" not in source.text:
            continue
        out += [(source.path, n) for n, text in enumerate(source.lines, start=1) if _FLAKY.search(text)]
    return out[:MAX_MARKERS]


def author_time(repo: Repository, path: str, line: int) -> int | None:
    """The author time of one line of the work-tree file (None: git cannot say, e.g. an untracked file)."""
    out = repo.git("blame", "--line-porcelain", "-L", f"{line},{line}", "--", path, ok=(0, 128))
    for row in out.splitlines():
        if row.startswith("author-time "):
            value = row.split(" ", 1)[1].strip()
            return int(value) if value.isdigit() else None
    return None


def overdue(repo: Repository, files: Iterable[SourceFile], now: datetime) -> dict[str, str]:
    """{"flaky-overdue": "tests/x.py:12 marked flaky 5 d ago …"} when a marker is older than the deadline, else {}."""
    return overdue_at(repo, markers(files), now)


def overdue_at(repo: Repository, found: Iterable[tuple[str, int]], now: datetime) -> dict[str, str]:
    """`overdue` of the markers found before (`markers`; a cached scan keeps them)."""
    for path, line in found:
        when = author_time(repo, path, line)
        if when is None:
            continue
        hours = (now.timestamp() - when) / 3600
        if hours > DEADLINE_H:
            return {"flaky-overdue": f"{shown_name(path)}:{line} marked flaky {int(hours // 24)} d {int(hours % 24)} h ago, "
                                     f"past the {DEADLINE_H} h deadline to fix or remove it"}
    return {}
