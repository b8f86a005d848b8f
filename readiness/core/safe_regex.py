"""Regular expressions that come from the repository (`secret_allowlist`, a checklist's `changed_text`), with a budget.

A cloned repository chooses these patterns, so one of them may backtrack catastrophically (`(.*a){20}z` takes
minutes on a 28-character line with Python's `re`). They run on the `regex` engine, which accepts the same syntax as
`re` (lookarounds and back-references included, which linear-time engines such as RE2 refuse) and can stop a search
after a timeout. Each pattern has a budget per search and a budget for the whole run; the first search that runs out
marks the pattern `slow`, and a slow pattern is not used again in the run (it matches nothing): the caller reports
it (`slow_message`) instead of waiting on it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import regex

SEARCH_BUDGET_S = 0.25  # one search
TOTAL_BUDGET_S = 2.0  # every search of one pattern in one run


def _engine() -> Any:
    """The `regex` module, imported on first use (about 60 ms: only runs with such patterns pay it)."""
    import regex

    return regex


class PatternError(ValueError):
    """The pattern does not compile; the message says why."""


def check(pattern: str) -> str | None:
    """Why `pattern` does not compile, or None when it does."""
    regex = _engine()
    try:
        regex.compile(pattern)
    except (regex.error, OverflowError, RecursionError, ValueError) as exc:
        return str(exc)
    return None


@dataclass(slots=True)
class BoundedPattern:
    """One repository-supplied pattern with its time budget. `search` never runs longer than the budget."""

    source: str
    compiled: regex.Pattern[str]
    search_budget: float = SEARCH_BUDGET_S
    total_budget: float = TOTAL_BUDGET_S
    spent: float = 0.0
    slow: bool = field(default=False)

    def search(self, text: str) -> bool:
        """True when the pattern matches somewhere in `text`; False when it does not or is (now) slow."""
        if self.slow:
            return False
        budget = min(self.search_budget, self.total_budget - self.spent)
        if budget <= 0:
            self.slow = True
            return False
        start = time.monotonic()
        try:
            found = self.compiled.search(text, timeout=budget) is not None
        except TimeoutError:
            self.slow = True
            found = False
        self.spent += time.monotonic() - start
        return found


def compile_bounded(pattern: str, *, search_budget: float = SEARCH_BUDGET_S,
                    total_budget: float = TOTAL_BUDGET_S) -> BoundedPattern:
    """Compile a repository-supplied pattern; PatternError (with the reason) when it does not compile."""
    regex = _engine()
    try:
        compiled = regex.compile(pattern)
    except (regex.error, OverflowError, RecursionError, ValueError) as exc:
        raise PatternError(str(exc)) from None
    return BoundedPattern(pattern, compiled, search_budget, total_budget)


def slow_message(setting: str, pattern: BoundedPattern) -> str:
    """The one line that reports a pattern stopped for taking too long."""
    shown = pattern.source if len(pattern.source) <= 60 else pattern.source[:57] + "…"
    return (f"{setting} pattern {shown!r} took longer than its time budget ({pattern.search_budget:g} s per line, "
            f"{pattern.total_budget:g} s per run) and was not used for the rest of this run: simplify it "
            "(no nested repetition such as `(.*a)+` or `(a|aa)+`)")
