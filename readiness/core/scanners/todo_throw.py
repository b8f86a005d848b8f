"""TODO throws: functions that only raise "not implemented", and placeholder throws in ten languages.

Python is judged by the AST of the one function around each candidate `raise` (found by indentation), never
of the whole file. A raise that is the whole body (after a docstring) is a stub: an error, unless the function
is abstract (`@abstractmethod`, `@overload`, a `Protocol` class: not reported) or abstract by convention (a
base/mixin/interface class, a message naming subclasses, a subclass elsewhere overriding it: info). A whole-body
raise whose message says the operation is unsupported is a deliberate refusal (info). A raise inside a function
that does other work is a deliberate "unsupported case" branch and is not reported, unless a TODO/FIXME in its
message or in the comment above says it is unfinished. Other languages are matched by literal-anchored patterns
on the text with comments and string contents blanked out. Stubs in test files are reported as info.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from readiness.core.models import Severity
from readiness.core.scanners.base import RawFinding, Rule, ScanContext, SourceFile, language_of

_MAX_LINE = 4000  # characters of one line looked at
_MAX_UP = 3000  # lines walked up to find an enclosing def or class
_MAX_STMT = 40  # lines one statement may span


def _rule(rid: str, severity: Severity, title: str, what: str, why: str, fix: str, example: str) -> Rule:
    return Rule(f"todo-throw/{rid}", "todo-throw", severity, title, what, why, fix, example)


_E, _I = Severity.ERROR, Severity.INFO
_WHY = "Code that throws instead of working ships a broken path that looks finished in review."
_FIX = "Implement it, or remove the caller; if it is intended, waive it with a reason."
RULES = {r.id: r for r in (
    _rule("python-stub", _E, "Stub function", "A function whose whole body raises NotImplementedError.",
          _WHY, "Implement the function, or mark it `@abc.abstractmethod` if subclasses must provide it.",
          "def refund(self, order):\n    raise NotImplementedError"),
    _rule("python-todo-raise", _E, "NotImplementedError marked TODO",
          "A `raise NotImplementedError` whose message or the comment above it says TODO or FIXME.",
          "The author marked this branch unfinished.", _FIX, "# TODO: partial refunds\nraise NotImplementedError"),
    _rule("python-todo-exception", _E, "Placeholder exception",
          "`raise Exception/RuntimeError(...)` whose message says TODO or not implemented.",
          _WHY, _FIX, 'raise RuntimeError("TODO: implement capture")'),
    _rule("python-abstract-by-convention", _I, "Abstract by convention",
          "A method that only raises NotImplementedError in a base/mixin/interface class, or one that subclasses "
          "override, or whose message asks subclasses to provide it.",
          "Probably intended, but `@abc.abstractmethod` makes the intent checkable.",
          "Use `abc.ABC` and `@abc.abstractmethod`, or waive it.",
          "class BaseStore:\n    def get(self, key):\n        raise NotImplementedError"),
    _rule("python-unsupported", _I, "Operation refused", "A function whose only body raises NotImplementedError "
          "with a message saying the operation is not supported.", "Usually deliberate; worth a look in review.",
          "Document the limitation, or raise a more specific error.",
          'def seek(self, offset):\n    raise NotImplementedError("seek is not supported")'),
    *(_rule(lang, _E, f"TODO throw ({label})", f"A placeholder throw in {label}: {what}.", _WHY, _FIX, example)
      for lang, label, what, example in (
          ("java", "Java", 'throw new UnsupportedOperationException("not implemented")',
           'throw new UnsupportedOperationException("TODO");'),
          ("kotlin", "Kotlin", "TODO(), or a throw whose message says TODO/not implemented", 'TODO("refunds")'),
          ("scala", "Scala", "???, or a throw whose message says TODO/not implemented", "def refund(): Unit = ???"),
          ("csharp", "C#", "throw new NotImplementedException()", "throw new NotImplementedException();"),
          ("go", "Go", 'panic("not implemented") or panic("TODO...")', 'panic("not implemented")'),
          ("rust", "Rust", "todo!() or unimplemented!()", "fn refund(&self) { todo!() }"),
          ("javascript", "JavaScript/TypeScript", 'throw new Error("TODO..." | "not implemented")',
           'throw new Error("not implemented");'),
          ("swift", "Swift", 'fatalError("not implemented" | "TODO")', 'fatalError("TODO")'),
          ("cpp", "C/C++", 'assert(!"not implemented"), throw std::logic_error("not implemented")',
           'assert(!"not implemented");'),
      ))
)}

_TODO = re.compile(r"\b(?:todo|fixme)\b", re.I)
_NOT_IMPL = re.compile(r"\bnot\s+(?:yet\s+)?implemented\b|\bunimplemented\b|\bimplement\s+me\b", re.I)
_SUBCLASS_MSG = re.compile(r"sub-?class|overrid|derived|abstract|child class|concrete|must (?:be )?implement|"
                           r"should (?:be )?implement|implementations? (?:must|should)|implemented by", re.I)
_UNSUPPORTED_MSG = re.compile(r"not supported|unsupported|n[o']t support|cannot|can't|can not|not possible|"
                              r"not allowed|not available|not applicable|only .{1,60} supported|support(?:ed)? only",
                              re.I)
_BASE_NAME = re.compile(r"^_*(?:Base|Abstract|Abc)(?:[A-Z_0-9]|$)|(?:Base|Mixin|Interface|ABC|Abstract)$|^_*I[A-Z][a-z]")
_BASE_DOC = re.compile(r"base class|abstract|interface|mixin|superclass|override|not be instantiated|"
                       r"sub-?class(?:es)? (?:must|should|need|have to|are expected|implement|provide)|"
                       r"(?:must|should|meant|intended|designed) to be (?:sub-?classed|extended)", re.I)
_ABC_BASES = re.compile(r"\bABC\b|ABCMeta")
_PROTOCOL = re.compile(r"\bProtocol\b")
_SKIP_DECORATORS = frozenset({"abstractmethod", "abstractproperty", "abstractclassmethod", "abstractstaticmethod",
                              "overload"})
_NOT_IMPL_NAMES = frozenset({"NotImplementedError", "NotImplemented"})

# ---------------------------------------------------------------- Python

_PY_WORDS = ("mplemented", "TODO", "FIXME", "todo", "fixme")
_PY_RAISE = re.compile(r"raise[ \t]+(?:builtins\.)?(NotImplementedError|NotImplemented|Exception|RuntimeError|"
                       r"BaseException|AssertionError)\b")
_DEF = re.compile(r"[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)")
_CLASS = re.compile(r"[ \t]*class[ \t]+(\w+)[ \t]*(?:\((.*?)\))?", re.S)
_DECORATED = re.compile(r"@\s*(?:[\w.]+\.)?(abstract\w*|overload)\b")
_PY_TOKEN = re.compile(r"""'''|\"\"\"|['"#()\[\]{}\\]""")
_STRING_START = re.compile(r"""[rRbBuUfF]{0,2}['"]""")


def _indent(line: str) -> int:
    stripped = line.lstrip(" \t")
    return len(line[: len(line) - len(stripped)].expandtabs(8))


def _scan_line(line: str, quote: str | None, depth: int) -> tuple[str | None, int, int]:
    """Carry string/bracket state over one line; returns (open quote, depth, index of a comment or -1)."""
    pos = 0
    while True:
        m = _PY_TOKEN.search(line, pos)
        if m is None:
            return (quote if quote is not None and len(quote) == 3 else None), depth, -1
        tok, pos = m.group(), m.end()
        if quote is not None:
            if tok == "\\":
                pos += 1
            elif tok == quote or (len(tok) == 3 and tok[0] == quote):
                pos = m.start() + len(quote)
                quote = None
        elif tok == "#":
            return None, depth, m.start()
        elif tok in ("'", '"', "'''", '"""'):
            quote = tok
        elif tok in "([{":
            depth += 1
        elif tok in ")]}":
            depth -= 1


