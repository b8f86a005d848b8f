"""Ids: one more than the highest ever used (README, this clone's record, git history). Entry text: one line,
Markdown escaped, so whatever the user types comes back as the same text and the list keeps its structure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from readiness.core.blockers import log as blockers
from readiness.core.errors import UsageError
from readiness.core.secrets.find import find_secrets

BASE = "# T\n\n## Blockers\n\n"


def entry(n: int, summary: str = "s", box: str = " ") -> str:
    return f"- [{box}] **B{n}** · build · 2026-01-01 · {summary}\n"


def test_next_id_is_one_more_than_the_highest_not_the_count() -> None:
    doc = blockers.parse(BASE + entry(2) + entry(7, box="x") + entry(3))
    _, new = blockers.add_entry(doc, blockers.NewBlocker("logic", "n"), today="2026-11-26")
    assert new.id == "B8"


def test_removed_entry_id_is_not_reused_thanks_to_the_floor() -> None:
    doc = blockers.parse(BASE + entry(1))
    _, new = blockers.add_entry(doc, blockers.NewBlocker("logic", "n"), today="2026-11-26", floor=5)
    assert new.id == "B6"


def test_floor_is_recorded_under_the_git_dir_and_only_grows(tmp_path: Path) -> None:
    assert blockers.load_floor(tmp_path) == (0, [])
    assert blockers.save_floor(tmp_path, 4) == []
    assert blockers.save_floor(tmp_path, 2) == []
    assert blockers.load_floor(tmp_path) == (4, [])
    assert (tmp_path / "readiness" / "blockers.json").exists()


def test_corrupt_floor_file_is_ignored_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "readiness").mkdir()
    (tmp_path / "readiness" / "blockers.json").write_bytes(b"{not json")
    floor, warnings = blockers.load_floor(tmp_path)
    assert floor == 0 and "ignoring" in warnings[0]


@pytest.mark.parametrize(("text", "number"), [("B3", 3), ("b3", 3), ("3", 3), (" B12 ", 12), ("#4", 4)])
def test_ids_are_accepted_in_the_usual_spellings(text: str, number: int) -> None:
    assert blockers.parse_id(text) == number


@pytest.mark.parametrize("text", ["", "B", "BX", "B-1", "3a", "B1 B2"])
def test_bad_ids_are_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError):
        blockers.parse_id(text)


def test_duplicate_ids_in_the_readme_are_reported() -> None:
    doc = blockers.parse(BASE + entry(2) + entry(2, "again"))
    assert any("B2 appears twice" in w for w in doc.warnings)


def test_duplicate_compares_open_entries_of_the_same_class_only() -> None:
    doc = blockers.parse(BASE + entry(1, "Flaky  Import") + entry(2, "resolved one", box="x"))
    assert blockers.find_duplicate(doc, blockers.NewBlocker("build", "flaky import")).id == "B1"
    assert blockers.find_duplicate(doc, blockers.NewBlocker("logic", "flaky import")) is None
    assert blockers.find_duplicate(doc, blockers.NewBlocker("build", "resolved one")) is None


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\n## Blockers\nb", "a ## Blockers b"),
    ("x`y", "x`y"),
    ("<!-- hidden --> text", "<!-- hidden --> text"),
    ("\x1b]0;PWNED\x07 title", "]0;PWNED title"),
    ("__init__.py and snake_case", "__init__.py and snake_case"),
    ("**bold** [link](http://x) ![img](y)", "**bold** [link](http://x) ![img](y)"),
    ("ends with backslash \\", "ends with backslash \\"),
    ("&copy; &amp; R&D", "&copy; &amp; R&D"),
    ("tab\tand\u2028line sep\u202e", "tab and line sep"),
    ("x (resolved 2020-01-01)", "x (resolved 2020-01-01)"),
])
def test_text_is_one_line_escaped_and_reads_back_the_same(raw: str, shown: str) -> None:
    text, new = blockers.add_entry(blockers.parse(BASE), blockers.NewBlocker("logic", raw, scope=raw),
                                   today="2026-11-26")
    doc = blockers.parse(text)
    assert [(b.summary, b.scope) for b in doc.blockers] == [(shown, shown)]
    assert doc.headings == 2
    assert "\x1b" not in text and "\u202e" not in text
    assert not re.search(r"(?<!\\)[<`*\[]", text.split("· 2026-11-26 · ", 1)[1])  # all escaped
    assert len(blockers.split_lines(text)) == len(blockers.split_lines(BASE)) + 2


@settings(max_examples=300, deadline=None)
@given(summary=st.text(min_size=1, max_size=60), details=st.text(max_size=40))
def test_any_text_reads_back_as_its_sanitized_form(summary: str, details: str) -> None:
    assume(blockers.sanitize(summary))
    assume(not find_secrets(summary) and not find_secrets(details))
    text, new = blockers.add_entry(blockers.parse(BASE), blockers.NewBlocker("build", summary, details=details),
                                   today="2026-11-26")
    doc = blockers.parse(text)
    assert len(doc.blockers) == 1
    assert doc.blockers[0].summary == blockers.sanitize(summary)
    assert doc.blockers[0].details == (blockers.sanitize(details) or None)
    assert doc.headings == 2
    again, _, _ = blockers.resolve_entry(doc, 1, today="2026-11-27")
    assert blockers.parse(again).blockers[0].summary == blockers.sanitize(summary)
