"""The README's `## Blockers` log: parse it, add and resolve entries, write the file back safely.

The edits are text transformations on a list of lines that keep their own line endings: only the lines of the
entry being added or resolved change, every other byte (BOM, CRLF or LF, tabs, a missing final newline) stays as
it was. The heading is found by parsing Markdown (markdown-it-py, CommonMark, YAML front matter), so a
`## Blockers` inside a code block, a blockquote, a list or front matter never counts. Every edit is parsed again
before it is written: an entry that would not come back as the same entry is refused, not written.

Entry format (CONTRACT.md):

    - [ ] **B1** · build · 2026-11-26 · pytest collection fails on Python 3.13
      - Scope: ship the parser without the streaming mode
      - Follow-up: streaming mode for large inputs
      - Next: readiness/report.py

Resolved: `- [x] **B1** · … (resolved 2026-11-27)`, with an optional `  - Resolution: note` line.

Reading and writing the file itself (the safety checks, the atomic write, the id record) is
`readiness.core.blockers.readme`, re-exported here: `read_readme`, `write_readme`, `check_writable`, `load_floor`,
`save_floor`, `Readme`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from readiness.core.blockers.format import CLASSES, FIELDS, RESOLUTION  # re-exported: blockers.CLASSES and so on
from readiness.core.blockers.readme import (  # the file layer, re-exported: blockers.read_readme(...) and so on
    BOM,
    MAX_README_SIZE,
    Readme,
    check_writable,
    load_floor,
    read_readme,
    save_floor,
    write_readme,
)
from readiness.core.errors import ReadmeError, RepoError, UsageError

if TYPE_CHECKING:
    from readiness.core.repo import Repository

_NEWLINE = re.compile(r"\r\n|\r|\n")  # what CommonMark (and markdown-it) count as a line ending
_ENTRY = re.compile(r"^\[(?P<box>[ xX])\][ \t]+\*\*B(?P<num>\d+)\*\*[ \t]*·[ \t]*(?P<klass>[A-Za-z-]+)[ \t]*·"
                    r"[ \t]*(?P<date>\d{4}-\d{2}-\d{2})[ \t]*·[ \t]*(?P<summary>.*?)[ \t]*$")
_ANY_ID = re.compile(r"^\[[ xX]\][ \t]+\*\*B(\d+)\*\*")
_RESOLVED = re.compile(r"^(?P<summary>.*?)[ \t]*\(resolved (?P<date>\d{4}-\d{2}-\d{2})\)$")
_FIELD = re.compile(r"^(?P<label>Details|Scope|Follow-up|Next|Resolution):[ \t]*(?P<value>.*?)[ \t]*$", re.I)
_CHECKBOX = re.compile(r"^( {0,3}[-*+][ \t]+)\[ \]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[\s\u2028\u2029]+")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


@functools.cache
def _markdown():
    """CommonMark with YAML front matter, built on first use (every `readiness` run imports this module)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").use(front_matter_plugin)


# -- text helpers ----------------------------------------------------------------------------------------------
def split_lines(text: str) -> list[str]:
    """Lines with their own endings (`\\r\\n`, `\\r` or `\\n`), split exactly where Markdown splits them."""
    lines, pos = [], 0
    for match in _NEWLINE.finditer(text):
        lines.append(text[pos:match.end()])
        pos = match.end()
    if pos < len(text):
        lines.append(text[pos:])
    return lines


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _ending(line: str) -> str:
    return line[len(_body(line)):]


def _blank(line: str) -> bool:
    return not line.strip()


def sanitize(text: str) -> str:
    """One line of plain text: controls, bidi overrides and zero-width characters removed, whitespace collapsed."""
    return _SPACES.sub(" ", _CONTROLS.sub(" ", text)).strip()


def escape(text: str) -> str:
    """Markdown-escape sanitized text so it renders literally inside a list item and cannot break the list."""
    out = []
    for i, char in enumerate(text):
        if char in "\\`*[]<>~|":
            out.append("\\" + char)
        elif char == "_":  # intraword underscores never emphasise: keep `snake_case` readable
            before, after = text[i - 1:i], text[i + 1:i + 2]
            out.append("_" if before.isalnum() and after.isalnum() else "\\_")
        elif char == "&" and _ENTITY.match(text, i):
            out.append("\\&")
        else:
            out.append(char)
    return "".join(out)