def _stmt_end(lines: list[str], i: int) -> int:
    """Index of the last line of the statement starting on line i (best effort, capped)."""
    quote, depth, last = None, 0, min(len(lines), i + _MAX_STMT) - 1
    for j in range(i, last + 1):
        line = lines[j][:_MAX_LINE]
        quote, depth, comment = _scan_line(line, quote, depth)
        code = line if comment < 0 else line[:comment]
        if quote is None and depth <= 0 and not code.rstrip().endswith("\\"):
            return j
    return last


def _next_code(lines: list[str], j: int) -> int:
    while j < len(lines):
        s = lines[j].strip()
        if s and not s.startswith("#"):
            return j
        j += 1
    return j


def _comments(lines: list[str], i: int) -> str:
    """The trailing comment of line i and the comment lines right above it."""
    line = lines[i][:_MAX_LINE]
    at = _scan_line(line, None, 0)[2]
    parts = [line[at:]] if at >= 0 else []
    j = i - 1
    while j >= 0 and i - j <= 3 and lines[j].lstrip().startswith("#"):
        parts.append(lines[j])
        j -= 1
    return " ".join(parts)


def _parse(lines: list[str], start: int, end: int, prefix: str) -> ast.Module | None:
    n = len(prefix)
    block = "\n".join(line[n:] if line.startswith(prefix) else line.lstrip() for line in lines[start:end + 1])
    try:
        return ast.parse(block)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _name(node: ast.AST | None) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _strings(node: ast.AST | None) -> str:
    if node is None:
        return ""
    return " ".join(n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str))


