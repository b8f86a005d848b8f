"""TODO throws: functions that only raise "not implemented", and placeholder throws in ten languages.

Python: a candidate `raise` is judged by the AST of its enclosing function alone (found by indentation; line patterns
when it does not parse). A whole-body raise is a stub (error) unless abstract (`@abstractmethod`, `@overload`,
`Protocol`: silent), abstract by convention or a deliberate refusal (info); TODO/FIXME or "yet" keeps it an error.
A raise in a function that does other work is an unsupported-case branch: silent unless TODO/FIXME marks it. Other
languages: literal-anchored patterns on the text with comments and strings blanked. Test files: everything is info.
"""

from __future__ import annotations

import ast
import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any, cast

from readiness.core.errors import ReadinessError
from readiness.core.models import Severity
from readiness.core.scan._source.code import files_to_scan
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
from readiness.core.scan.base import RawFinding, Rule, ScanContext, SourceFile, language_of
from readiness.core.scan.scanners._todo_patterns import (
    LANGS,
    NOT_IMPL,
    TODO,
    UNSUPPORTED_MSG,
    line_indexes,
    scan_pattern,
)

_E, _I = Severity.ERROR, Severity.INFO
_WHY = "Code that throws instead of working ships a broken path that looks finished in review."
_FIX = "Implement it, or remove the caller; if it is intended, waive it with a reason."
_LANG_RULES = (  # id, label, what, example
    ("java", "Java", 'throw new UnsupportedOperationException("not implemented")', 'throw new Error("TODO");'),
    ("kotlin", "Kotlin", "TODO(), or a throw whose message says TODO/not implemented", 'TODO("refunds")'),
    ("scala", "Scala", "???, or a throw whose message says TODO/not implemented", "def refund(): Unit = ???"),
    ("csharp", "C#", "throw new NotImplementedException()", "throw new NotImplementedException();"),
    ("go", "Go", 'panic("not implemented") or panic("TODO...")', 'panic("not implemented")'),
    ("rust", "Rust", "todo!() or unimplemented!()", "fn refund(&self) -> u64 { todo!() }"),
    ("javascript", "JavaScript/TypeScript", 'throw new Error("TODO..." | "not implemented")', 'throw new Error("TODO");'),
    ("swift", "Swift", 'fatalError("not implemented" | "TODO")', 'fatalError("TODO")'),
    ("cpp", "C/C++", 'assert(!"not implemented") or throw std::logic_error("TODO")', 'assert(!"not implemented");'),
)
RULES = {f"todo-throw/{r[0]}": Rule(f"todo-throw/{r[0]}", "todo-throw", *r[1:]) for r in (
    ("python-stub", _E, "Stub function", "A function whose whole body raises NotImplementedError.", _WHY,
     "Implement it, or mark it `@abc.abstractmethod` if subclasses must provide it.",
     "def refund(self, order):\n    raise NotImplementedError"),
    ("python-todo-raise", _E, "NotImplementedError marked TODO", "A `raise NotImplementedError` whose message or "
     "the comment above it says TODO or FIXME.", "The author marked this path unfinished.", _FIX,
     "# TODO: partial refunds\nraise NotImplementedError"),
    ("python-todo-exception", _E, "Placeholder exception", "`raise Exception/RuntimeError(...)` whose message says "
     "TODO or not implemented.", _WHY, _FIX, 'raise RuntimeError("TODO: implement capture")'),
    ("python-abstract-by-convention", _I, "Abstract by convention", "A method that only raises NotImplementedError "
     "in a base/mixin/interface class, that subclasses override, or whose message asks subclasses to provide it.",
     "Probably intended, but `@abc.abstractmethod` makes the intent checkable.", "Use `abc.ABC` and "
     "`@abc.abstractmethod`, or waive it.", "class BaseStore:\n    def get(self, key):\n        raise NotImplementedError"),
    ("python-unsupported", _I, "Operation refused", "A function that only raises NotImplementedError to refuse an "
     "operation: its message says unsupported, it is a dunder, or it overrides an inherited implementation.",
     "Usually deliberate; worth a look in review.", "Document the limitation, or raise a more specific error.",
     'def seek(self, offset):\n    raise NotImplementedError("seek is not supported")'),
    *((lang, _E, f"TODO throw ({label})", f"A placeholder throw in {label}: {what}.", _WHY, _FIX, example)
      for lang, label, what, example in _LANG_RULES),
)}

_UNFINISHED = re.compile(r"\byet\b|not (?:been )?(?:completed|finished)|\bwip\b|work in progress|coming soon|"
                         r"placeholder|implement me", re.I)
