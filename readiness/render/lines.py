"""Styled lines of a text report, written in one go when nothing would be styled or wrapped.

A report is a list of `Line`s (spans of text, each with an optional rich style, plus a style for the whole line).
On a terminal (or when FORCE_COLOR / TTY_COMPATIBLE make rich treat the stream as one) every line goes through the
rich console as before: colours, and wrapping at the terminal's width. Everywhere else (a pipe, a file, a CI log)
rich would print each line's plain text unchanged, so the lines are joined and written with one `write`, without
importing rich: the same bytes (rich's removal of the control codes \\a \\b \\v \\f \\r and its expansion of tabs to
8-cell stops are done here too; `tests/unit/test_text_report__plain_output_is_what_rich_prints.py` holds the two
paths to the same output), about 20x faster on a report of a thousand findings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TextIO

from readiness.core.models import Report
from readiness.render.console import is_terminal, text_console

_STRIP = dict.fromkeys((7, 8, 11, 12, 13))  # rich's STRIP_CONTROL_CODES: removed from every Text
_TAB = 8  # rich's default tab size


@dataclass(slots=True)
class Line:
    """One printed line: `spans` of (text, style or None) and the style of the whole line (rich's `Text(style=)`).
    A line without spans and style is a blank line."""

    style: str | None = None
    spans: list[tuple[str, str | None]] = field(default_factory=list)

    def add(self, text: str, style: str | None = None) -> Line:
        self.spans.append((text, style))
        return self


def plain_output(stream: TextIO) -> bool:
    """Whether rich would print plain text to `stream`: not a terminal, and no environment variable that makes rich
    treat it as one (rich's `Console.is_terminal`: TTY_COMPATIBLE=0/1, a non-empty FORCE_COLOR)."""
    if is_terminal(stream):
        return False
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "0"
    return not os.environ.get("FORCE_COLOR")


def write_lines(lines: list[Line], stream: TextIO) -> None:
    if plain_output(stream):
        stream.write(plain_text(lines))
    else:
        write_rich(lines, stream)


def plain_text(lines: list[Line]) -> str:
    """What rich prints for `lines` on a stream that is not a terminal."""
    text = "".join(["".join([span for span, _ in line.spans]) + "\n" for line in lines]).translate(_STRIP)
    return _expand_tabs(text) if "\t" in text else text


def write_rich(lines: list[Line], stream: TextIO) -> None:
    """Every line through rich's console (a terminal: styles, wrapping at its width)."""
    # deferred: rich costs ~40 ms at import and is loaded only when styled text is printed
    from rich.text import Text

    console = text_console(stream)
    for line in lines:
        if line.style is None and not line.spans:
            console.print()
            continue
        text = Text("", style=line.style or "")
        for span, style in line.spans:
            text.append(span, style=style)
        console.print(text)


def _expand_tabs(text: str) -> str:
    """rich's `Text.expand_tabs`: each tab becomes a space, then spaces up to the next multiple of 8 cells."""
    from rich.cells import cell_len  # deferred: only a report holding a tab needs the cell widths

    out: list[str] = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            continue
        position = 0
        pieces: list[str] = []
        parts = line.split("\t")
        for number, part in enumerate(parts):
            if number == len(parts) - 1:
                pieces.append(part)
                break
            piece = part + " "
            position += cell_len(piece)
            remainder = position % _TAB
            if remainder:
                piece += " " * (_TAB - remainder)
                position += _TAB - remainder
            pieces.append(piece)
        out.append("".join(pieces))
    return "\n".join(out)


def files_count(report: Report) -> str:
    """`493 files`, or `494 files, 493 scanned` when some files in scope could not be read (binary, too large): the
    checklists count the files in scope, the findings come from the ones scanned."""
    scanned, in_scope = report.files_scanned, report.files_in_scope
    if in_scope is None or in_scope <= scanned:
        return f"{scanned} file{'s' if scanned != 1 else ''}"
    return f"{in_scope} file{'s' if in_scope != 1 else ''}, {scanned} scanned"
