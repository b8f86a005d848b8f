"""The Python side of todo-throw: one file's lines, its def/class headers found by literal search, and what a
candidate `raise` is, judged on the AST of its enclosing function alone (never the whole file).
"""

from __future__ import annotations

import ast
import bisect
import functools
import itertools
import re
from types import SimpleNamespace
from typing import cast

from readiness.core.scan._source.pyast import parse
from readiness.core.scan._source.python_lines import (
    MAX_LINE,
    block_end,
    dedent,
    indent,
    is_code,
    scan_line,
    statement_end,
)
from readiness.core.scan.base import SourceFile
from readiness.core.scan.scanners._todo_patterns import TODO, line_indexes

NOT_IMPL_NAMES = {"NotImplementedError", "NotImplemented"}

DEF = re.compile(r"[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)")
CLASS = re.compile(r"[ \t]*class[ \t]+(\w+)[ \t]*(?:\((.*?)\))?", re.S)
DECORATOR = re.compile(r"@\s*([\w.]+)")
_PY_STRINGS = re.compile(r"""#[^\n]*|\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'""")
_STRING_START = re.compile(r"""[rRbBuUfF]{0,2}['"]""")


def _next_code(lines: list[str], j: int) -> int:
    """The first line from j that is not blank or a comment."""
    return next((k for k in range(j, len(lines)) if is_code(lines[k])), len(lines))


def first_statement(lines: list[str], h: int) -> int:
    """Line-pattern view of the def on line h: the line of its first statement after the docstring."""
    j = _next_code(lines, statement_end(lines, h) + 1)
    if j < len(lines) and _STRING_START.match(lines[j].lstrip()):
        j = _next_code(lines, statement_end(lines, j) + 1)
    return j


def decorators_start(lines: list[str], h: int, d_indent: int) -> int:
    """The line of the first decorator of the def on line h (h itself when it has none)."""
    start, j = h, h - 1
    while j >= 0 and h - j < 30:
        s = lines[j].strip()
        if s.startswith("@") and indent(lines[j]) == d_indent:
            start = j
        elif s and not s.startswith("#") and indent(lines[j]) <= d_indent and s[0] not in ")]}":
            break
        j -= 1
    return start


def comments_of(lines: list[str], i: int) -> str:
    """The trailing comment of line i and the comment lines right above it."""
    at = scan_line(lines[i][:MAX_LINE], None, 0)[2]
    above = itertools.takewhile(lambda line: line.lstrip().startswith("#"), reversed(lines[max(0, i - 3):i]))
    return " ".join([lines[i][at:MAX_LINE] if at >= 0 else "", *(line[:MAX_LINE] for line in above)])


def _parse(lines: list[str], start: int, end: int) -> ast.Module | None:
    """The dedented block parsed, if it parses and starts with a function definition."""
    tree = parse(dedent(lines, start, end))
    return tree if tree is not None and tree.body and isinstance(tree.body[0], ast.FunctionDef | ast.AsyncFunctionDef) \
        else None


def _node_name(node: ast.AST | None) -> str:
    """The name a call, name or attribute refers to (`raise errors.NotImplementedError()` -> NotImplementedError)."""
    node = node.func if isinstance(node, ast.Call) else node
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _raise_at(tree: ast.AST, rel: int, exc: str) -> ast.Raise | None:
    """The raise statement on relative line `rel`, descending only into statements that span that line."""
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Raise) and node.lineno == rel and _node_name(node.exc) == exc:
            return node
        todo.extend(c for c in ast.iter_child_nodes(node)
                    if isinstance(c, ast.stmt) and c.lineno <= rel <= (c.end_lineno or c.lineno))
    return None