class _Candidate:
    """What is known about one raise: filled from the AST of its function, or from lines when that fails."""

    def __init__(self, exc: str) -> None:
        self.exc, self.message, self.func, self.h = exc, "", "", -1
        self.whole = self.skip = self.in_string = False


def _analyse(lines: list[str], i: int, exc: str) -> _Candidate:
    cand = _Candidate(exc)
    end = _stmt_end(lines, i)
    indent = _indent(lines[i])
    h = i if _DEF.match(lines[i]) else _enclosing(lines, i, indent, _DEF, stop=_CLASS)
    if h is None:
        cand.message = " ".join(lines[i:end + 1])[:_MAX_LINE]
        return cand
    prefix = lines[h][: len(lines[h]) - len(lines[h].lstrip(" \t"))]
    d_indent = _indent(lines[h])
    start = _decorators_start(lines, h, d_indent)
    cand.func, cand.h = _DEF.match(lines[h]).group(1), h
    after = _next_code(lines, end + 1)
    body_ends_here = after >= len(lines) or _indent(lines[after]) <= d_indent
    func_end = _next_code_at_most(lines, end + 1, d_indent) - 1
    for first, last in ((start, func_end), (start, end), (h, end)):
        tree = _parse(lines, first, last, prefix)
        if tree is not None and tree.body and isinstance(tree.body[0], ast.FunctionDef | ast.AsyncFunctionDef):
            return _from_ast(cand, tree, i - first + 1, body_ends_here or last == func_end)
    decorators = "\n".join(lines[start:h])
    cand.skip = bool(_DECORATED.search(decorators))
    cand.message = " ".join(lines[i:end + 1])[:_MAX_LINE]
    cand.whole = body_ends_here and _only_docstring_between(lines, h, i)
    return cand


def _raise_at(tree: ast.AST, rel: int, exc: str) -> ast.Raise | None:
    return next((n for n in ast.walk(tree) if isinstance(n, ast.Raise) and n.lineno == rel and _name(n.exc) == exc),
                None)


def _from_ast(cand: _Candidate, tree: ast.Module, rel: int, ends: bool) -> _Candidate:
    func = tree.body[0]
    cand.skip = any(_name(d) in _SKIP_DECORATORS for d in func.decorator_list)
    node = _raise_at(func, rel, cand.exc)
    if node is None:  # after the function at module level, or inside a string
        node = _raise_at(tree, rel, cand.exc)
        cand.in_string, cand.func, cand.skip = node is None, "", False
        cand.message = _strings(node.exc) if node is not None else ""
        return cand
    cand.message = _strings(node.exc)
    body = func.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    cand.whole = ends and len(body) == 1 and body[0] is node
    return cand


def _enclosing(lines: list[str], i: int, indent: int, want: re.Pattern, stop: re.Pattern) -> int | None:
    """Nearest line above i with less indentation matching `want`; None on reaching `stop` first."""
    for j in range(i - 1, max(-1, i - _MAX_UP), -1):
        s = lines[j].lstrip()
        if not s.startswith(("def", "async", "class")) or _indent(lines[j]) >= indent:
            continue
        if want.match(lines[j]):
            return j
        if stop.match(lines[j]):
            return None
    return None


def _decorators_start(lines: list[str], h: int, d_indent: int) -> int:
    start, j = h, h - 1
    while j >= 0 and h - j < 30:
        s = lines[j].strip()
        if s.startswith("@") and _indent(lines[j]) == d_indent:
            start = j
        elif s and not s.startswith("#") and _indent(lines[j]) <= d_indent and s[0] not in ")]}":
            break
        j -= 1
    return start


