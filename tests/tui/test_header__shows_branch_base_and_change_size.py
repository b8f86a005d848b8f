"""The header and verdict bar texts: where you are, how big the change is, and the scan's progress."""

from __future__ import annotations

from pathlib import Path

from readiness.tui.model import RepoSummary, Verdict
from readiness.tui.widgets.header import header_text, progress_text, verdict_text


def summary(**changes) -> RepoSummary:
    values = dict(root=Path("/src/payments"), branch="feature/refunds", head="a" * 40, base="main",
                  merge_base="3f71d89" + "0" * 33, scope="diff", files=12, added=418, removed=37, to_scan=12)
    values.update(changes)
    return RepoSummary(**values)


def test_the_header_names_the_repository_branch_base_merge_base_and_change_size():
    text = header_text(summary(), "Findings").plain
    assert text.startswith(" readiness  Findings · payments")
    assert "feature/refunds → main (merge-base 3f71d89)" in text
    assert "12 files  +418 −37" in text


def test_the_header_handles_detached_heads_no_base_and_all_files():
    assert "detached at aaaaaaa" in header_text(summary(branch=None, base=None)).plain
    assert "→" not in header_text(summary(base=None, merge_base=None)).plain
    assert "all files" in header_text(summary(scope="all")).plain
    assert "opening the repository" in header_text(None).plain


def test_the_verdict_and_progress_carry_a_symbol_with_their_colour():
    assert verdict_text(Verdict("pass", "✔ ready")).plain == "✔ ready"
    assert verdict_text(Verdict("fail", "✘ not ready: 3 failing")).plain == "✘ not ready: 3 failing"
    assert verdict_text(Verdict("running", "checking…")).plain.endswith(" checking…")
    assert progress_text(True, (61, 100), "on").plain == "reading ⟳ 61%"
    assert progress_text(True, (100, 100), "on").plain == "checking 100 files ⟳"  # the scanners' phase
    assert progress_text(False, None, "on").plain == "● live"
    assert "live updates off" in progress_text(False, None, "off: inotify limit").plain


def test_at_80_columns_the_header_keeps_the_title_and_branch_and_abbreviates_the_merge_base():
    long = summary(root=Path("/src/i16-req"), branch="feature/retry-budget", base="master")
    assert len(header_text(long, "Triage").plain) > 80  # the full form does not fit
    text = header_text(long, "Triage", width=80).plain
    assert len(text) <= 80
    assert "Triage" in text and "feature/retry-budget → master" in text and "12 files" in text
    assert "(merge-base" not in text and "@3f71d89" in text
    narrow = header_text(long, "Checklist: Ready for review", width=60).plain
    assert len(narrow) <= 60 and "Checklist: Ready for review" in narrow and "feature/retry-budget" in narrow
    assert header_text(long, "Gates", width=200).plain == header_text(long, "Gates").plain