_SUBCLASS_MSG = re.compile(r"sub-?class|overrid|derived|abstract|child class|concrete|must (?:be )?implement|"
                           r"should (?:be )?implement|implementations? (?:must|should)|implemented by", re.I)
_BASE_NAME = re.compile(r"^_*(?:Base|Abstract|Abc)(?:[A-Z_0-9]|$)|(?:Base|Mixin|Interface|ABC|Abstract)$|^_*I[A-Z][a-z]")
_BASE_DOC = re.compile(r"base class|abstract|interface|mixin|superclass|override|not be instantiated|"
                       r"sub-?class(?:es)? (?:must|should|need|have to|are expected|implement|provide)|"
                       r"(?:must|should|meant|intended|designed) to be (?:sub-?classed|extended)", re.I)
_SKIP_DECORATORS = {"abstractmethod", "abstractproperty", "abstractclassmethod", "abstractstaticmethod", "overload"}
_DISPATCH = {"singledispatch", "singledispatchmethod"}
_CONTAINER_METHODS = {"keys", "values", "items", "get", "pop", "popitem", "setdefault", "update", "clear", "append",
                      "extend", "insert", "remove", "add", "discard", "sort", "reverse", "copy"}
_NOT_IMPL_NAMES = {"NotImplementedError", "NotImplemented"}
_ABSTRACT, _REFUSED = "python-abstract-by-convention", "python-unsupported"
_PHRASES = {_ABSTRACT: "abstract by convention", _REFUSED: "looks like a deliberate refusal"}
_PY_WORDS = ("mplemented", "TODO", "FIXME", "todo", "fixme")
_PY_RAISE = re.compile(r"raise[ \t]+(?:builtins\.)?(NotImplementedError|NotImplemented|Exception|RuntimeError|"
                       r"BaseException|AssertionError)\b")
_DEF = re.compile(r"[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)")
_CLASS = re.compile(r"[ \t]*class[ \t]+(\w+)[ \t]*(?:\((.*?)\))?", re.S)
_DECORATOR = re.compile(r"@\s*([\w.]+)")
_PY_STRINGS = re.compile(r"""#[^\n]*|\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'""")
_STRING_START = re.compile(r"""[rRbBuUfF]{0,2}['"]""")
_INDEX_PATTERN = "class "  # for `git grep -E`: a literal keeps it fast; rows are filtered here


def _next_code(lines: list[str], j: int) -> int:
    """The first line from j that is not blank or a comment."""
    return next((k for k in range(j, len(lines)) if is_code(lines[k])), len(lines))


def _first_statement(lines: list[str], h: int) -> int:
    """Line-pattern view of the def on line h: the line of its first statement after the docstring."""
    j = _next_code(lines, statement_end(lines, h) + 1)
    if j < len(lines) and _STRING_START.match(lines[j].lstrip()):
        j = _next_code(lines, statement_end(lines, j) + 1)
    return j


def _decorators_start(lines: list[str], h: int, d_indent: int) -> int:
    start, j = h, h - 1
    while j >= 0 and h - j < 30:
        s = lines[j].strip()
        if s.startswith("@") and indent(lines[j]) == d_indent:
            start = j
        elif s and not s.startswith("#") and indent(lines[j]) <= d_indent and s[0] not in ")]}":
            break
        j -= 1
    return start


def _comments(lines: list[str], i: int) -> str:
    """The trailing comment of line i and the comment lines right above it."""
    at = scan_line(lines[i][:MAX_LINE], None, 0)[2]
    above = itertools.takewhile(lambda line: line.lstrip().startswith("#"), reversed(lines[max(0, i - 3):i]))
    return " ".join([lines[i][at:MAX_LINE] if at >= 0 else "", *(line[:MAX_LINE] for line in above)])


def _parse(lines: list[str], start: int, end: int) -> ast.Module | None:
    """The dedented block parsed, if it parses and starts with a function definition."""
    tree = parse(dedent(lines, start, end))
    return tree if tree is not None and tree.body and isinstance(tree.body[0], ast.FunctionDef | ast.AsyncFunctionDef) \
        else None


def _name(node: ast.AST | None) -> str:
    node = node.func if isinstance(node, ast.Call) else node
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _raise_at(tree: ast.AST, rel: int, exc: str) -> ast.Raise | None:
    """The raise statement on relative line `rel`, descending only into statements that span that line."""
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Raise) and node.lineno == rel and _name(node.exc) == exc:
            return node
        todo.extend(c for c in ast.iter_child_nodes(node)
                    if isinstance(c, ast.stmt) and c.lineno <= rel <= (c.end_lineno or c.lineno))
    return None