def _next_code_at_most(lines: list[str], j: int, d_indent: int) -> int:
    while j < len(lines) and j < _MAX_UP * 2:
        s = lines[j].lstrip()
        if s and not s.startswith("#") and _indent(lines[j]) <= d_indent:
            return j
        j += 1
    return j


def _only_docstring_between(lines: list[str], h: int, i: int) -> bool:
    """Line-pattern fallback: is the raise on line i the first statement after the header (and docstring)?"""
    if h == i:
        return True
    j = _next_code(lines, _stmt_end(lines, h) + 1)
    if j < i and _STRING_START.match(lines[j].lstrip()):
        j = _next_code(lines, _stmt_end(lines, j) + 1)
    return j == i


def _class_of(lines: list[str], h: int, memo: dict) -> tuple[str, str, str] | None:
    c = _enclosing(lines, h, _indent(lines[h]), _CLASS, stop=_DEF)
    if c is None:
        return None
    if c not in memo:
        end = _stmt_end(lines, c)
        m = _CLASS.match(" ".join(lines[c:end + 1])[:_MAX_LINE])
        j = _next_code(lines, end + 1)
        doc = ""
        if j < len(lines) and _STRING_START.match(lines[j].lstrip()):
            doc = " ".join(lines[j:_stmt_end(lines, j) + 1])[:_MAX_LINE]
        memo[c] = (m.group(1), m.group(2) or "", doc) if m else None
    return memo[c]


