"""Function, method and class definitions found by lines (no AST): Python by indentation, brace languages (and
Ruby) by their public-declaration patterns, each with the lines its body spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from readiness.core.scan._source.braces import function_end, ruby_end
from readiness.core.scan._source.python_lines import block_end, indent
from readiness.core.scan.base import SourceFile


@dataclass(frozen=True, slots=True)
class Definition:
    name: str
    kind: str  # "function", "method", "class"
    line: int  # the `def`/`func` line (1-based)
    start: int  # first line including decorators / annotations
    end: int  # last line of the body
    public: bool
    decorators: tuple[str, ...] = ()


_PY_DEF = re.compile(r"^([ \t]*)(?:async[ \t]+)?(def|class)[ \t]+([A-Za-z_]\w*)")
_PY_DECORATOR = re.compile(r"^[ \t]*@[ \t]*([\w.]+)")
_TRIPLE = re.compile(r'"""|\'\'\'')


def _balance(text: str) -> int:
    return text.count("(") + text.count("[") + text.count("{") - text.count(")") - text.count("]") - text.count("}")


def python_definitions(source: SourceFile, *, ends: bool = True) -> list[Definition]:
    """Functions, methods and classes by indentation. Nested functions are not public; methods of private
    classes are not public. `ends=False` skips finding where each body ends (`end` is then the `def` line): the
    costly part, for callers that only ask what is defined."""
    return list(iter_python_definitions(source, ends=ends))


def iter_python_definitions(source: SourceFile, *, ends: bool = True) -> Iterator[Definition]:
    """`python_definitions` one at a time, from the top: a caller that has its answer stops reading the file."""
    lines: Iterable[str] = source.lines if ends else source.iter_lines()  # ends=False: one pass, nothing kept
    inside: str | None = None  # the triple quote of the string the next line starts in (its lines are not code)
    stack: list[tuple[int, str, bool]] = []  # (indent, "class" or "function", public)
    decorators: list[str] = []
    decorator_start = 0
    open_brackets = 0  # brackets left open by a multi-line decorator
    for index, text in enumerate(lines):
        code = inside is None
        if '"""' in text or "'''" in text:
            for quote_match in _TRIPLE.finditer(text):
                quote = quote_match.group(0)
                if inside is None:
                    inside = quote
                elif inside == quote:
                    inside = None
        stripped = text.strip()
        if not code or not stripped or stripped.startswith("#"):
            continue
        if open_brackets > 0:
            open_brackets = max(0, open_brackets + _balance(text))
            continue
        deco = _PY_DECORATOR.match(text)
        if deco:
            if not decorators:
                decorator_start = index + 1
            decorators.append(deco.group(1))
            open_brackets = max(0, _balance(text))
            continue
        match = _PY_DEF.match(text)
        if not match:
            decorators = []
            continue
        level = indent(match.group(1))
        while stack and stack[-1][0] >= level:
            stack.pop()
        keyword, name = match.group(2), match.group(3)
        in_function = any(kind == "function" for _, kind, _ in stack)
        parent_public = all(public for _, _, public in stack)
        kind = "class" if keyword == "class" else ("method" if stack and stack[-1][1] == "class" else "function")
        public = not name.startswith("_") and parent_public and not in_function
        start = decorator_start if decorators else index + 1
        end = block_end(source.lines, index) + 1 if ends else index + 1
        yield Definition(name, kind, index + 1, start, end, public, tuple(decorators))
        stack.append((level, "class" if kind == "class" else "function", public))
        decorators = []


_BRACE_PUBLIC = {
    "go": re.compile(r"^func[ \t]+(?:\([^)]*\)[ \t]*)?([A-Z]\w*)[ \t]*[\[(]"),
    "java": re.compile(r"^[ \t]*public[ \t]+(?:(?:static|final|synchronized|abstract|default|native)[ \t]+)*"
                       r"(?!class\b|interface\b|enum\b|record\b)[\w<>\[\],.? ]+?[ \t]+(\w+)[ \t]*\("),
    "kotlin": re.compile(r"^[ \t]*(?!.*\b(?:private|internal|protected)\b)(?:[a-z]+[ \t]+)*fun[ \t]+"
                         r"(?:<[^>]*>[ \t]*)?(?:[\w.]+\.)?(\w+)[ \t]*\("),
    "csharp": re.compile(r"^[ \t]*public[ \t]+(?:(?:static|virtual|override|async|sealed|abstract|new|partial)[ \t]+)*"
                         r"(?!class\b|interface\b|enum\b|struct\b|record\b)[\w<>\[\],.? ]+?[ \t]+(\w+)[ \t]*[(<]"),
    "rust": re.compile(r"^[ \t]*pub[ \t]+(?:(?:async|const|unsafe|extern[ \t]+\"[^\"]*\")[ \t]+)*fn[ \t]+(\w+)"),
    "javascript": re.compile(r"^[ \t]*export[ \t]+(?:default[ \t]+)?(?:(?:async[ \t]+)?function\*?[ \t]+(\w+)|"
                             r"(?:const|let|var)[ \t]+(\w+)[ \t]*=[ \t]*(?:async[ \t]*)?(?:function\b|\([^)]*\)[ \t]*=>|"
                             r"\w+[ \t]*=>))"),
    "swift": re.compile(r"^[ \t]*(?:@\w+[ \t]+)*(?:public|open)[ \t]+(?:[a-z]+[ \t]+)*func[ \t]+(\w+)"),
    "php": re.compile(r"^[ \t]*(?:public[ \t]+(?:static[ \t]+)?|(?:final[ \t]+)?public[ \t]+)?function[ \t]+(\w+)"),
    "scala": re.compile(r"^[ \t]*(?!.*\b(?:private|protected)\b)(?:[a-z]+[ \t]+)*def[ \t]+(\w+)"),
    "ruby": re.compile(r"^[ \t]*def[ \t]+(?:self\.)?([a-z]\w*[?!]?)"),
}
_BRACE_PUBLIC["typescript"] = _BRACE_PUBLIC["javascript"]


def brace_definitions(source: SourceFile) -> list[Definition]:
    """Public functions of brace languages (and Ruby), with the body found by counting braces."""
    pattern = _BRACE_PUBLIC.get(source.language or "")
    if pattern is None:
        return []
    lines = source.lines
    found: list[Definition] = []
    for index, text in enumerate(lines):
        match = pattern.match(text)
        if not match:
            continue
        name = next(group for group in match.groups() if group)
        if name.startswith("_") and source.language != "go":
            continue
        end = ruby_end(lines, index) if source.language == "ruby" else function_end(lines, index)
        found.append(Definition(name, "function", index + 1, index + 1, end, True))
    return found


def definitions(source: SourceFile) -> list[Definition]:
    if source.language == "python":
        return python_definitions(source)
    return brace_definitions(source)
