"""Blocks of brace languages (and Ruby's `end`) read by lines: the body of a `{ ... }` block, where a function ends,
and what a `catch` clause binds. Shared by the silent-failure, observability and missing-test/docs scanners so that
they agree on where a block ends and on what `catch (Exception)` binds (nothing).

Braces inside comments and string literals do not count; comments are removed from the body returned.
"""

from __future__ import annotations

import re

# Comments first, then string literals ("", '', ``); each on one line.
_TOKENS = re.compile(r"//[^\n]*|/\*.*?(?:\*/|$)|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`[^`]*`")
_EXPRESSION_BODY = re.compile(r"\)[^{]*?=(?![=>])|=>")
CATCH = re.compile(r"\bcatch\b\s*(?:\(([^)]*)\))?\s*(?:let\s+(\w+)\s*)?\{")


def _split(line: str, in_comment: bool = False) -> tuple[str, str, bool]:
    """(the line with comments blanked, the same with string contents blanked too, whether a `/*` comment is still
    open at its end). Same length and offsets as the line; `in_comment`: the line starts inside a `/*` comment."""
    code, mask = list(line), list(line)
    start = 0
    if in_comment:
        close = line.find("*/")
        start = len(line) if close < 0 else close + 2
        code[:start] = mask[:start] = " " * start
        if close < 0:
            return "".join(code), "".join(mask), True
        in_comment = False
    for m in _TOKENS.finditer(line, start):
        comment = m.group().startswith(("//", "/*"))
        in_comment = m.group().startswith("/*") and not m.group().endswith("*/")
        for pos in range(m.start(), m.end()):
            mask[pos] = " "
            if comment:
                code[pos] = " "
    return "".join(code), "".join(mask), in_comment


def masked(line: str) -> str:
    """The line with comments and string literals blanked (same length)."""
    return _split(line)[1]


def uncommented(line: str) -> str:
    """The line with its comments blanked, string literals kept (same length)."""
    return _split(line)[0]


def _close(lines: list[str], index: int, column: int, limit: int, body: list[str] | None) -> int | None:
    """Index of the line holding the `}` matching the first `{` at or after `column` on lines[index]; the text
    between them (comments blanked) is appended to `body` when given."""
    depth, in_comment = 0, False
    for number in range(index, min(len(lines), index + limit)):
        offset = column if number == index else 0
        code, mask, in_comment = _split(lines[number][offset:], in_comment)
        for pos, char in enumerate(mask):
            if char == "{":
                depth += 1
                if depth == 1:
                    continue
            elif char == "}" and depth > 0:
                depth -= 1
                if depth == 0:
                    return number
            if depth >= 1 and body is not None:
                body.append(code[pos])
        if depth >= 1 and body is not None:
            body.append("\n")
    return None


def block_body(lines: list[str], index: int, column: int = 0, limit: int = 40) -> str | None:
    """The text between the first `{` at or after `column` on lines[index] and its matching `}`, comments
    removed; None when the block does not close within `limit` lines."""
    body: list[str] = []
    return "".join(body) if _close(lines, index, column, limit, body) is not None else None


def function_end(lines: list[str], index: int, limit: int = 3000) -> int:
    """Last line (1-based) of the function declared at lines[index]: its braces balanced, or the declaration's own
    line when it has no body (`;`) or an expression body (`= x`, `=> x`)."""
    for number in range(index, min(len(lines), index + 21)):
        text = masked(lines[number])
        if "{" in text:
            close = _close(lines, number, text.index("{"), limit - (number - index), None)
            return close + 1 if close is not None else index + 1
        if ";" in text or _EXPRESSION_BODY.search(text):
            return number + 1
    return index + 1


def ruby_end(lines: list[str], index: int) -> int:
    """Last line (1-based) of the Ruby `def` at lines[index]: its `end` at the same indentation or less."""
    own = len(lines[index]) - len(lines[index].lstrip())
    for number in range(index + 1, len(lines)):
        text = lines[number]
        if text.strip() == "end" and len(text) - len(text.lstrip()) <= own:
            return number + 1
    return index + 1


def catch_variable(match: re.Match[str]) -> str:
    """The name a `catch` clause (a `CATCH` match) binds, without PHP's `$`: `e` in Java/C#/PHP `(Type e)`, Kotlin
    and TypeScript `(e: Type)`, JavaScript `(e)`, Swift `catch let e`; "" when it binds nothing (`catch {`, C#
    `catch (Exception)`: a type alone)."""
    if match.group(2):
        return match.group(2)
    params = (match.group(1) or "").strip()
    if ":" in params:
        return params.split(":", 1)[0].strip().lstrip("$")
    words = re.findall(r"[\w$.\\]+", params)
    if len(words) >= 2:
        return words[-1].lstrip("$")
    return words[0].lstrip("$") if words and not words[0][0].isupper() and "." not in words[0] else ""