def _class_index(ctx: ScanContext) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(base name -> subclass names, class name -> method names) from `class `/`def ` lines of the repository."""
    rows: list[tuple[str, int, str]] = []
    for word in ("class ", "def "):
        try:
            rows.extend(ctx.repo.grep(word, ("*.py",)))
        except (OSError, ValueError, RuntimeError):
            return {}, {}
    children: dict[str, set[str]] = {}
    methods: dict[str, set[str]] = {}
    stack: list[tuple[int, str | None]] = []
    current = None
    for path, _number, text in sorted(rows, key=lambda r: (r[0], r[1])):
        if path != current:
            current, stack = path, []
        ind = _indent(text)
        while stack and stack[-1][0] >= ind:
            stack.pop()
        if (m := _DEF.match(text)) is not None:
            if stack and stack[-1][1] is not None:
                methods.setdefault(stack[-1][1], set()).add(m.group(1))
            stack.append((ind, None))
        elif (m := _CLASS.match(text)) is not None:
            for base in (m.group(2) or "").split(","):
                base = base.split("[")[0].strip().rsplit(".", 1)[-1]
                if base.isidentifier():
                    children.setdefault(base, set()).add(m.group(1))
            stack.append((ind, m.group(1)))
    return children, methods


def _overriding_subclass(ctx: ScanContext, cls: str, method: str) -> str | None:
    children, methods = ctx.cached("todo-throw:class-index", lambda: _class_index(ctx))
    seen, todo = {cls}, list(children.get(cls, ()))
    while todo and len(seen) < 5000:
        sub = todo.pop()
        if sub in seen:
            continue
        seen.add(sub)
        if method in methods.get(sub, ()):
            return sub
        todo.extend(children.get(sub, ()))
    return None


def _convention(ctx: ScanContext, info: tuple[str, str, str] | None, func: str, message: str) -> str | None:
    if _SUBCLASS_MSG.search(message):
        return "its message says subclasses provide it"
    if info is None:
        return None
    name, bases, doc = info
    if _BASE_NAME.search(name):
        return f"class {name} is named as a base class"
    if _ABC_BASES.search(bases):
        return f"class {name} derives from ABC"
    if _BASE_DOC.search(doc):
        return f"the docstring of {name} describes a base class"
    sub = _overriding_subclass(ctx, name, func)
    return f"subclass {sub} overrides it" if sub else None


def _python_lines(source: SourceFile) -> Iterator[tuple[int, str]]:
    """(0-based line index, exception name) of candidate raises, one per line."""
    lines, changed = source.lines, source.changed
    if changed is not None and len(changed) * 20 < len(lines):
        for number in sorted(changed):
            line = lines[number - 1][:_MAX_LINE] if 1 <= number <= len(lines) else ""
            m = _PY_RAISE.search(line) if "raise" in line else None
            if m and (m.start() == 0 or not (line[m.start() - 1].isalnum() or line[m.start() - 1] == "_")):
                yield number - 1, m.group(1)
        return
    text, pos, number, last = source.text, 0, 1, 0
    for m in _PY_RAISE.finditer(text):
        number += text.count("\n", pos, m.start())
        pos = m.start()
        if number != last and (pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")):
            last = number
            yield number - 1, m.group(1)


def _scan_python(ctx: ScanContext, source: SourceFile) -> Iterator[RawFinding]:
    if not any(word in source.text for word in _PY_WORDS):
        return
    lines, memo = source.lines, {}
    test_severity = _I if source.is_test else None
    for i, exc in _python_lines(source):
        if not source.is_changed(i + 1) or ctx.cancelled():
            continue
        cand = _analyse(lines, i, exc)
        if cand.skip or cand.in_string:
            continue
        todo = _TODO.search(cand.message) or _TODO.search(_comments(lines, i))
        where = f" in {cand.func}()" if cand.func else ""
        if exc not in _NOT_IMPL_NAMES:
            if not (todo or _NOT_IMPL.search(cand.message)):
                continue
            rule, text = "python-todo-exception", f"raise {exc}(...) is a placeholder{where}: {cand.message.strip()}"
        elif cand.whole:
            rule, text = "python-stub", f"{cand.func}() is a stub that raises NotImplementedError"
        elif todo:
            rule, text = "python-todo-raise", f"raise NotImplementedError marked TODO{where}"
        else:
            continue
        info = _class_of(lines, cand.h, memo) if cand.func else None
        if info is not None and _PROTOCOL.search(info[1]):
            continue
        severity = test_severity
        if cand.whole and not todo:
            reason = _convention(ctx, info, cand.func, cand.message)
            if reason:
                rule, severity = "python-abstract-by-convention", _I
                text = f"{cand.func}() raises NotImplementedError; abstract by convention ({reason})"
            elif _UNSUPPORTED_MSG.search(cand.message):
                rule, severity = "python-unsupported", _I
                text = f"{cand.func}() only refuses: {cand.message.strip()[:120]}"
        yield RawFinding(rule=f"todo-throw/{rule}", path=source.path, line=i + 1, message=text[:300],
                         severity=severity)


# ---------------------------------------------------------------- other languages

_SLASH_COMMENTS = r"//[^\n]*|/\*[\s\S]*?(?:\*/|\Z)"
_DQ = r'"(?:\\.|[^"\\\n])*"'
_CHAR = r"'(?:\\[^'\n]{1,10}|[^'\\\n])'"
_TRIPLE = r'"""[\s\S]*?"""'
_LIT = r'(?=")'  # in masked text every string literal starts with a double quote
_PLACEHOLDER_EXC = r"(?:UnsupportedOperationException|NotImplementedError|RuntimeException|IllegalStateException|Error)"


def _lang(rule: str, tokens: str, *patterns: tuple[str, bool]) -> tuple[str, re.Pattern, list]:
    """patterns: (regex, needs a TODO/not-implemented message in the string literal that follows)."""
    compiled = [(re.compile(p + (_LIT if msg else "")), re.compile(p), msg) for p, msg in patterns]
    return rule, re.compile(tokens), compiled


_JVM_THROW = (r"\bthrow\s+(?:new\s+)?(?:java\.lang\.|kotlin\.|scala\.)?" + _PLACEHOLDER_EXC + r"\s*\(\s*", True)
_JS = _lang("javascript", "|".join((_SLASH_COMMENTS, _DQ, r"'(?:\\.|[^'\\\n])*'", r"`(?:\\[\s\S]|[^`\\])*`")),
            (r"\bthrow\s+(?:new\s+)?(?:\w*Error\s*\(\s*)?", True))
_C = _lang("cpp", "|".join((_SLASH_COMMENTS, _DQ, _CHAR)), (r"\bassert\s*\(\s*!\s*", True),
           (r"\bthrow\s+(?:std::)?(?:logic_error|runtime_error|exception|invalid_argument)\s*\(\s*", True))
_LANGS = {
    "java": _lang("java", "|".join((_SLASH_COMMENTS, _TRIPLE, _DQ, _CHAR)), _JVM_THROW),
    "kotlin": _lang("kotlin", "|".join((_SLASH_COMMENTS, _TRIPLE, _DQ, _CHAR)), _JVM_THROW,
                    (r"(?<!fun )\bTODO\s*\(", False), (r"\bthrow\s+NotImplementedError\s*\(\s*\)", False)),
    "scala": _lang("scala", "|".join((_SLASH_COMMENTS, _TRIPLE, _DQ, _CHAR)), _JVM_THROW,
                   (r"(?<![\w?!=<>:])\?\?\?(?![\w?])", False), (r"\bthrow\s+new\s+NotImplementedError\b", False)),
    "csharp": _lang("csharp", "|".join((_SLASH_COMMENTS, r'@"(?:[^"]|"")*"', _DQ, _CHAR)),
                    (r"\bthrow\s+new\s+(?:System\.)?NotImplementedException\b", False)),
    "go": _lang("go", "|".join((_SLASH_COMMENTS, _DQ, r"`[^`]*`", _CHAR)),
                (r"\bpanic\s*\(\s*(?:(?:fmt\.Sprintf|fmt\.Errorf|errors\.New)\s*\(\s*)?", True)),
    "rust": _lang("rust", "|".join((_SLASH_COMMENTS, r'\bb?r(#*)"[\s\S]*?"\1', _DQ, _CHAR)),
                  (r"\b(?:todo|unimplemented)!\s*[(\[{]", False)),
    "javascript": _JS,
    "typescript": _JS,
    "swift": _lang("swift", "|".join((_SLASH_COMMENTS, _TRIPLE, _DQ)),
                   (r"\b(?:fatalError|preconditionFailure)\s*\(\s*", True)),
    "c": _C,
    "cpp": _C,
}


def _blank(text: str) -> str:
    return " " * len(text) if "\n" not in text else re.sub(r"[^\n]", " ", text)


def _mask(text: str, tokens: re.Pattern) -> tuple[str, dict[int, int]]:
    """The text with comments blanked and string contents blanked (quotes kept); literal start -> end offsets."""
    spans: dict[int, int] = {}

    def replace(m: re.Match) -> str:
        s = m.group()
        if s[:2] in ("//", "/*"):
            return _blank(s)
        spans[m.start()] = m.end()
        return '"' + _blank(s[1:-1]) + '"'

    return tokens.sub(replace, text), spans


def _scan_pattern(source: SourceFile, lang: tuple[str, re.Pattern, list]) -> Iterator[RawFinding]:
    rule, tokens, patterns = lang
    text = source.text
    if not any(_raw_hit(raw, text, msg) for _, raw, msg in patterns):
        return
    masked, spans = _mask(text, tokens)
    hits: dict[int, str] = {}
    for pattern, _raw, msg in patterns:
        for m in pattern.finditer(masked):
            label = text[m.start():m.end()].strip()
            if msg:
                end = spans.get(m.end())
                literal = text[m.end():end] if end else ""
                if not (_TODO.search(literal) or _NOT_IMPL.search(literal)):
                    continue
                label += literal[:100]
            hits.setdefault(m.start(), label)
    severity = _I if source.is_test else None
    pos, number = 0, 1
    for start in sorted(hits):
        number += text.count("\n", pos, start)
        pos = start
        if source.is_changed(number):
            yield RawFinding(rule=f"todo-throw/{rule}", path=source.path, line=number,
                             message=f"placeholder throw left in code: {' '.join(hits[start].split())[:200]}",
                             severity=severity)


def _raw_hit(raw: re.Pattern, text: str, needs_message: bool) -> bool:
    """Cheap prefilter on the raw text: a pattern hit, with a TODO-ish word shortly after when one is needed."""
    for m in raw.finditer(text):
        if not needs_message or _TODO.search(text, m.end(), m.end() + 200) or _NOT_IMPL.search(
                text, m.end(), m.end() + 200):
            return True
    return False


class TodoThrowScanner:
    name = "todo-throw"
    rules = RULES

    def scan(self, ctx: ScanContext) -> Iterator[RawFinding]:
        for source in ctx.files:
            if ctx.cancelled():
                return
            if source.changed is not None and not source.changed:
                continue
            language = source.language or language_of(source.path)
            if language == "python":
                yield from _scan_python(ctx, source)
            elif language in _LANGS:
                yield from _scan_pattern(source, _LANGS[language])


SCANNER = TodoThrowScanner()
