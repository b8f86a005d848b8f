"""Headings of a documentation file: Markdown parsed with markdown-it-py (never from inside code blocks or HTML),
reStructuredText section titles by their underlines; and whether a README's introduction shows a usage example.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+:.<>_])\1{2,}\s*$")
@lru_cache(maxsize=8)
def _markdown_tokens(text: str) -> tuple[Any, ...]:
    # deferred: markdown-it-py costs ~0.13 s at import and is needed only when a Markdown README is judged
    from markdown_it import MarkdownIt

    return tuple(MarkdownIt("commonmark").parse(text))


def markdown_headings(text: str) -> list[str]:
    """Heading texts of a Markdown document (ATX and setext), never from code blocks or HTML."""
    tokens = _markdown_tokens(text)
    return [tokens[i + 1].content for i, token in enumerate(tokens[:-1])
            if token.type == "heading_open" and tokens[i + 1].type == "inline"]


def rst_headings(text: str) -> list[str]:
    """Section titles of a reStructuredText document (a title underlined, optionally overlined)."""
    return [title for _, title in _rst_titles(text)]


def _rst_titles(text: str) -> list[tuple[int, str]]:
    """(0-based line, title) of each reStructuredText section title."""
    lines = text.split("\n")
    out: list[tuple[int, str]] = []
    in_literal = False
    for index in range(len(lines) - 1):
        line, under = lines[index], lines[index + 1]
        if line.rstrip().endswith("::"):
            in_literal = True
            continue
        if in_literal:
            if line.strip() and not line.startswith((" ", "\t")):
                in_literal = False
            else:
                continue
        title = line.strip()
        if title and not line.startswith((" ", "\t")) and _RST_UNDERLINE.match(under) and \
                len(under.rstrip()) >= min(len(title), 3) and not _RST_UNDERLINE.match(line):
            out.append((index, title))
    return out


def heading_lines(path: str, text: str) -> list[tuple[int, str]]:
    """(1-based line, text) of each heading of a document, in order (Markdown, or reStructuredText titles)."""
    if path.lower().endswith((".rst", ".txt")):
        return [(index + 1, title) for index, title in _rst_titles(text)]
    tokens = _markdown_tokens(text)
    return [(token.map[0] + 1, tokens[i + 1].content) for i, token in enumerate(tokens[:-1])
            if token.type == "heading_open" and tokens[i + 1].type == "inline" and token.map]


def headings(path: str, text: str) -> list[str]:
    return rst_headings(text) if path.lower().endswith((".rst", ".txt")) else markdown_headings(text)


_INSTALL_ONLY = re.compile(r"^\s*(?:\$\s*)?(?:sudo\s+)?(?:pip3?|python3? -m pip|pipx|uv|npm|yarn|pnpm|cargo|go (?:get|install)|"
                           r"brew|apt(?:-get)?|dnf|yum|conda|poetry|gem|composer|git clone|cd)\b")


def intro_example(path: str, text: str) -> bool:
    """A usage example in the README's introduction: a code block before the first section heading (level 2 in
    Markdown, the second title in reStructuredText) that is not only install commands."""
    if path.lower().endswith((".rst", ".txt")):
        titles = rst_headings(text)
        cut = text.find("\n" + titles[1]) if len(titles) > 1 else len(text)
        intro = text[:cut if cut >= 0 else len(text)]
        match = re.search(r"(?:::|\.\. code-block::[^\n]*)\n\s*\n((?:[ \t]+[^\n]*\n|\s*\n)+)", intro)
        return bool(match and not all(_INSTALL_ONLY.match(line) for line in match.group(1).split("\n")
                                      if line.strip()))
    for token in _markdown_tokens(text):
        if token.type == "heading_open" and token.tag != "h1":
            return False
        if token.type in ("fence", "code_block"):
            lines = [line for line in token.content.split("\n") if line.strip()]
            if lines and not all(_INSTALL_ONLY.match(line) for line in lines):
                return True
    return False
