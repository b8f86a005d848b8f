"""What of a source file is code, for the silent-failure warnings and the no-baseline-signal hint, so that neither
judges a handler written in a comment, a string, a template literal or a docstring.

- `code_lines`: the file's lines with comments and string contents blanked (quotes kept; same lengths and line
  numbers; `/* */` comments, template literals and multi-line strings followed across lines). The scanners find a
  candidate on the line as written and confirm it on the blanked line, so a file is blanked only when one of its
  lines would be reported.
- `PythonCode.in_string`: whether a Python line starts inside a string literal (a docstring example, a quoted
  snippet). Multi-line strings are found by a pattern first; a line the pattern places inside one is decided by the
  parse of the whole file, made only then (what lies in a string is not code in the AST), or by the pattern when
  the file does not parse.
- `GO_ERROR`: the name of a Go error variable.

Each is computed once per file; the last files asked are kept, as the scanners go file by file.
"""

from __future__ import annotations

import ast
import bisect
import re
import warnings
from functools import cached_property, lru_cache

from readiness.core.scan._source.pyast import parse
from readiness.core.secrets.rules.sinks import code_and_strings

# An error variable by Go's naming convention: `err`, `errs`, `err2`, `errRead`, `err_read` (a lower-case `err` that
# ends the name or is followed by a digit, `s`, an upper-case letter or `_`), or a name ending in `Err`/`Error` with an
# upper-case E, or `_err` (`readErr`, `closeErrs`, `parseError`, `read_err`). Not a word that merely holds the
# letters: `stderr`, `interrupted`, `terraform`, `deferred`, `errand`, `server`.
GO_ERROR = r"\b(?:err(?:s|\d+|[A-Z_]\w*)?|[A-Za-z_]\w*?(?:Err|Error|_err)(?:s|\d+)?)\b"

# Python comments and string literals, leftmost first (a quote in a comment opens nothing, a `#` in a string is no
# comment); escapes, and a backslash ending a line inside a one-line string, followed.
_PY_TOKENS = re.compile(r"""#[^\n]*|\"\"\"(?:[^"\\]|\\[\s\S]|"(?!""))*\"\"\"|'''(?:[^'\\]|\\[\s\S]|'(?!''))*'''|"""
                        r""""(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'""")
_LONE_CR = re.compile(r"\r(?!\n)")


@lru_cache(maxsize=2)
def code_lines(text: str, language: str) -> tuple[str, ...]:
    """The lines of `text` (split as `SourceFile.lines` splits them) with comments and string contents blanked."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return tuple(code_and_strings(text, language)[0].split("\n"))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted (first, last) spans, those that overlap or touch made one (an f-string and the strings in it)."""
    out: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    """Whether line `index` starts inside one of the disjoint, sorted (first, last) spans: first < index <= last."""
    k = bisect.bisect_left(spans, (index, -1)) - 1
    return k >= 0 and spans[k][1] >= index


class PythonCode:
    """One Python file's multi-line string literals, by line (see the module docstring)."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _pattern_strings(self) -> list[tuple[int, int]]:
        """(first, last) line indexes of the string literals that span lines, found by pattern."""
        text, spans, line, at = self.text, [], 0, 0
        for match in _PY_TOKENS.finditer(text):
            if match.group()[0] == "#":
                continue
            line += text.count("\n", at, match.start())
            end = line + match.group().count("\n")
            if end > line:
                spans.append((line, end))
            line, at = end, match.end()
        return spans

    @cached_property
    def _parsed_strings(self) -> list[tuple[int, int]] | None:
        """(first, last) line indexes of the string literals that span lines, from the parse of the file; None when
        it does not parse."""
        text = self.text.removeprefix("\ufeff")
        if "\r" in text:  # Python ends a line at a lone \r, the scanners' lines do not: keep their numbers
            text = _LONE_CR.sub(" ", text)
        with warnings.catch_warnings():  # `"\d"` anywhere in the file: the parser's warning is not the user's output
            warnings.simplefilter("ignore", SyntaxWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            tree = parse(text)
        if tree is None:
            return None
        return _merged([(node.lineno - 1, node.end_lineno - 1) for node in ast.walk(tree)
                        if isinstance(node, ast.Constant | ast.JoinedStr) and node.end_lineno is not None
                        and node.end_lineno > node.lineno])

    def in_string(self, index: int) -> bool:
        """Whether line `index` starts inside a string literal, so that nothing written on it is a statement."""
        if not _inside(self._pattern_strings, index):
            return False
        parsed = self._parsed_strings
        return _inside(parsed, index) if parsed is not None else True


@lru_cache(maxsize=2)
def python_code(text: str) -> PythonCode:
    return PythonCode(text)
