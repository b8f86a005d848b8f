"""Python tests read by structure (the AST), for the methodology's test checks: a negative test and a tamper test.

"Negative test included for at least one failure mode" and "HMAC logic verified (sign + tamper fail)" are claims
about what a test does, so a word in a comment, a string or a test's name never satisfies them:

- a negative test is an assertion of failure — `with pytest.raises(...)`, `self.assertRaises(...)` (as a context or
  with the callable), `assert not f(...)`, `assert f(...) is False/None`, `assertFalse(f(...))`, an asserted 4xx/5xx
  status — whose body (or asserted expression) calls something of the subject module;
- a tamper test is a test that calls a verify-like function of the subject module (`verify`, `check`, `validate`,
  `unsign`, `loads`, `compare_digest`, ...) under such a rejection assertion, and alters the input somewhere in the
  same test (slicing, concatenation, `.replace(`, a changed byte, `^`), or signs data first.

"Something of the subject module" is a name the test imports from it, a module alias (`payments.refund(...)`), or one
of the module's own top-level definitions called by name. Files that do not parse count as having no such test.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from readiness.core.scan._source.code import all_paths, read, setting
from readiness.core.scan._source.imports import import_matches, import_statements, python_module_names
from readiness.core.scan._source.pyast import dotted, parse, python_tree

if TYPE_CHECKING:
    from readiness.core.scan.base import ScanContext

# pytest.raises, unittest's assertRaises* (and kin such as Django's assertRaisesMessage), nose's assert_raises
_RAISES = re.compile(r"^(?:raises|assert_?[Rr]aises\w*|assertWarns\w*)$")
_FALSE_ASSERTS = {"assertFalse", "assertIsNone", "assert_false"}
# Cheap text tests before parsing: a file without any failure assertion (or verify-like call) cannot qualify.
_MAY_REJECT = re.compile(r"[Rr]aises|assert\s+not\b|\bis\s+(?:False|None)\b|==\s*(?:False|None|[45]\d\d)\b|"
                         r"assertFalse|assertIsNone|assert_false|assertEqual|assertIs\b")
_VERIFY = re.compile(r"(?i)verif|check|valid|unsign|compare_digest|authentic|loads$|decode$|^open$|unseal|unwrap")
_VERIFY_TEXT = re.compile(r"(?i)verif|check|valid|unsign|compare_digest|authentic|loads|decode|unseal|unwrap")
_SIGN = re.compile(r"(?i)sign|hmac|digest|mac$|seal|dumps$|encode$")


@dataclass(frozen=True, slots=True)
class Subject:
    """What a test may call to exercise one module: its importable names and its top-level definitions."""

    modules: frozenset[str]  # dotted names the module is imported by (`pkg.payments`)
    names: frozenset[str]  # its top-level functions and classes


def _call_name(node: ast.Call) -> str | None:
    return dotted(node.func) or (node.func.attr if isinstance(node.func, ast.Attribute) else None)


class TestFacts:
    """What one test file does, read once whatever the number of modules it is judged for: its imports, the calls
    made under a failure assertion, and per test function those calls, all its calls and whether it alters data.

    The imports and the file's rejected calls come from one walk of the tree (all a negative test needs); the
    per-function facts (the tamper check only) are computed the first time they are asked for."""

    __slots__ = ("imports", "rejected", "_tree", "_functions")

    def __init__(self, tree: ast.Module, text: str | None = None) -> None:
        imports: list[tuple[str, str | None, str]] = []  # (module, name imported from it or None, local name)
        rejected: set[str] = set()  # dotted names of calls under a failure assertion, anywhere in the file
        for node in (ast.walk(tree) if text is None else _walk_near(tree, _marks(text))):
            if isinstance(node, ast.Import):
                imports += [(alias.name, None, alias.asname or alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.module:
                    imports += [(node.module, alias.name, alias.asname or alias.name) for alias in node.names]
            else:
                _reject(node, rejected)
        self.imports: tuple[tuple[str, str | None, str], ...] = tuple(imports)
        self.rejected: frozenset[str] = frozenset(rejected)
        self._tree = tree
        self._functions: tuple[tuple[frozenset[str], frozenset[str], bool], ...] | None = None

    @property
    def functions(self) -> tuple[tuple[frozenset[str], frozenset[str], bool], ...]:
        """(rejected calls, all calls, alters data) of each test function."""
        if self._functions is None:
            self._functions = tuple((frozenset(_rejected_calls(f)), frozenset(_calls_in(f)), _alters(f))
                                    for f in _tests(self._tree))
        return self._functions


def _calls_in(node: ast.AST) -> set[str]:
    return {name for n in ast.walk(node) if isinstance(n, ast.Call) and (name := _call_name(n)) is not None}


def _rejected_calls(scope: ast.AST) -> set[str]:
    """The calls of `scope` under a failure assertion: the body of a raises-context, the callable of a
    raises-call, an asserted false/None/error result."""
    out: set[str] = set()
    for node in ast.walk(scope):
        _reject(node, out)
    return out


def _reject(node: ast.AST, out: set[str]) -> None:
    """Add the calls that `node` itself asserts fail (see `_rejected_calls`)."""
    if isinstance(node, ast.With | ast.AsyncWith):
        for item in node.items:
            expr = item.context_expr
            if isinstance(expr, ast.Call) and _RAISES.match((_call_name(expr) or "").rsplit(".", 1)[-1]):
                for statement in node.body:
                    out |= _calls_in(statement)
    elif isinstance(node, ast.Call):
        last = (_call_name(node) or "").rsplit(".", 1)[-1]
        if _RAISES.match(last) and len(node.args) > 1:  # assertRaises(E, func, *args): func is called
            out |= _calls_in(ast.Call(func=node.args[1], args=node.args[2:], keywords=[]))
        elif last in _FALSE_ASSERTS and node.args:
            out |= _calls_in(node.args[0])
        elif last in ("assertEqual", "assertIs") and len(node.args) > 1 and _falsy_or_error(node.args[1]):
            out |= _calls_in(node.args[0])
    elif isinstance(node, ast.Assert):
        failing = _asserted_failure(node.test)
        if failing is not None:
            out |= _calls_in(failing)


def test_facts(tree: ast.Module | None, text: str | None = None) -> TestFacts | None:
    """The facts of a parsed test file (None: it did not parse); with its `text`, only the parts of the tree
    around the lines that can hold an import or a failure assertion are visited (`_walk_near`)."""
    return TestFacts(tree, text) if tree is not None else None


# Every node the facts look at has one of these words inside its own span: `import` (Import, ImportFrom), `assert`
# (Assert, assertFalse/assertIsNone/assert_false/assertEqual/assertIs/assertRaises... calls), `aises` (raises,
# assert_raises, assertRaisesRegex...), `Warns` (assertWarns...).
_MARK = re.compile(r"import|assert|aises|Warns")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # how the parser counts lines (not str.splitlines: \f, \x1c... are not breaks)


def _marks(text: str) -> list[tuple[int, int]]:
    """(line, UTF-8 column) of every marked word, in order: the positions the parser gives nodes."""
    out: list[tuple[int, int]] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        for match in _MARK.finditer(line):
            out.append((number, len(line[:match.start()].encode("utf-8", "surrogatepass"))))
    return out


def _walk_near(tree: ast.AST, marks: list[tuple[int, int]]) -> Iterator[ast.AST]:
    """`ast.walk` (same order) without the subtrees that hold no marked word: nothing in them can be an import or
    a failure assertion, since a node's children lie within its span (decorators, above a `def` or `class`, are
    counted in). An `assert x == y` is visited, its operands (which hold no marked word) are not."""
    todo = deque([tree])
    while todo:
        node = todo.popleft()
        yield node
        for child in ast.iter_child_nodes(node):
            line = getattr(child, "lineno", None)
            if line is not None:
                start = (line, child.col_offset)  # type: ignore[attr-defined]
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    start = min([start, *((d.lineno, d.col_offset) for d in child.decorator_list)])
                end_col = getattr(child, "end_col_offset", None)
                end = (getattr(child, "end_lineno", None) or line, 1 << 30 if end_col is None else end_col)
                index = bisect_left(marks, start)
                if index == len(marks) or marks[index] >= end:
                    continue
            todo.append(child)


class _Ours:
    """Which call names of a test file are the subject module's."""

    def __init__(self, facts: TestFacts, subject: Subject) -> None:
        self.aliases: set[str] = set()  # local names bound to the module itself
        self.imported: set[str] = set()  # local names imported from the module
        for module, name, local in facts.imports:
            if name is None and module in subject.modules:
                self.aliases.add(local)
            elif name is not None and module in subject.modules:
                self.imported.add(local)
            elif name is not None and f"{module}.{name}" in subject.modules:
                self.aliases.add(local)
        self.names = subject.names

    def __call__(self, name: str, wanted: re.Pattern[str] | None = None) -> bool:
        head, _, _ = name.partition(".")
        last = name.rsplit(".", 1)[-1]
        ours = (head in self.imported or head in self.names or last in self.names or
                any(name.startswith(alias + ".") for alias in self.aliases))
        return ours and (wanted is None or wanted.search(last) is not None)