class _PyFile:
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
        h = i if _DEF.match(lines[i]) else self.enclosing(i, indent(lines[i]), "def")
        if h is None:
            return cand
        cand.func, cand.h = cast("re.Match[str]", _DEF.match(lines[h])).group(1), h  # h is a def line
        if exc in _NOT_IMPL_NAMES and not (todo or TODO.search(cand.message)) and h != i \
                and _first_statement(lines, h) != i:
            return cand  # a raise in a function that does other work, with no TODO: nothing to report
        d_indent = indent(lines[h])
        start = _decorators_start(lines, h, d_indent)
        ends_here = (after := _next_code(lines, end + 1)) >= len(lines) or indent(lines[after]) <= d_indent
        func_end = block_end(lines, h)
        for first, last in ((start, end), (start, func_end), (h, end)):
            if (tree := _parse(lines, first, last)) is None:
                continue
            func = cast("ast.FunctionDef | ast.AsyncFunctionDef", tree.body[0])  # checked by `_parse`
            if (node := _raise_at(func, i - first + 1, exc)) is not None:
                cand.decorators = {_name(d) for d in func.decorator_list}
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
        cand.decorators = {d.rsplit(".", 1)[-1] for d in _DECORATOR.findall("\n".join(lines[start:h]))}
        cand.whole = ends_here and (h == i or _first_statement(lines, h) == i)
        return cand

    def class_of(self, h: int) -> tuple[str, str, str] | None:
        """(name, bases, docstring) of the class a def on line h is a method of."""
        c = self.enclosing(h, indent(self.lines[h]), "class")
        if c is not None and c not in self.classes:
            lines, end = self.lines, statement_end(self.lines, c)
            m = _CLASS.match(" ".join(lines[c:end + 1])[:MAX_LINE])
            doc = " ".join(lines[_next_code(lines, end + 1):_first_statement(lines, c)])[:MAX_LINE]
            self.classes[c] = (m.group(1), m.group(2) or "", doc) if m else None
        return None if c is None else self.classes[c]


def _ask_repo(call: Callable[[], Any], default: Any) -> Any:
    """A repository query that degrades to `default` when git fails: the answers only refine severities."""
    try:
        return call()
    except (OSError, ValueError, RuntimeError, ReadinessError):
        return default


def _class_index(ctx: ScanContext) -> tuple[dict, dict, dict]:
    """(base -> subclasses, class -> bases, class -> [(path, line index)]) from the repository's class lines."""
    children: dict[str, set[str]] = {}
    parents: dict[str, set[str]] = {}
    where: dict[str, list[tuple[str, int]]] = {}
    for path, number, text in _ask_repo(lambda: ctx.repo.grep(_INDEX_PATTERN, ("*.py",)), []):
        if (m := _CLASS.match(text)) is None:
            continue
        where.setdefault(m.group(1), []).append((path, number - 1))
        for base in (m.group(2) or "").split(","):
            base = base.split("[")[0].strip().rsplit(".", 1)[-1]
            if base.isidentifier():
                children.setdefault(base, set()).add(m.group(1))
                parents.setdefault(m.group(1), set()).add(base)
    return children, parents, where


def _repo_file(ctx: ScanContext, path: str) -> _PyFile:
    """A repository file: the scanned one when the context has it, else read from the repository (cached)."""
    known = ctx.cached("todo-throw:files", lambda: {f.path: f for f in ctx.files}).get(path)
    return ctx.cached(f"todo-throw:file:{path}", lambda: _PyFile(
        known or SourceFile(path, _ask_repo(lambda: ctx.repo.read_text(path), None) or "")))


def _method_of(ctx: ScanContext, where: dict, cls: str, method: str) -> tuple[list[str], int] | None:
    """(lines of its file, line index) of `def method` directly in a class named `cls`, by literal search."""
    for path, c in where.get(cls, ()):
        py = _repo_file(ctx, path)
        for m in re.finditer(re.escape(f"def {method}("), py.text):
            line = py.lines[k := py.text.count("\n", 0, m.start())]
            if (d := _DEF.match(line)) and d.group(1) == method and py.enclosing(k, indent(line), "class") == c:
                return py.lines, k
    return None


def _related(ctx: ScanContext, cls: str, method: str, up: bool) -> str | None:
    """A subclass (up=False) that defines `method`, or an ancestor (up=True) that implements it for real."""
    children, parents, where = ctx.cached("todo-throw:class-index", lambda: _class_index(ctx))
    links = parents if up else children  # names only: two classes of one name share their relatives
    seen, todo = {cls}, [cls]
    while todo and len(seen) < 5000:
        for other in sorted(links.get(todo.pop(), set()) - seen):
            seen.add(other)
            if (found := _method_of(ctx, where, other, method)) is None:
                todo.append(other)
            elif not up or not _is_placeholder(*found):
                return other
    return None


