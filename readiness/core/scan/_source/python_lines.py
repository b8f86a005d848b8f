"""Python source read by lines, no AST: indentation, where a statement and a block end, the function around a line,
the `try` of an `except`, and a block dedented so that it parses on its own.

Every Python scanner that parses only "the block around this line" (DESIGN.md: find the enclosing block by
indentation and parse just that block) finds it here, so they agree on where a block ends: after the header (followed
through brackets, strings and backslashes), every line indented deeper than the header, and every line inside a
bracket or a multi-line string opened in the block, whatever its indentation. Blank lines and comments never end a
block. Tabs count as in Python's tokenizer: to the next multiple of 8.
"""

from __future__ import annotations

import re

MAX_LINE = 4000  # characters of one line looked at
MAX_STATEMENT = 40  # lines one statement may span
_TOKEN = re.compile(r"""'''|\"\"\"|['"#()\[\]{}\\]""")
_DEF = re.compile(r"[ \t]*(?:async[ \t]+)?def[ \t]")
_TRY = re.compile(r"^[ \t]*try[ \t]*:")
_CLAUSE = re.compile(r"^[ \t]*(?:except\b|else[ \t]*:|finally[ \t]*:)")


def indent(line: str) -> int:
    """The width of the line's leading spaces and tabs (a tab advances to the next multiple of 8)."""
    width = len(line) - len(line.lstrip(" \t"))
    return width if "\t" not in line[:width] else len(line[:width].expandtabs(8))


def scan_line(line: str, quote: str | None, depth: int) -> tuple[str | None, int, int]:
    """Carry string and bracket state over one line: (open triple quote or None, bracket depth, index of a comment
    or -1). A single-quoted string does not continue on the next line."""
    pos = 0
    while (m := _TOKEN.search(line, pos)) is not None:
        tok, pos = m.group(), m.end()
        if quote is not None:
            if tok == "\\":
                pos += 1
            elif tok == quote or (len(tok) == 3 and tok[0] == quote):
                pos, quote = m.start() + len(quote), None
        elif tok == "#":
            return None, depth, m.start()
        elif tok in ("'", '"', "'''", '"""'):
            quote = tok
        else:
            depth += 1 if tok in "([{" else -1 if tok in ")]}" else 0
    return (quote if quote is not None and len(quote) == 3 else None), depth, -1


def statement_end(lines: list[str], i: int) -> int:
    """Index of the last line of the statement starting on line i (brackets, strings, backslashes; capped)."""
    quote, depth, last = None, 0, min(len(lines), i + MAX_STATEMENT) - 1
    for j in range(i, last + 1):
        line = lines[j][:MAX_LINE]
        quote, depth, comment = scan_line(line, quote, depth)
        if quote is None and depth <= 0 and not (line if comment < 0 else line[:comment]).rstrip().endswith("\\"):
            return j
    return last


def is_code(line: str) -> bool:
    """Not blank and not only a comment."""
    stripped = line.lstrip()
    return bool(stripped) and stripped[0] != "#"


def block_end(lines: list[str], header: int, limit: int | None = None) -> int:
    """Index of the last code line of the block whose header is lines[header] (the header itself for a one-line
    statement), looking at most `limit` lines down."""
    own = indent(lines[header])
    stop = len(lines) if limit is None else min(len(lines), header + limit)
    last = statement_end(lines, header)
    quote: str | None = None
    depth = 0
    for j in range(last + 1, stop):
        text = lines[j]
        if quote is None and depth <= 0:
            if not is_code(text):
                continue
            if indent(text) <= own:
                break
        quote, depth, _ = scan_line(text[:MAX_LINE], quote, depth)
        last = j
    return last


def _without_indent(line: str, width: int) -> str:
    lead = len(line) - len(line.lstrip(" \t"))
    prefix = line[:lead].expandtabs(8) if "\t" in line[:lead] else line[:lead]
    if len(prefix) < width:
        return line.strip()  # a continuation or string line less indented than the block
    return prefix[width:] + line[lead:]


def dedent(lines: list[str], start: int, end: int) -> str:
    """lines[start..end] with the first line's indentation removed from each, so the block parses on its own
    (line numbers are kept: line 1 of the text is lines[start])."""
    width = indent(lines[start])
    return "\n".join(_without_indent(line, width) for line in lines[start:end + 1]) + "\n"


def enclosing_def(lines: list[str], index: int, lookback: int = 600) -> int | None:
    """Index of the `def` line of the innermost function whose body holds lines[index] (lines[index] itself when it
    is a `def`); None at module level or in a class body outside any function."""
    if _DEF.match(lines[index]):
        return index
    limit = indent(lines[index])
    for j in range(index - 1, max(-1, index - lookback), -1):
        line = lines[j]
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ")", "]", "}")):
            continue
        level = indent(line)
        if level >= limit:
            continue
        if _DEF.match(line):
            return j
        if level == 0:
            return None
        limit = level
    return None


def try_line(lines: list[str], index: int) -> int | None:
    """The `try:` of the `except` at lines[index]: up the file at the same indentation, past sibling clauses only."""
    own = indent(lines[index])
    for number in range(index - 1, max(-1, index - 400), -1):
        text = lines[number]
        if not is_code(text) or indent(text) > own:
            continue
        if indent(text) < own:
            return None
        if _TRY.match(text):
            return number
        if not _CLAUSE.match(text):
            return None
    return None


def try_statement_end(lines: list[str], start: int) -> int:
    """Index of the last line of the `try` statement at lines[start] with all its except/else/finally clauses."""
    own = indent(lines[start])
    end = block_end(lines, start, 400)
    while end + 1 < len(lines):
        following = next((n for n in range(end + 1, min(len(lines), end + 40)) if is_code(lines[n])), None)
        if following is None or indent(lines[following]) != own or not _CLAUSE.match(lines[following]):
            break
        end = block_end(lines, following, 400)
    return end
