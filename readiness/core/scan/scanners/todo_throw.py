"""TODO throws: functions that only raise "not implemented", and placeholder throws in ten languages.

Python: a candidate `raise` is judged by the AST of its enclosing function alone (found by indentation; line patterns
when it does not parse). A whole-body raise is a stub (error) unless abstract (`@abstractmethod`, `@overload`,
`Protocol`: silent), abstract by convention or a deliberate refusal (info); TODO/FIXME or "yet" keeps it an error.
A `raise NotImplementedError` in one branch of a function that does other work is an unfinished branch: an error
when its message or comment says unfinished (TODO, not yet, later, implement, stub...), a warning ("unfinished
branch?") on changed lines of a diff, silent when its message refuses an input ("not supported", "unknown ...") or
in an `--all` audit. Other languages: literal-anchored patterns on the text with comments and strings blanked. Test
files: everything is info.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

from readiness.core.errors import ReadinessError
from readiness.core.models import Severity
from readiness.core.scan._source.python_lines import (
    indent,
    statement_end,
)
from readiness.core.scan.base import PerFileScanner, RawFinding, Rule, ScanContext, SourceFile, language_of
from readiness.core.scan.scanners._todo_patterns import (
    LANGS,
    NOT_IMPL,
    REFUSED_INPUT,
    TODO,
    UNFINISHED_MSG,
    UNSUPPORTED_MSG,
    line_indexes,
    scan_pattern,
)
from readiness.core.scan.scanners._todo_pyfile import (
    CLASS,
    DEF,
    NOT_IMPL_NAMES,
    PyFile,
    comments_of,
    decorators_start,
    first_statement,
)

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_WHY = 'A throw instead of work ships a broken path that looks finished: "No TODO throws" (Ready for Review).'
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
    ("python-unfinished-branch", _W, "Unfinished branch?", "On changed lines, a `raise NotImplementedError` in one "
     "branch of a function that also does real work; an error when its message says the branch is unfinished "
     "(todo, not yet, later, implement, stub).", _WHY, "Implement the branch, or raise an error that says which "
     "input is refused (`ValueError(f\"unknown strategy {strategy!r}\")`); waive it with a reason if it is "
     "deliberate.", 'if strategy == "fixed":\n    return attempts\nelif strategy == "adaptive":\n    raise '
     'NotImplementedError("adaptive retry budgets")'),
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
_SKIPDECORATORS = {"abstractmethod", "abstractproperty", "abstractclassmethod", "abstractstaticmethod", "overload"}
_DISPATCH = {"singledispatch", "singledispatchmethod"}
_CONTAINER_METHODS = {"keys", "values", "items", "get", "pop", "popitem", "setdefault", "update", "clear", "append",
                      "extend", "insert", "remove", "add", "discard", "sort", "reverse", "copy"}
_ABSTRACT, _REFUSED = "python-abstract-by-convention", "python-unsupported"
_PHRASES = {_ABSTRACT: "abstract by convention", _REFUSED: "looks like a deliberate refusal"}
_PY_WORDS = ("mplemented", "TODO", "FIXME", "todo", "fixme")
_PY_RAISE = re.compile(r"raise[ \t]+(?:builtins\.)?(NotImplementedError|NotImplemented|Exception|RuntimeError|"
                       r"BaseException|AssertionError)\b")
_INDEX_PATTERN = "class "  # for `git grep -E`: a literal keeps it fast; rows are filtered here




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
        if (m := CLASS.match(text)) is None:
            continue
        where.setdefault(m.group(1), []).append((path, number - 1))
        for base in (m.group(2) or "").split(","):
            base = base.split("[")[0].strip().rsplit(".", 1)[-1]
            if base.isidentifier():
                children.setdefault(base, set()).add(m.group(1))
                parents.setdefault(m.group(1), set()).add(base)
    return children, parents, where


def _repo_file(ctx: ScanContext, path: str) -> PyFile:
    """A repository file: the scanned one when the context has it, else read from the repository (cached)."""
    known = ctx.cached("todo-throw:files", lambda: {f.path: f for f in ctx.files}).get(path)
    return ctx.cached(f"todo-throw:file:{path}", lambda: PyFile(
        known or SourceFile(path, _ask_repo(lambda: ctx.repo.read_text(path), None) or "")))


def _method_of(ctx: ScanContext, where: dict, cls: str, method: str) -> tuple[list[str], int] | None:
    """(lines of its file, line index) of `def method` directly in a class named `cls`, by literal search."""
    for path, c in where.get(cls, ()):
        py = _repo_file(ctx, path)
        for m in re.finditer(re.escape(f"def {method}("), py.text):
            line = py.lines[k := py.text.count("\n", 0, m.start())]
            if (d := DEF.match(line)) and d.group(1) == method and py.enclosing(k, indent(line), "class") == c:
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
    if "NotImplemented" in lines[h] or "abstract" in "".join(lines[decorators_start(lines, h, indent(lines[h])):h]):
        return True
    if not lines[statement_end(lines, h)].split("#")[0].rstrip().endswith(":"):
        return False  # a one-line def with a body
    first = lines[j] if (j := first_statement(lines, h)) < len(lines) else ""
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


def _said(message: str, comments: str) -> str:
    """The raise's message (or the comment above it) on one short line, for the finding's text."""
    if message.lstrip().startswith("raise"):  # the statement's text: keep its string literals
        message = " ".join(a or b for a, b in re.findall(r'"([^"\n]+)"|\'([^\'\n]+)\'', message))
    said = message.strip() or comments.strip().lstrip("#").strip()
    return " ".join(said.split())[:120] or "(no message)"


def _unfinished_branch(ctx: ScanContext, source: SourceFile, cand: SimpleNamespace, exc: str, comments: str) -> bool:
    """A warning-level unfinished branch: new code of a diff (not an `--all` audit, where mature code refuses cases on
    purpose), in a function, not a test, not a dunder, and no message naming the input it refuses."""
    said = f"{cand.message} {comments}"
    return (ctx.scope == "diff" and exc == "NotImplementedError" and bool(cand.func) and not source.is_test
            and not (cand.func[:2] == cand.func[-2:] == "__") and not UNSUPPORTED_MSG.search(said)
            and not REFUSED_INPUT.search(said))


def _scan_python(ctx: ScanContext, source: SourceFile) -> Iterator[RawFinding]:
    if not any(word in source.text for word in _PY_WORDS):
        return
    py, last = PyFile(source), -1
    matches = list(_PY_RAISE.finditer(source.text))
    for i, m in zip(line_indexes(source.text, [m.start() for m in matches]), matches, strict=True):
        before = source.text[source.text.rfind("\n", 0, m.start()) + 1:m.start()].rstrip()  # a raise starts a statement
        if i == last or (before and before[-1] not in ":;") or not source.is_changed(i + 1) or ctx.cancelled():
            continue
        last, exc, comments = i, m.group(1), comments_of(py.lines, i)
        cand = py.analyse(i, exc, bool(TODO.search(comments)))
        if cand is None or cand.decorators & _SKIPDECORATORS:
            continue
        todo, where = TODO.search(f"{cand.message} {comments}"), f" in {cand.func}()" if cand.func else ""
        if exc not in NOT_IMPL_NAMES:
            if not (todo or NOT_IMPL.search(cand.message)):
                continue
            rule, text = "python-todo-exception", f"raise {exc}(...) is a placeholder{where}: {cand.message.strip()}"
        elif cand.whole:
            rule, text = "python-stub", f"{cand.func}() is a stub that raises NotImplementedError"
        elif todo:
            rule, text = "python-todo-raise", f"raise NotImplementedError marked TODO{where}"
        elif UNFINISHED_MSG.search(f"{cand.message} {comments}"):
            rule, text = "python-todo-raise", f"raise NotImplementedError says the branch is unfinished{where}: " \
                f"{_said(cand.message, comments)}"
        elif _unfinished_branch(ctx, source, cand, exc, comments):
            rule, text = "python-unfinished-branch", f"unfinished branch? {cand.func}() does real work but this " \
                f"branch raises NotImplementedError: {_said(cand.message, comments)}"
        else:
            continue
        info, severity = py.class_of(cand.h) if cand.func else None, _I if source.is_test else None
        if (info is not None and re.search(r"\bProtocol\b", info[1])) or py.in_string(i):
            continue
        if cand.whole and not todo and exc in NOT_IMPL_NAMES and not _UNFINISHED.search(cand.message):
            if downgrade := _downgrade(ctx, cand, info, comments):
                rule, severity = downgrade[0], _I
                text = f"{cand.func}() only raises NotImplementedError; {_PHRASES[rule]} ({downgrade[1]})"
        yield RawFinding(rule=f"todo-throw/{rule}", path=source.path, line=i + 1, message=text[:300],
                         severity=severity)


class TodoThrowScanner(PerFileScanner):
    name = "todo-throw"
    rules = RULES

    def scan_file(self, ctx: ScanContext, source: SourceFile) -> Iterator[RawFinding]:
        language = source.language or language_of(source.path)
        if language == "python":
            yield from _scan_python(ctx, source)
        elif language in LANGS:
            yield from scan_pattern(source, LANGS[language], diff=ctx.scope == "diff")


SCANNER = TodoThrowScanner()
