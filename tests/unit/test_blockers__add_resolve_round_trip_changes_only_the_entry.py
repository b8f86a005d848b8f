"""Round trip over generated READMEs: adding inserts whole lines and nothing else, resolving changes the entry's
first line (and adds its note), resolving again changes nothing, adding again is refused. Every other byte — BOM,
CRLF/LF/mixed endings, tabs, a missing final newline — stays as it was."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.core.blockers import log as blockers
from readiness.core.errors import ReadmeError

WORDS = st.sampled_from(["alpha", "beta", "Blockers", "blockers", "code", "x", "tab\there", "trailing  ", "#", "-",
                         "*", "1.", ">", "·", "B3", "**B2**", "[ ]", "_u_", "é", "日本"])
TEXT = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)


def _block(kind: str, text: str) -> list[str]:
    return {
        "para": [text],
        "h1": [f"# {text}"],
        "h2": [f"## {text}"],
        "h2blockers": ["## Blockers"],
        "setext": ["Blockers", "--------"],
        "fence": ["```", "## Blockers", text, "```"],
        "tilde": ["~~~ md", "## Blockers", "~~~"],
        "indented": ["    ## Blockers"],
        "quote": ["> ## Blockers", f"> {text}"],
        "list": ["- ## Blockers", f"- {text}"],
        "comment": ["<!--", "## Blockers", "-->"],
        "entry": ["- [ ] **B4** · logic · 2025-01-01 · existing one", "  - Scope: small"],
        "resolved": ["- [x] **B2** · build · 2025-01-01 · done already (resolved 2025-02-01)"],
        "tabs": ["\tindented\twith tabs", "  two spaces  "],
        "blank": [""],
    }[kind]


BLOCK = st.tuples(st.sampled_from(["para", "h1", "h2", "h2blockers", "setext", "fence", "tilde", "indented",
                                   "quote", "list", "comment", "entry", "resolved", "tabs", "blank"]), TEXT)


@st.composite
def readmes(draw) -> bytes:
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["---", "title: Blockers", "---"]
    for kind, text in draw(st.lists(BLOCK, max_size=10)):
        lines += _block(kind, text)
        if draw(st.booleans()):
            lines.append("")
    style = draw(st.sampled_from(["\n", "\r\n", "mixed"]))
    endings = [draw(st.sampled_from(["\n", "\r\n"])) if style == "mixed" else style for _ in lines]
    text = "".join(line + end for line, end in zip(lines, endings, strict=True))
    if text and draw(st.booleans()):
        text = text[:-2] if text.endswith("\r\n") else text[:-1]  # no final newline
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8")


NEW = blockers.NewBlocker("integration", "staging API times out", details="only from CI", scope="mock it",
                          follow_up="real staging run", next="pkg/report.py")
ENTRY = ["- [ ] **B{n}** · integration · 2026-11-26 · staging API times out", "  - Details: only from CI",
         "  - Scope: mock it", "  - Follow-up: real staging run", "  - Next: pkg/report.py"]


def _split(text: str) -> list[str]:
    return blockers.split_lines(text)


def _inserted(old: str, new: str) -> list[str]:
    """The lines `new` adds to `old`, asserting it adds whole lines at one place and changes nothing else."""
    if new.startswith(old):  # appended at the end (the old last line may only gain its line ending)
        rest = new[len(old):]
        if old and not old.endswith(("\n", "\r")):
            assert rest[:1] in ("\n", "\r")
            rest = rest[2:] if rest.startswith("\r\n") else rest[1:]
            assert not rest.endswith(("\n", "\r")), "a file without a final newline keeps having none"
        return [line.rstrip("\r\n") for line in _split(rest)]
    old_lines, new_lines = _split(old), _split(new)
    extra = len(new_lines) - len(old_lines)
    at = next(i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b)
    assert new_lines[:at] == old_lines[:at]
    assert new_lines[at + extra:] == old_lines[at:]
    return [line.rstrip("\r\n") for line in new_lines[at:at + extra]]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=readmes(), note=st.sampled_from([None, "pinned the server", "tab\tand  spaces"]))
def test_add_then_resolve_changes_exactly_the_expected_lines(raw: bytes, note: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "README.md"
        path.write_bytes(raw)
        readme = blockers.read_readme(root)
        doc = readme.document()
        try:
            text, entry = blockers.add_entry(doc, NEW, today="2026-11-26")
        except ReadmeError as exc:
            # Refusals are allowed only where an append could not stay a list item: a section ending in an unclosed
            # block, or text right after the section that would fold into the new item (the post-write check).
            assert "never closed" in str(exc) or "would not come back as a Blockers list item" in str(exc)
            assert path.read_bytes() == raw
            return
        blockers.write_readme(readme, text)
        added = path.read_bytes()
        assert added.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")
        old_text = readme.text
        inserted = _inserted(old_text, text)
        expected = [line.format(n=entry.number) for line in ENTRY]
        assert [line for line in inserted if line not in ("", "## Blockers")] == expected
        assert inserted.count("## Blockers") == (1 if doc.section is None else 0)
        assert entry.number == max(doc.highest, 0) + 1
        endings = {line[len(line.rstrip("\r\n")):] for line in _split(old_text)} - {""} or {"\n"}
        assert {line[len(line.rstrip("\r\n")):] for line in _split(text)} - {""} <= endings

        # resolve: the first line is ticked and dated; the note is one more line
        readme2 = blockers.read_readme(root)
        resolved_text, done, changed = blockers.resolve_entry(readme2.document(), entry.number, today="2026-11-27",
                                                              note=note)
        assert changed and done.resolved == "2026-11-27"
        before, after = _split(text), _split(resolved_text)
        assert len(after) == len(before) + (1 if note else 0)
        changed_lines = [i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
        assert changed_lines[0] == entry.line
        first = after[entry.line]
        assert first.rstrip("\r\n") == expected[0].replace("[ ]", "[x]", 1) + " (resolved 2026-11-27)"
        if note:
            assert _inserted(text, resolved_text.replace(first, before[entry.line], 1)) == [
                f"  - Resolution: {' '.join(note.split())}"]
        else:
            assert changed_lines == [entry.line]
        blockers.write_readme(readme2, resolved_text)

        # idempotent: resolving again changes nothing; adding the same blocker again is refused
        readme3 = blockers.read_readme(root)
        again, _, changed = blockers.resolve_entry(readme3.document(), entry.number, today="2026-11-28")
        assert not changed and again == readme3.text
        assert blockers.write_readme(readme3, again) is False
        added_again, second = blockers.add_entry(readme3.document(), NEW, today="2026-11-28")
        assert second.number == entry.number + 1  # resolved ones are not duplicates: a new id, never a reused one
        with pytest.raises(ReadmeError, match="already logs"):
            blockers.add_entry(blockers.parse(added_again), NEW, today="2026-11-28")


@pytest.mark.parametrize(("raw", "expected"), [
    (b"# T\r\n\r\ntext\r\n",
     b"# T\r\n\r\ntext\r\n\r\n## Blockers\r\n\r\n- [ ] **B1** \xc2\xb7 logic \xc2\xb7 2026-11-26 \xc2\xb7 x\r\n"),
    (b"# T\n\ntext",
     b"# T\n\ntext\n\n## Blockers\n\n- [ ] **B1** \xc2\xb7 logic \xc2\xb7 2026-11-26 \xc2\xb7 x"),
    (b"\xef\xbb\xbf# T\n",
     b"\xef\xbb\xbf# T\n\n## Blockers\n\n- [ ] **B1** \xc2\xb7 logic \xc2\xb7 2026-11-26 \xc2\xb7 x\n"),
    (b"# T\n\n## Blockers\n\n## Usage\n\tcode\twith tabs\n",
     b"# T\n\n## Blockers\n\n- [ ] **B1** \xc2\xb7 logic \xc2\xb7 2026-11-26 \xc2\xb7 x\n\n## Usage\n\tcode\twith tabs\n"),
    (b"# T\n\n## Blockers\n## Usage\n",
     b"# T\n\n## Blockers\n\n- [ ] **B1** \xc2\xb7 logic \xc2\xb7 2026-11-26 \xc2\xb7 x\n\n## Usage\n"),
    (b"## Blockers\n\nNone so far.\n\n\n## Usage\n",
     b"## Blockers\n\nNone so far.\n\n- [ ] **B1** \xc2\xb7 logic \xc2\xb7 2026-11-26 \xc2\xb7 x\n\n## Usage\n"),
    (b"## Blockers\r\n\r\n- [ ] **B1** \xc2\xb7 build \xc2\xb7 2026-01-01 \xc2\xb7 a\r\n",
     b"## Blockers\r\n\r\n- [ ] **B1** \xc2\xb7 build \xc2\xb7 2026-01-01 \xc2\xb7 a\r\n"
     b"- [ ] **B2** \xc2\xb7 logic \xc2\xb7 2026-11-26 \xc2\xb7 x\r\n"),
    (b"", b"## Blockers\n\n- [ ] **B1** \xc2\xb7 logic \xc2\xb7 2026-11-26 \xc2\xb7 x\n"),
])
def test_byte_exact_examples(tmp_path: Path, raw: bytes, expected: bytes) -> None:
    (tmp_path / "README.md").write_bytes(raw)
    readme = blockers.read_readme(tmp_path)
    text, _ = blockers.add_entry(readme.document(), blockers.NewBlocker("logic", "x"), today="2026-11-26")
    blockers.write_readme(readme, text)
    assert (tmp_path / "README.md").read_bytes() == expected


def test_resolve_keeps_tabs_and_crlf_and_adds_note_with_the_entry_indent(tmp_path: Path) -> None:
    raw = b"## Blockers\r\n\r\n-\t[ ] **B1** \xc2\xb7 build \xc2\xb7 2026-01-01 \xc2\xb7 a\t\r\n    - Scope: s\r\n\r\n## Next\r\n"
    (tmp_path / "README.md").write_bytes(raw)
    readme = blockers.read_readme(tmp_path)
    text, _, _ = blockers.resolve_entry(readme.document(), 1, today="2026-11-27", note="done")
    blockers.write_readme(readme, text)
    assert (tmp_path / "README.md").read_bytes() == (
        b"## Blockers\r\n\r\n-\t[x] **B1** \xc2\xb7 build \xc2\xb7 2026-01-01 \xc2\xb7 a (resolved 2026-11-27)\r\n"
        b"    - Scope: s\r\n \t- Resolution: done\r\n\r\n## Next\r\n")


def test_missing_readme_is_created_with_a_title(tmp_path: Path) -> None:
    readme = blockers.read_readme(tmp_path)
    assert not readme.exists
    text, entry = blockers.add_entry(readme.document(), blockers.NewBlocker("build", "no wheel for 3.13"),
                                     today="2026-11-26", title="my_project")
    blockers.write_readme(readme, text)
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == (
        "# my_project\n\n## Blockers\n\n- [ ] **B1** · build · 2026-11-26 · no wheel for 3.13\n")
    assert entry.id == "B1"