def _falsy_or_error(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        value = node.value
        return value is False or value is None or (isinstance(value, int) and not isinstance(value, bool)
                                                   and 400 <= value < 600)
    return False


def _asserted_failure(test: ast.expr) -> ast.AST | None:
    """The expression an `assert` says fails: `not X`, `X is False/None`, `X == False`, `X.status_code == 4xx`."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return test.operand
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Is | ast.Eq):
        left, right = test.left, test.comparators[0]
        if _falsy_or_error(right):
            return left
        if _falsy_or_error(left):
            return right
    return None


def _tests(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            yield node


def _alters(function: ast.AST) -> bool:
    """Does the test change data somewhere: slicing, concatenation, xor, `.replace(`, an item or byte set?"""
    for node in ast.walk(function):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.BitXor | ast.Sub):
            return True
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            return True
        if isinstance(node, ast.Assign | ast.AugAssign) and any(
                isinstance(t, ast.Subscript) for t in (node.targets if isinstance(node, ast.Assign) else [node.target])):
            return True
        if isinstance(node, ast.Call) and (_call_name(node) or "").rsplit(".", 1)[-1] in ("replace", "flip", "tamper"):
            return True
    return False


def may_be_negative(text: str) -> bool:
    return _MAY_REJECT.search(text) is not None


def may_be_tamper(text: str) -> bool:
    return _MAY_REJECT.search(text) is not None and _VERIFY_TEXT.search(text) is not None


def has_negative_test(facts: TestFacts | None, subject: Subject) -> bool:
    """Does this Python test file assert a failure of something the subject provides?"""
    if facts is None:
        return False
    ours = _Ours(facts, subject)
    return any(ours(name) for name in facts.rejected)


def has_tamper_test(facts: TestFacts | None, subject: Subject) -> bool:
    """Does a test of this file reject a tampered input to a verify-like function of the subject?"""
    if facts is None:
        return False
    ours = _Ours(facts, subject)
    for rejected, calls, alters in facts.functions:
        if any(ours(name, _VERIFY) for name in rejected) and (alters or any(ours(name, _SIGN) for name in calls)):
            return True
    return False


def subject_of(text: str | ast.Module | None, modules: Collection[str]) -> Subject:
    """The subject a Python module's tests may call: the names it is imported by, its top-level functions and
    classes, and the public methods of its classes (`refunds.refund(-1)` on an instance made earlier). `text`: the
    module's text, or its tree when the run parsed it already (`pyast.python_tree`; None: it does not parse)."""
    tree = parse(text) if isinstance(text, str) else text
    names: set[str] = set()
    for node in tree.body if tree is not None else ():
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        if isinstance(node, ast.ClassDef):
            names.update(n.name for n in node.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
                         and not n.name.startswith("_"))
    return Subject(frozenset(modules), frozenset(names))


_IMPORT_WORD = re.compile(r"(?<![\w.])import(?!\w)")
_PLAIN_START = re.compile(r" *(?:import |from \.*(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)? import )")
_MODULE_ITEM = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*(?: as [A-Za-z_]\w*)?")
_NAME_ITEM = re.compile(r"[A-Za-z_]\w*(?: as [A-Za-z_]\w*)?")
_LINE_COMMENT = re.compile(r" *#[^\n]*")


def _plain_import(statement: str) -> bool:
    """Whether an import statement is written plainly: spaces only, single spaces around `as`, no `;` or backslash,
    a parenthesised list holding names and comments only. `import_statements` reads such a one exactly as the
    parser does. Checked item by item (one pattern with nested repetitions backtracked exponentially on a long name
    followed by something that is not one)."""
    head = _PLAIN_START.match(statement)
    if head is None:
        return False
    body = statement[head.end():]
    from_import = head.group().lstrip().startswith("from")
    if from_import and body.startswith("("):
        if not body.endswith(")"):
            return False
        body = _LINE_COMMENT.sub("", body[1:-1]).replace("\n", " ")
        if body.rstrip(" ").endswith(","):  # a trailing comma
            body = body.rstrip(" ")[:-1]
    else:
        body = _LINE_COMMENT.sub("", body)
        if from_import and body.strip(" ") == "*":
            return True
    item = _NAME_ITEM if from_import else _MODULE_ITEM
    return all(item.fullmatch(part.strip(" ")) is not None for part in body.split(","))


def may_call(text: str, subject: Subject) -> bool:
    """Whether a test file's text can call something of the subject (a necessary condition of `_Ours`, read without
    parsing): a call is ours only through a name the subject defines, a name imported from it or a local bound to
    the module, so one of those words must appear outside the import statements.

    The import statements are read by `import_statements`, which the parser agrees with only on plainly written
    ones: the answer is yes (the file is parsed) as soon as anything could make them disagree. A carriage return
    that ends no line, an import statement not written plainly (`from a import b; import c as d`, a backslash, a
    tab, `as` spaced oddly, a parenthesised list holding more than names: `from x import (` in a docstring), or
    `import` anywhere outside the statements read (`try: import m`): each means yes. The parser folds identifiers
    with NFKC (`ｒｅｆｕｎｄ` is `refund`); a text beyond ASCII is folded the same way before it is read."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if "\r" in text.replace("\r\n", ""):
        return True
    words = set(subject.names)
    spans: list[tuple[int, int]] = []
    for match in import_matches(text):
        statement = match.group().replace("\r\n", "\n").rstrip()
        if not _plain_import(statement):
            return True  # a statement the regular reading may get wrong: parse to be sure
        spans.append(match.span())
        for module, names, aliases in import_statements(statement):
            clean = module.lstrip(".")
            if names is None:  # `import a.b [as c]`: its local is c, or the head `a` of a.b
                if clean in subject.modules:
                    words.add(aliases[0].split(".")[0])
                continue
            for entry in names:
                original, _, alias = entry.partition(" as ")
                local = (alias or original).strip()
                if local != "*" and (clean in subject.modules or f"{clean}.{original.strip()}" in subject.modules):
                    words.add(local)
    starts = [start for start, _ in spans]  # in order and disjoint, as the statements were found

    def outside(position: int) -> bool:
        index = bisect_right(starts, position) - 1
        return index < 0 or position >= spans[index][1]

    if any(outside(found.start()) for found in _IMPORT_WORD.finditer(text)):
        return True  # an import statement `import_statements` does not read: parse to be sure
    if not words:
        return False
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words)) + r")(?!\w)")
    return any(outside(hit.start()) for hit in pattern.finditer(text))


def satisfied(ctx: ScanContext, pairs: Mapping[str, Collection[str]], check: Callable[[TestFacts | None, Subject],
              bool], literals: Collection[str] = (), text_check: Callable[[str], bool] | None = None,
              first: bool = False, may: Callable[[str], bool] | None = None) -> set[str]:
    """The subject paths (of `pairs`: subject path -> the test files that may satisfy it) one of whose tests passes
    `check`. Each test file is read and parsed once, whatever the number of subjects it serves (an --all run on a
    large project). Python subjects are judged by structure on Python tests; tests in other languages by their
    assertion calls (`literals`) or `text_check`. With `first`, it stops at the first subject satisfied; `may`
    is a cheap test of a Python test's text (a file it rejects is not parsed)."""
    by_test: dict[str, list[str]] = {}
    for subject_path, tests in pairs.items():
        for test in tests:
            by_test.setdefault(test, []).append(subject_path)
    sources = {s.path: s for s in ctx.files}
    roots = tuple(setting(ctx, "source_roots") or ())
    known = frozenset(all_paths(ctx))
    subjects: dict[str, Subject] = {}
    done: set[str] = set()
    for test in sorted(by_test):
        pending = [s for s in by_test[test] if s not in done]
        if not pending:
            continue
        text = read(ctx, test) or ""
        if test.endswith(".py"):
            python = [s for s in pending if s.endswith(".py") and s in sources]
            if not python or (may is not None and not may(text)):
                continue
            for path in python:
                if path not in subjects:
                    subjects[path] = subject_of(python_tree(ctx, sources[path]), python_module_names(path, known, roots))
            python = [path for path in python if may_call(text, subjects[path])]  # the rest cannot pass `check`
            if not python:
                continue
            facts = test_facts(parse(text, test), text)
            for path in python:
                if check(facts, subjects[path]):
                    done.add(path)
        elif any(literal in text for literal in literals) or (text_check is not None and text_check(text)):
            done.update(pending)
        if first and done:
            break
    return done