def shown(text: str) -> str:
    """README text fit for a terminal or a message: one line, no control characters, secrets masked."""
    from readiness.core.secrets.values import mask_secrets

    return mask_secrets(sanitize(text))


def unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def clean_field(value: str | None) -> str | None:
    """Sanitize a user-supplied field; None when nothing is left."""
    if value is None:
        return None
    cleaned = sanitize(value)
    return cleaned or None


# -- the parsed document ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Blocker:
    number: int
    klass: str
    date: str
    summary: str
    resolved: str | None = None
    details: str | None = None
    scope: str | None = None
    follow_up: str | None = None
    next: str | None = None
    resolution: str | None = None
    line: int = 0  # 0-based index of the entry's first line
    end: int = 0  # one past its last non-blank line

    @property
    def id(self) -> str:
        return f"B{self.number}"

    @property
    def is_open(self) -> bool:
        return self.resolved is None

    def to_dict(self) -> dict:
        return {"id": self.id, "class": self.klass, "date": self.date, "summary": self.summary,
                "status": "open" if self.is_open else "resolved", "resolved": self.resolved,
                "details": self.details, "scope": self.scope, "follow_up": self.follow_up, "next": self.next,
                "resolution": self.resolution, "line": self.line + 1}

    def same_content(self, other: Blocker) -> bool:
        return replace(self, line=0, end=0) == replace(other, line=0, end=0)


@dataclass(frozen=True)
class Section:
    heading: int  # first line of the heading
    start: int  # first line after the heading
    end: int  # the next top-level h1/h2, or the number of lines


@dataclass(frozen=True)
class Document:
    text: str
    lines: list[str]
    section: Section | None
    blockers: tuple[Blocker, ...]
    highest: int  # highest id number seen in the section, even on entries that do not fully parse
    headings: int  # top-level h1 and h2 headings (an edit never changes how many there are, except when adding one)
    unclosed: int | None = None  # first line of a top-level code fence or HTML block that runs to the end
    warnings: tuple[str, ...] = ()

    def find(self, number: int) -> Blocker | None:
        return next((b for b in self.blockers if b.number == number), None)


def parse(text: str) -> Document:
    """Parse README text (without BOM) into its Blockers section and entries."""
    lines = split_lines(text)
    tokens = _markdown().parse(text)
    warnings: list[str] = []
    candidates: list[tuple[int, int]] = []  # (heading line, line after the heading) of top-level "## Blockers"
    boundaries: list[int] = []
    unclosed = None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.level == 0 and tok.tag in ("h1", "h2"):
            boundaries.append(tok.map[0])
            if tok.tag == "h2" and tokens[i + 1].content.strip().casefold() == "blockers":
                candidates.append((tok.map[0], tok.map[1]))
        elif tok.level == 0 and tok.map and tok.map[1] >= len(lines) and _runs_to_end(tok, lines):
            unclosed = tok.map[0]
    section = None
    if candidates:
        heading, start = candidates[0]
        end = next((b for b in boundaries if b > heading), len(lines))
        section = Section(heading, start, end)
        if len(candidates) > 1:
            others = ", ".join(str(h + 1) for h, _ in candidates[1:])
            warnings.append(f"several '## Blockers' headings (lines {heading + 1}, {others}): using the first")
    blockers, highest = _entries(tokens, lines, section, warnings)
    return Document(text, lines, section, blockers, highest, len(boundaries), unclosed, tuple(warnings))


