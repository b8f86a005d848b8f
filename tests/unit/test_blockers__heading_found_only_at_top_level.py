"""The `## Blockers` heading is found by parsing Markdown: look-alikes in code, quotes, lists, comments and front
matter never count (reliability-anchors §5 table), and an edit never lands inside them."""

from __future__ import annotations

import pytest

from readiness.core.blockers import log as blockers
from readiness.core.errors import ReadmeError

NEW = blockers.NewBlocker("logic", "rounding differs on refunds")


def add(text: str) -> str:
    return blockers.add_entry(blockers.parse(text), NEW, today="2026-11-26")[0]


@pytest.mark.parametrize("text", [
    "```\n## Blockers\n```\n",
    "~~~\n## Blockers\n~~~\n",
    "    ## Blockers\n",
    "<!--\n## Blockers\n-->\n",
    "> ## Blockers\n",
    "- ## Blockers\n",
    "1. ## Blockers\n",
    "---\ntitle: x\n---\n",
    "---\n## Blockers\n---\n",
    "# Blockers\n",
    "### Blockers\n",
    "## Blockers and more\n",
    "**Blockers**\n",
])
def test_look_alikes_are_not_the_section(text: str) -> None:
    doc = blockers.parse(text)
    assert doc.section is None
    new = add(text)
    assert new.startswith(text)  # the original stays as it was, the section is appended after it
    assert new.count("- [ ] **B1**") == 1
    after = blockers.parse(new)
    assert after.section is not None and after.section.heading > text.count("\n") - 1
    assert [b.id for b in after.blockers] == ["B1"]


@pytest.mark.parametrize(("text", "heading_line"), [
    ("## Blockers\n", 0),
    ("## Blockers ##\n", 0),
    ("   ## Blockers\n", 0),
    ("## blockers\n", 0),
    ("##   BLOCKERS   \n", 0),
    ("intro\n\nBlockers\n--------\n", 2),
    ("# T\r\n\r\n## Blockers\r\n", 2),
    ("---\ntitle: x\n---\n# T\n\n## Blockers\n", 5),
    ("```\n## Blockers\n```\n\n## Blockers\n", 4),
])
def test_real_headings_are_found(text: str, heading_line: int) -> None:
    doc = blockers.parse(text)
    assert doc.section is not None
    assert doc.section.heading == heading_line
    new = add(text)
    assert new.startswith(text.rstrip("\r\n"))
    after = blockers.parse(new)
    assert after.headings == doc.headings  # no second section was created
    assert after.section.heading == heading_line
    assert [b.id for b in after.blockers] == ["B1"]


def test_setext_heading_section_starts_after_its_underline() -> None:
    doc = blockers.parse("Blockers\n--------\n- [ ] **B2** · build · 2026-01-01 · x\n")
    assert doc.section.start == 2
    assert [b.id for b in doc.blockers] == ["B2"]


def test_entries_outside_the_section_are_not_entries_but_their_ids_count() -> None:
    text = ("# T\n\n- [ ] **B9** · build · 2026-01-01 · elsewhere\n\n## Blockers\n\n"
            "- [ ] **B1** · build · 2026-01-01 · here\n\n## Later\n\n- [ ] **B4** · logic · 2026-01-01 · later\n")
    doc = blockers.parse(text)
    assert [b.id for b in doc.blockers] == ["B1"]
    assert doc.highest == 9


def test_section_ends_at_next_h1_or_h2_but_not_at_h3() -> None:
    text = ("## Blockers\n\n- [ ] **B1** · build · 2026-01-01 · a\n\n### Notes\n\n- [ ] **B2** · build · 2026-01-01 · b\n"
            "\n# Next\n")
    doc = blockers.parse(text)
    assert [b.id for b in doc.blockers] == ["B1", "B2"]
    assert doc.lines[doc.section.end].startswith("# Next")


def test_several_sections_use_the_first_and_warn_with_line_numbers() -> None:
    text = "## Blockers\n\n- [ ] **B1** · build · 2026-01-01 · a\n\n## Blockers\n\n- [ ] **B7** · build · 2026-01-01 · z\n"
    doc = blockers.parse(text)
    assert doc.section.heading == 0
    assert [b.id for b in doc.blockers] == ["B1"]
    assert any("lines 1, 5" in w for w in doc.warnings)
    new, entry = blockers.add_entry(doc, NEW, today="2026-11-26")
    assert entry.id == "B8"  # ids in the second section still count: never reused
    assert new.index("**B8**") < new.index("## Blockers", 1)


@pytest.mark.parametrize("text", [
    "# T\n\n```\ncode\n",
    "# T\n\n~~~~\ncode\n~~~\n",
    "# T\n\n```\n",
    "# T\n\n## Blockers\n\n```python\nx = 1\n",
    "# T\n\n<!--\nnot closed\n",
    "# T\n\n<pre>\nnot closed\n",
])
def test_unclosed_block_that_would_swallow_the_entry_is_refused(text: str) -> None:
    with pytest.raises(ReadmeError, match="never closed"):
        add(text)


def test_unclosed_fence_after_the_section_does_not_block_adding_to_it() -> None:
    text = "## Blockers\n\n- [ ] **B1** · build · 2026-01-01 · a\n\n## Code\n\n```\nunclosed\n"
    new = add(text)
    assert new == text.replace("a\n", "a\n- [ ] **B2** · logic · 2026-11-26 · rounding differs on refunds\n", 1)


def test_nul_in_a_heading_is_not_blockers() -> None:
    assert blockers.parse("## Block\0ers\n").section is None


def test_entry_lines_that_do_not_parse_are_skipped_with_a_warning_but_keep_their_id() -> None:
    doc = blockers.parse("## Blockers\n\n- [ ] **B3** build, no separators\n- [ ] **B1** · build · 2026-01-01 · ok\n")
    assert [b.id for b in doc.blockers] == ["B1"]
    assert doc.highest == 3
    assert any("B3" in w for w in doc.warnings)