def _is_placeholder(lines: list[str], h: int) -> bool:
    """Whether the def on line h is abstract, or only raises NotImplementedError or passes (line patterns)."""
    if "NotImplemented" in lines[h] or "abstract" in "".join(lines[_decorators_start(lines, h, indent(lines[h])):h]):
        return True
    if not lines[statement_end(lines, h)].split("#")[0].rstrip().endswith(":"):
        return False  # a one-line def with a body
    first = lines[j] if (j := _first_statement(lines, h)) < len(lines) else ""
    return indent(first) <= indent(lines[h]) or first.strip().startswith(("raise NotImplemented", "pass", "..."))


def _downgrade(ctx: ScanContext, cand: SimpleNamespace, info: tuple[str, str, str] | None,
               comments: str) -> tuple[str, str] | None:
    """(rule, reason) when a whole-body raise looks abstract by convention or like a deliberate refusal."""
    name, bases, doc = info or ("", "", "")
    if _SUBCLASS_MSG.search(f"{cand.message} {cand.doc}") or cand.decorators & _DISPATCH:
        return _ABSTRACT, "a single-dispatch fallback" if cand.decorators & _DISPATCH else "its text names subclasses"
    if name and (_BASE_NAME.search(name) or re.search(r"\bABC\b|ABCMeta", bases) or _BASE_DOC.search(doc)):
        return _ABSTRACT, f"class {name} is marked as a base class"
    if name and (sub := _related(ctx, name, cand.func, up=False)):
        return _ABSTRACT, f"subclass {sub} overrides it"
    if UNSUPPORTED_MSG.search(f"{cand.message} {comments}"):
        return _REFUSED, (cand.message or comments).strip()[:120]
    if (cand.func[:2] == cand.func[-2:] == "__" and len(cand.func) > 4) or (
            name and cand.func in _CONTAINER_METHODS and bases.strip()):
        return _REFUSED, f"{name or 'the class'} opts out of the inherited {cand.func}()"
    if name and (parent := _related(ctx, name, cand.func, up=True)):
        return _REFUSED, f"{name} refuses {parent}.{cand.func}()"
    return None


def _scan_python(ctx: ScanContext, source: SourceFile) -> Iterator[RawFinding]:
    if not any(word in source.text for word in _PY_WORDS):
        return
    py, last = _PyFile(source), -1
    matches = list(_PY_RAISE.finditer(source.text))
    for i, m in zip(line_indexes(source.text, [m.start() for m in matches]), matches, strict=True):
        before = source.text[source.text.rfind("\n", 0, m.start()) + 1:m.start()].rstrip()  # a raise starts a statement
        if i == last or (before and before[-1] not in ":;") or not source.is_changed(i + 1) or ctx.cancelled():
            continue
        last, exc, comments = i, m.group(1), _comments(py.lines, i)
        cand = py.analyse(i, exc, bool(TODO.search(comments)))
        if cand is None or cand.decorators & _SKIP_DECORATORS:
            continue
        todo, where = TODO.search(f"{cand.message} {comments}"), f" in {cand.func}()" if cand.func else ""
        if exc not in _NOT_IMPL_NAMES:
            if not (todo or NOT_IMPL.search(cand.message)):
                continue
            rule, text = "python-todo-exception", f"raise {exc}(...) is a placeholder{where}: {cand.message.strip()}"
        elif cand.whole:
            rule, text = "python-stub", f"{cand.func}() is a stub that raises NotImplementedError"
        elif todo:
            rule, text = "python-todo-raise", f"raise NotImplementedError marked TODO{where}"
        else:
            continue
        info, severity = py.class_of(cand.h) if cand.func else None, _I if source.is_test else None
        if (info is not None and re.search(r"\bProtocol\b", info[1])) or py.in_string(i):
            continue
        if cand.whole and not todo and exc in _NOT_IMPL_NAMES and not _UNFINISHED.search(cand.message):
            if downgrade := _downgrade(ctx, cand, info, comments):
                rule, severity = downgrade[0], _I
                text = f"{cand.func}() only raises NotImplementedError; {_PHRASES[rule]} ({downgrade[1]})"
        yield RawFinding(rule=f"todo-throw/{rule}", path=source.path, line=i + 1, message=text[:300],
                         severity=severity)


class TodoThrowScanner:
    name = "todo-throw"
    rules = RULES

    def scan(self, ctx: ScanContext) -> Iterator[RawFinding]:
        for source in files_to_scan(ctx):
            language = source.language or language_of(source.path)
            if language == "python":
                yield from _scan_python(ctx, source)
            elif language in LANGS:
                yield from scan_pattern(source, LANGS[language])


SCANNER = TodoThrowScanner()
