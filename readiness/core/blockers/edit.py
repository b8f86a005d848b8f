"""Edits of the `## Blockers` log: add an entry, resolve one. Text in, text out; the file is `readme`.

The edits are text transformations on a list of lines that keep their own line endings: only the lines of the
entry being added or resolved change, every other byte (BOM, CRLF or LF, tabs, a missing final newline) stays as
it was. Every edit is parsed again before it is written: an entry that would not come back as the same entry is
refused, not written. Nothing that looks like a secret goes in (`refuse_secrets`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from readiness.core.blockers.document import (
    Blocker,
    Document,
    clean_field,
    escape,
    is_blank,
    line_body,
    line_ending,
    parse,
    sanitize,
    shown,
)
from readiness.core.blockers.format import CLASSES, FIELDS, RESOLUTION
from readiness.core.errors import ReadmeError, UsageError
from readiness.core.secrets.find import find_secrets, mask_secrets

_CHECKBOX = re.compile(r"^( {0,3}[-*+][ \t]+)\[ \]")


# -- new entries -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NewBlocker:
    klass: str
    summary: str
    details: str | None = None
    scope: str | None = None
    follow_up: str | None = None
    next: str | None = None

    def cleaned(self) -> NewBlocker:
        if self.klass not in CLASSES:
            raise UsageError(f"unknown blocker class {self.klass!r}: use one of {', '.join(CLASSES)}")
        refuse_undecodable(self.texts())
        summary = clean_field(self.summary)
        if not summary:
            raise UsageError("the blocker needs a summary: pass --summary TEXT (one line saying what blocks you)")
        return NewBlocker(self.klass, summary, *(clean_field(getattr(self, name)) for name, _ in FIELDS))

    def texts(self) -> dict[str, str]:
        """Every user-written field, for the secret check."""
        names = ("summary", *(name for name, _ in FIELDS))
        return {name: getattr(self, name) for name in names if getattr(self, name)}


def refuse_undecodable(fields: dict[str, str]) -> None:
    """Text that arrived as invalid UTF-8 (bytes Python kept as lone surrogates) cannot go into a UTF-8 README:
    refuse it, naming the field and the first bad byte, instead of failing while writing."""
    for name, value in fields.items():
        bad = next((i for i, char in enumerate(value or "") if "\udc80" <= char <= "\udcff"), None)
        if bad is not None:
            byte = ord(value[bad]) - 0xDC00
            raise UsageError(f"the {name.replace('_', '-')} text is not valid UTF-8 (byte 0x{byte:02X} at character "
                             f"{bad + 1}): set your terminal to UTF-8 or retype it, then run the command again")


def refuse_secrets(fields: dict[str, str]) -> None:
    """Nothing that looks like a secret goes into the README: refuse, showing the text with the secret masked."""
    for name, value in fields.items():
        if value and find_secrets(value, prose=True):
            raise UsageError(f"the {name.replace('_', '-')} text looks like it contains a secret "
                             f"({mask_secrets(value)}): remove it (describe the problem, not the credential) and "
                             "run the command again")


def entry_lines(number: int, new: NewBlocker, date: str) -> list[str]:
    """The entry's lines (without endings) in the contract's format; `new` is already cleaned."""
    lines = [f"- [ ] **B{number}** · {new.klass} · {date} · {escape(new.summary)}"]
    for name, label in FIELDS:
        value = getattr(new, name)
        if value:
            lines.append(f"  - {label}: {escape(value)}")
    return lines


def find_duplicate(doc: Document | tuple[Blocker, ...], new: NewBlocker) -> Blocker | None:
    """An open entry with the same class and summary (compared without case or extra spaces), in a parsed README
    or in the entries already read from it (the triage wizard's)."""
    key = sanitize(new.summary).casefold()
    entries = doc.blockers if isinstance(doc, Document) else doc
    return next((b for b in entries if b.is_open and b.klass == new.klass
                 and sanitize(b.summary).casefold() == key), None)


def check_editable(doc: Document, label: str = "README.md") -> None:
    state = 0
    for number, line in enumerate(doc.lines, 1):
        body = line_body(line)
        if state == 0 and (body == "<" * 7 or body.startswith("<" * 7 + " ")):
            state, first = 1, number
        elif state == 1 and body == "=" * 7:
            state = 2
        elif state == 2 and (body == ">" * 7 or body.startswith(">" * 7 + " ")):
            raise ReadmeError(f"{label} has merge-conflict markers (line {first}): resolve the conflict, then "
                              "run the command again")


def _newline(lines: list[str], index: int) -> str:
    """The line ending of the nearest line above `index` that has one (else below; else LF)."""
    for near in (*range(index - 1, -1, -1), *range(index, len(lines))):
        if line_ending(lines[near]):
            return line_ending(lines[near])
    return "\n"


def _insert(lines: list[str], index: int, bodies: list[str]) -> list[str]:
    newline = _newline(lines, index)
    out = list(lines)
    block = [body + newline for body in bodies]
    if index == len(out) and out and not line_ending(out[-1]):  # no final newline: the file keeps having none
        out[-1] += newline
        block[-1] = bodies[-1]
    out[index:index] = block
    return out


def add_entry(doc: Document, new: NewBlocker, *, today: str, floor: int = 0, title: str | None = None,
              label: str = "README.md") -> tuple[str, Blocker]:
    """Append `new` to the Blockers section (created when absent) and return the new text and entry.

    `floor` is the highest id used anywhere else (state file, git history): ids are never reused.
    `title` makes a new document (`# title`) when the README does not exist yet.
    """
    new = new.cleaned()
    refuse_secrets(new.texts())
    check_editable(doc, label)
    same = find_duplicate(doc, new)
    if same is not None:
        raise ReadmeError(f"{same.id} already logs this blocker ({same.klass}: {shown(same.summary)}): resolve it with "
                          f"`readiness blocker resolve {same.id}` or use a different summary")
    number = max(doc.highest, floor) + 1
    entry = entry_lines(number, new, today)
    lines = doc.lines
    if title is not None and not doc.text:
        text = "\n".join([f"# {escape(sanitize(title)) or 'README'}", "", "## Blockers", "", *entry]) + "\n"
        return _verified_add(doc, text, number, new, today, headings=2, label=label)
    if doc.section is None:
        index = len(lines)
        block = ["## Blockers", "", *entry]
        if lines and not is_blank(lines[-1]):
            block.insert(0, "")
    else:
        last = [b for b in doc.blockers if doc.section.start <= b.line < doc.section.end]
        if last:
            index, block = max(b.end for b in last), entry
        else:
            index = doc.section.end
            while index > doc.section.start and is_blank(lines[index - 1]):
                index -= 1
            block = list(entry)
            if index > 0 and not is_blank(lines[index - 1]):  # a blank line before the list: reuse one if there
                if index < len(lines) and is_blank(lines[index]):
                    index += 1
                else:
                    block.insert(0, "")
            if index < len(lines) and not is_blank(lines[index]):
                block.append("")
    if doc.unclosed is not None and doc.unclosed < index:
        raise ReadmeError(f"{label} line {doc.unclosed + 1} opens a code block (or HTML block) that is never "
                          "closed: the new entry would disappear inside it; close it, then run the command again")
    text = "".join(_insert(lines, index, block))
    return _verified_add(doc, text, number, new, today, headings=doc.headings + (doc.section is None), label=label)


def _verified_add(doc: Document, text: str, number: int, new: NewBlocker, today: str, *, headings: int,
                  label: str) -> tuple[str, Blocker]:
    after = parse(text)
    added = after.find(number)
    expected = Blocker(number, new.klass, today, new.summary, None,
                       *(getattr(new, name) for name, _ in FIELDS))
    old = {b.number: b for b in doc.blockers}
    kept = all(b.number in old and b.same_content(old[b.number]) for b in after.blockers if b.number != number)
    if (added is None or not added.same_content(expected) or len(after.blockers) != len(doc.blockers) + 1
            or not kept or after.headings != headings):
        raise ReadmeError(f"{label}: the new entry would not come back as a Blockers list item (is something in "
                          "the section unusual, like an unclosed code block?); nothing was written")
    return text, added


def parse_id(text: str) -> int:
    match = re.fullmatch(r"\s*[Bb#]?(\d{1,9})\s*", text or "")
    if not match:
        raise UsageError(f"{text!r} is not a blocker id: use the id that `readiness blocker list` shows, like B3")
    return int(match.group(1))


def resolve_entry(doc: Document, number: int, *, today: str, note: str | None = None,
                  label: str = "README.md") -> tuple[str, Blocker, bool]:
    """Tick the entry's box and append ` (resolved DATE)`; `changed` is False when it was already resolved."""
    blocker = doc.find(number)
    if blocker is None:
        known = ", ".join(b.id for b in doc.blockers if b.is_open) or "none"
        raise ReadmeError(f"no blocker B{number} in {label} (open blockers: {known}; see `readiness blocker list "
                          "--all`)")
    if not blocker.is_open:
        return doc.text, blocker, False
    check_editable(doc, label)
    refuse_undecodable({"note": note or ""})
    note = clean_field(note)
    refuse_secrets({"note": note or ""})
    lines = list(doc.lines)
    body, ending = line_body(lines[blocker.line]), line_ending(lines[blocker.line])
    box = _CHECKBOX.match(body)
    if box is None:
        raise ReadmeError(f"{label} line {blocker.line + 1}: cannot find the `[ ]` box of {blocker.id}; tick it by "
                          "hand")
    rest = body[box.end():].rstrip(" \t")
    lines[blocker.line] = f"{box.group(1)}[x]{rest} (resolved {today}){ending}"
    if note:
        indent = re.sub(r"[^\t]", " ", box.group(1))
        lines = _insert(lines, blocker.end, [f"{indent}- {RESOLUTION}: {escape(note)}"])
    text = "".join(lines)
    after = parse(text)
    done = after.find(number)
    expected = replace(blocker, resolved=today, resolution=note or blocker.resolution)
    others = [b for b in after.blockers if b.number != number]
    before = {b.number: b for b in doc.blockers}
    if (done is None or not done.same_content(expected) or len(after.blockers) != len(doc.blockers)
            or not all(b.same_content(before.get(b.number, expected)) for b in others)):
        raise ReadmeError(f"{label}: resolving {blocker.id} would not come back as a resolved entry; tick it by "
                          "hand (nothing was written)")
    return text, done, True