def _runs_to_end(tok, lines: list[str]) -> bool:
    """A top-level fence without its closing line, or an HTML block whose end marker never comes."""
    if tok.type == "fence":
        first, last = tok.map[0], tok.map[1] - 1
        if last == first:
            return True
        closing = _body(lines[last]).strip()
        char = tok.markup[0]
        return not (closing.startswith(tok.markup) and set(closing) == {char})
    if tok.type == "html_block":
        content = tok.content.lstrip().lower()
        for opener, closer in (("<!--", "-->"), ("<?", "?>"), ("<![cdata[", "]]>"), ("<script", "</script>"),
                               ("<pre", "</pre>"), ("<style", "</style>"), ("<textarea", "</textarea>")):
            if content.startswith(opener):
                return closer not in content[len(opener):]
    return False


def _entries(tokens, lines: list[str], section: Section | None,
             warnings: list[str]) -> tuple[tuple[Blocker, ...], int]:
    """Entries of the section; the highest id counts list items that look like entries anywhere at top level."""
    blockers: list[Blocker] = []
    highest = 0
    seen: dict[int, int] = {}
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type != "list_item_open" or tok.level != 1:
            i += 1
            continue
        close = i + 1
        while not (tokens[close].type == "list_item_close" and tokens[close].level == 1):
            close += 1
        item = tokens[i:close]
        i = close + 1
        if len(item) < 3 or item[1].type != "paragraph_open":
            continue
        first = item[2].content.split("\n", 1)[0]
        loose = _ANY_ID.match(first)
        if loose:
            highest = max(highest, int(loose.group(1)))
        if section is None or not section.start <= tok.map[0] < section.end:
            continue
        match = _ENTRY.match(first)
        if not match:
            if loose:
                warnings.append(f"line {tok.map[0] + 1}: B{loose.group(1)} is not in the expected format, skipped")
            continue
        number = int(match.group("num"))
        if number in seen:
            warnings.append(f"B{number} appears twice (lines {seen[number] + 1} and {tok.map[0] + 1})")
        seen[number] = tok.map[0]
        blockers.append(_blocker(match, item, tok.map, lines))
    return tuple(blockers), highest


def _blocker(match: re.Match, item: list, span: list[int], lines: list[str]) -> Blocker:
    summary, resolved = match.group("summary"), None
    if match.group("box") in "xX":
        done = _RESOLVED.match(summary)
        resolved = done.group("date") if done else match.group("date")
        summary = done.group("summary") if done else summary
    values: dict[str, str] = {}
    labels = {label.casefold(): name for name, label in FIELDS} | {RESOLUTION.casefold(): "resolution"}
    for j, tok in enumerate(item):
        if tok.type == "list_item_open" and tok.level == 3 and item[j + 1].type == "paragraph_open":
            found = _FIELD.match(item[j + 2].content.split("\n", 1)[0])
            if found:
                values.setdefault(labels[found.group("label").casefold()], unescape(found.group("value")))
    end = span[1]
    while end > span[0] + 1 and _blank(lines[end - 1]):
        end -= 1
    return Blocker(number=int(match.group("num")), klass=match.group("klass").lower(), date=match.group("date"),
                   summary=unescape(summary), resolved=resolved, line=span[0], end=end, **values)


# -- edits -----------------------------------------------------------------------------------------------------
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
        summary = clean_field(self.summary)
        if not summary:
            raise UsageError("the blocker needs a summary: pass --summary TEXT (one line saying what blocks you)")
        return NewBlocker(self.klass, summary, *(clean_field(getattr(self, name)) for name, _ in FIELDS))

    def texts(self) -> dict[str, str]:
        """Every user-written field, for the secret check."""
        names = ("summary", *(name for name, _ in FIELDS))
        return {name: getattr(self, name) for name in names if getattr(self, name)}


def refuse_secrets(fields: dict[str, str]) -> None:
    """Nothing that looks like a secret goes into the README: refuse, showing the text with the secret masked."""
    from readiness.core.secrets.values import find_secrets, mask_secrets

    for name, value in fields.items():
        if value and find_secrets(value):
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


def find_duplicate(doc: Document, new: NewBlocker) -> Blocker | None:
    """An open entry with the same class and summary (compared without case or extra spaces)."""
    key = sanitize(new.summary).casefold()
    return next((b for b in doc.blockers if b.is_open and b.klass == new.klass
                 and sanitize(b.summary).casefold() == key), None)


