"""The README's `## Blockers` log as a parsed document, and the text rules of its entries.

The heading is found by parsing Markdown (markdown-it-py, CommonMark, YAML front matter), so a `## Blockers`
inside a code block, a blockquote, a list or front matter never counts. Lines keep their own endings
(`split_lines`), so an edit changes only the lines of its entry. `sanitize`, `escape` and `unescape` keep
user text on one line and literal inside a list item; `shown` is README text fit for a terminal (secrets masked).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from readiness.core.blockers.format import FIELDS, RESOLUTION
from readiness.core.secrets.find import mask_secrets

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_NEWLINE = re.compile(r"\r\n|\r|\n")  # what CommonMark (and markdown-it) count as a line ending
_ENTRY = re.compile(r"^\[(?P<box>[ xX])\][ \t]+\*\*B(?P<num>\d+)\*\*[ \t]*·[ \t]*(?P<klass>[A-Za-z-]+)[ \t]*·"
                    r"[ \t]*(?P<date>\d{4}-\d{2}-\d{2})[ \t]*·[ \t]*(?P<summary>.*?)[ \t]*$")
_ANY_ID = re.compile(r"^\[[ xX]\][ \t]+\*\*B(\d+)\*\*")
_RESOLVED = re.compile(r"^(?P<summary>.*?)[ \t]*\(resolved (?P<date>\d{4}-\d{2}-\d{2})\)$")
_FIELD = re.compile(r"^(?P<label>Details|Scope|Follow-up|Next|Resolution):[ \t]*(?P<value>.*?)[ \t]*$", re.I)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[\s\u2028\u2029]+")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")




@functools.cache
def _markdown() -> MarkdownIt:
    """CommonMark with YAML front matter, built on first use (every `readiness` run imports this module)."""
    # deferred: markdown-it-py costs ~0.13 s at import, and `readiness --help` loads this module
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


def line_body(line: str) -> str:
    return line.rstrip("\r\n")


def line_ending(line: str) -> str:
    return line[len(line_body(line)):]


def is_blank(line: str) -> bool:
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

    def to_dict(self) -> dict[str, Any]:
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
            boundaries.append(_span(tok)[0])
            if tok.tag == "h2" and tokens[i + 1].content.strip().casefold() == "blockers":
                candidates.append((_span(tok)[0], _span(tok)[1]))
        elif tok.level == 0 and tok.map and _span(tok)[1] >= len(lines) and _runs_to_end(tok, lines):
            unclosed = _span(tok)[0]
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


def _span(tok: Token) -> list[int]:
    """The [first, end) source lines of a block token (markdown-it sets them on every block token)."""
    return tok.map or [0, 0]


def _runs_to_end(tok: Token, lines: list[str]) -> bool:
    """A top-level fence without its closing line, or an HTML block whose end marker never comes."""
    if tok.type == "fence":
        first, last = _span(tok)[0], _span(tok)[1] - 1
        if last == first:
            return True
        closing = line_body(lines[last]).strip()
        char = tok.markup[0]
        return not (closing.startswith(tok.markup) and set(closing) == {char})
    if tok.type == "html_block":
        content = tok.content.lstrip().lower()
        for opener, closer in (("<!--", "-->"), ("<?", "?>"), ("<![cdata[", "]]>"), ("<script", "</script>"),
                               ("<pre", "</pre>"), ("<style", "</style>"), ("<textarea", "</textarea>")):
            if content.startswith(opener):
                return closer not in content[len(opener):]
    return False


def _entries(tokens: list[Token], lines: list[str], section: Section | None,
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
        if section is None or not section.start <= _span(tok)[0] < section.end:
            continue
        match = _ENTRY.match(first)
        if not match:
            if loose:
                warnings.append(f"line {_span(tok)[0] + 1}: B{loose.group(1)} is not in the expected format, skipped")
            continue
        number = int(match.group("num"))
        if number in seen:
            warnings.append(f"B{number} appears twice (lines {seen[number] + 1} and {_span(tok)[0] + 1})")
        seen[number] = _span(tok)[0]
        blockers.append(_blocker(match, item, _span(tok), lines))
    return tuple(blockers), highest


def _blocker(match: re.Match[str], item: list[Token], span: list[int], lines: list[str]) -> Blocker:
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
    while end > span[0] + 1 and is_blank(lines[end - 1]):
        end -= 1
    return Blocker(number=int(match.group("num")), klass=match.group("klass").lower(), date=match.group("date"),
                   summary=unescape(summary), resolved=resolved, line=span[0], end=end, **values)