class PyFile:
    """One Python file: its lines and, built on first use, its def/class headers, classes and strings."""

    def __init__(self, source: SourceFile) -> None:
        self.lines, self.text = source.lines, source.text
        self.classes: dict[int, tuple[str, str, str] | None] = {}

    @functools.cached_property
    def headers(self) -> tuple[list[int], list[tuple[int, str, int]]]:
        """Line indexes of def/class lines (found by literal search), and (indentation, kind, parent) of each."""
        hits: list[tuple[int, int, str]] = []
        kinds: list[tuple[int, str, int]] = []
        text = self.text
        for word in ("def ", "class "):
            at = text.find(word)
            while at >= 0:
                start = text.rfind("\n", 0, at) + 1
                if text[start:at].strip(" \t") in ("", "async" if word == "def " else ""):
                    hits.append((start, indent(text[start:at]), word.strip()))
                at = text.find(word, at + 1)
        hits.sort()
        for _, ind, kind in hits:
            parent = len(kinds) - 1
            while parent >= 0 and kinds[parent][0] >= ind:
                parent = kinds[parent][2]
            kinds.append((ind, kind, parent))
        return line_indexes(self.text, [start for start, _, _ in hits]), kinds

    @functools.cached_property
    def strings(self) -> list[tuple[int, int]]:
        """(first, last) line indexes of multi-line strings."""
        spans = [m.span() for m in _PY_STRINGS.finditer(self.text) if m.group()[:3] in ('"""', "'''")]
        ends = line_indexes(self.text, [offset for span in spans for offset in span])
        return [(a, b) for a, b in zip(ends[::2], ends[1::2], strict=True) if b > a]

    def enclosing(self, i: int, indent: int, want: str) -> int | None:
        """The nearest def/class line above line i indented less than `indent`, if it is a `want`."""
        numbers, kinds = self.headers
        k = bisect.bisect_left(numbers, i) - 1
        while k >= 0 and kinds[k][0] >= indent:
            k = kinds[k][2]
        return numbers[k] if k >= 0 and kinds[k][1] == want else None

    def in_string(self, i: int) -> bool:
        """Whether line i lies inside a multi-line string (a docstring example, say)."""
        k = bisect.bisect_left(self.strings, (i, -1)) - 1
        return k >= 0 and self.strings[k][0] < i <= self.strings[k][1]

    def analyse(self, i: int, exc: str, todo: bool) -> SimpleNamespace | None:
        """What the raise on line i is (`h`: line index of its def), or None when it sits inside a string."""
        lines = self.lines
        cand = SimpleNamespace(exc=exc, message="", func="", doc="", whole=False, h=-1, decorators=set())
        end = statement_end(lines, i)
        cand.message = " ".join(lines[i:end + 1])[:MAX_LINE]
        h = i if DEF.match(lines[i]) else self.enclosing(i, indent(lines[i]), "def")
        if h is None:
            return cand
        cand.func, cand.h = cast("re.Match[str]", DEF.match(lines[h])).group(1), h  # h is a def line
        if exc in NOT_IMPL_NAMES and not (todo or TODO.search(cand.message)) and h != i \
                and first_statement(lines, h) != i:
            return cand  # a raise in a function that does other work, with no TODO: nothing to report
        d_indent = indent(lines[h])
        start = decorators_start(lines, h, d_indent)
        ends_here = (after := _next_code(lines, end + 1)) >= len(lines) or indent(lines[after]) <= d_indent
        func_end = block_end(lines, h)
        for first, last in ((start, end), (start, func_end), (h, end)):
            if (tree := _parse(lines, first, last)) is None:
                continue
            func = cast("ast.FunctionDef | ast.AsyncFunctionDef", tree.body[0])  # checked by `_parse`
            if (node := _raise_at(func, i - first + 1, exc)) is not None:
                cand.decorators = {_node_name(d) for d in func.decorator_list}
                cand.doc = ast.get_docstring(func, clean=False) or ""
                body = func.body[1:] if cand.doc else func.body
                cand.whole = (ends_here or last == func_end) and len(body) == 1 and body[0] is node
            elif (node := _raise_at(tree, i - first + 1, exc)) is not None:
                cand.func = ""  # at module level after the function
            else:
                return None  # inside a string
            strings = ast.walk(node.exc) if node.exc is not None else ()
            cand.message = " ".join(n.value for n in strings if isinstance(n, ast.Constant) and isinstance(n.value, str))
            return cand
        cand.decorators = {d.rsplit(".", 1)[-1] for d in DECORATOR.findall("\n".join(lines[start:h]))}
        cand.whole = ends_here and (h == i or first_statement(lines, h) == i)
        return cand

    def class_of(self, h: int) -> tuple[str, str, str] | None:
        """(name, bases, docstring) of the class a def on line h is a method of."""
        c = self.enclosing(h, indent(self.lines[h]), "class")
        if c is not None and c not in self.classes:
            lines, end = self.lines, statement_end(self.lines, c)
            m = CLASS.match(" ".join(lines[c:end + 1])[:MAX_LINE])
            doc = " ".join(lines[_next_code(lines, end + 1):first_statement(lines, c)])[:MAX_LINE]
            self.classes[c] = (m.group(1), m.group(2) or "", doc) if m else None
        return None if c is None else self.classes[c]