def check_editable(doc: Document, label: str = "README.md") -> None:
    state = 0
    for number, line in enumerate(doc.lines, 1):
        body = _body(line)
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
        if _ending(lines[near]):
            return _ending(lines[near])
    return "\n"


def _insert(lines: list[str], index: int, bodies: list[str]) -> list[str]:
    newline = _newline(lines, index)
    out = list(lines)
    block = [body + newline for body in bodies]
    if index == len(out) and out and not _ending(out[-1]):  # no final newline: the file keeps having none
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
        if lines and not _blank(lines[-1]):
            block.insert(0, "")
    else:
        last = [b for b in doc.blockers if doc.section.start <= b.line < doc.section.end]
        if last:
            index, block = max(b.end for b in last), entry
        else:
            index = doc.section.end
            while index > doc.section.start and _blank(lines[index - 1]):
                index -= 1
            block = list(entry)
            if index > 0 and not _blank(lines[index - 1]):  # a blank line before the list: reuse one if there
                if index < len(lines) and _blank(lines[index]):
                    index += 1
                else:
                    block.insert(0, "")
            if index < len(lines) and not _blank(lines[index]):
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
    note = clean_field(note)
    refuse_secrets({"note": note or ""})
    lines = list(doc.lines)
    body, ending = _body(lines[blocker.line]), _ending(lines[blocker.line])
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


def highest_in_history(repo: Repository, docs_file: str, limit: int = 200) -> int:
    """Highest id of a real entry in any version of the README the history knows (all branches).

    Each version a commit touched an entry-looking line in (and the version before it, where a removal happened) is
    parsed like the README itself, so `**B1**` in a fenced example or elsewhere in the text never counts.
    """
    commits = repo.git("log", "--all", "--format=%H", f"--max-count={limit}", "-G", r"\*\*B[0-9]+\*\*", "--",
                       docs_file).split()
    highest = 0
    for commit in commits:
        for rev in (commit, f"{commit}^"):
            text = repo.git("show", "--no-textconv", f"{rev}:{docs_file}", ok=(0, 128))
            if text:
                highest = max(highest, parse(text.removeprefix("\ufeff")).highest)
    return highest


# -- logging an entry: the README, this clone's id record and the README's history -----------------------------
def id_floor(repo: Repository, docs_file: str) -> tuple[int, list[str]]:
    """The highest id used outside the README as it is now: this clone's record and the README's git history.

    Returns the floor and warnings (never printed here); an unreadable history is a warning, not an error.
    """
    floor, warnings = load_floor(repo.git_dir)
    if repo.head is not None:
        try:
            floor = max(floor, highest_in_history(repo, docs_file))
        except RepoError as exc:
            warnings.append(f"could not read the history of {docs_file} ({exc}): ids come from the README")
    return floor, warnings


def log_blocker(repo: Repository, label: str, new: NewBlocker, date: str) -> tuple[Blocker, list[str]]:
    """Read the README `label`, add the entry, verify and atomically write it, record the id so it is never
    handed out again. Returns the entry and the warnings (about the README, the history, the id record), unprinted.

    `readiness blocker add`, `readiness triage` and the TUI all log through here, so they never hand out the same id.
    """
    readme = read_readme(repo.root, label)
    doc = readme.document()
    floor, notes = id_floor(repo, label)
    text, blocker = add_entry(doc, new, today=date, floor=floor, label=label,
                              title=None if readme.exists else repo.root.name)
    write_readme(readme, text)
    return blocker, [*readme.warnings, *doc.warnings, *notes, *save_floor(repo.git_dir, blocker.number)]


__all__ = ["BOM", "CLASSES", "FIELDS", "MAX_README_SIZE", "RESOLUTION", "Blocker", "Document", "NewBlocker",
           "Readme", "Section", "add_entry", "check_editable", "check_writable", "clean_field", "entry_lines",
           "escape", "find_duplicate", "highest_in_history", "id_floor", "load_floor", "log_blocker", "parse",
           "parse_id", "read_readme", "refuse_secrets", "resolve_entry", "sanitize", "save_floor", "shown",
           "split_lines", "unescape", "write_readme"]
