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
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from readiness.core.scan._source.code import all_paths, read, setting
from readiness.core.scan._source.imports import python_module_names
from readiness.core.scan._source.pyast import dotted, parse

if TYPE_CHECKING:
    from readiness.core.scan.base import ScanContext

_RAISES = {"raises", "assertRaises", "assertRaisesRegex", "assertRaisesRegexp", "assert_raises", "assertWarns"}
_FALSE_ASSERTS = {"assertFalse", "assertIsNone", "assert_false"}
_VERIFY = re.compile(r"(?i)verif|check|valid|unsign|compare_digest|authentic|loads$|decode$|^open$|unseal|unwrap")
_SIGN = re.compile(r"(?i)sign|hmac|digest|mac$|seal|dumps$|encode$")


@dataclass(frozen=True, slots=True)
class Subject:
    """What a test may call to exercise one module: its importable names and its top-level definitions."""

    modules: frozenset[str]  # dotted names the module is imported by (`pkg.payments`)
    names: frozenset[str]  # its top-level functions and classes


def _call_name(node: ast.Call) -> str | None:
    return dotted(node.func) or (node.func.attr if isinstance(node.func, ast.Attribute) else None)


class _Parsed:
    """What a test file's tree says whatever the subject: its import statements and its rejection parts. `satisfied`
    asks one tree about every subject it may serve (hundreds in an --all run); walking the whole tree once per
    subject was most of a full scan, so the last tree's walk is kept (one entry, checked by identity)."""

    last: tuple[ast.Module, list[ast.Import | ast.ImportFrom], list[frozenset[tuple[str, str, str]]]] | None = None

    @classmethod
    def of(cls, tree: ast.Module) -> tuple[list[ast.Import | ast.ImportFrom], list[frozenset[tuple[str, str, str]]]]:
        """The tree's import statements, and for each rejection part the calls in it (name, head, last part)."""
        last = cls.last
        if last is None or last[0] is not tree:
            imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
            last = cls.last = (tree, imports, [_calls(part) for part in _TestFile.rejections(tree)])
        return last[1], last[2]


def _calls(node: ast.AST) -> frozenset[tuple[str, str, str]]:
    """The calls under `node`: (dotted name, its first part, its last part)."""
    found = set()
    for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
        name = _call_name(call)
        if name is not None:
            found.add((name, name.partition(".")[0], name.rsplit(".", 1)[-1]))
    return frozenset(found)


class _TestFile:
    def __init__(self, tree: ast.Module, subject: Subject) -> None:
        self.tree = tree
        self.aliases: set[str] = set()  # local names bound to the module itself
        self.imported: set[str] = set()  # local names imported from the module
        for node in _Parsed.of(tree)[0]:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in subject.modules:
                        self.aliases.add(alias.asname or alias.name)
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    local = alias.asname or alias.name
                    if node.module in subject.modules:
                        self.imported.add(local)
                    elif f"{node.module}.{alias.name}" in subject.modules:
                        self.aliases.add(local)
        self.names = subject.names

    def calls_subject(self, node: ast.AST, wanted: re.Pattern[str] | None = None) -> bool:
        """Does `node` call something of the subject module (whose last name part matches `wanted`, if given)?"""
        return any(self.ours(name, head, last) and (wanted is None or wanted.search(last))
                   for name, head, last in _calls(node))

    def ours(self, name: str, head: str, last: str) -> bool:
        """Is the call `name` (first part `head`, last part `last`) one of the subject's?"""
        return (head in self.imported or head in self.names or last in self.names or
                any(name.startswith(alias + ".") for alias in self.aliases))

    @staticmethod
    def rejections(scope: ast.AST) -> Iterator[ast.AST]:
        """The parts of `scope` that assert a failure: the body of a raises-context, the callable and arguments of
        a raises-call, an asserted false/None/error result."""
        for node in ast.walk(scope):
            if isinstance(node, ast.With | ast.AsyncWith):
                for item in node.items:
                    expr = item.context_expr
                    if isinstance(expr, ast.Call) and (_call_name(expr) or "").rsplit(".", 1)[-1] in _RAISES:
                        yield ast.Module(body=node.body, type_ignores=[])
            elif isinstance(node, ast.Call):
                last = (_call_name(node) or "").rsplit(".", 1)[-1]
                if last in _RAISES and len(node.args) > 1:  # assertRaises(E, func, *args): func is called
                    yield ast.Call(func=node.args[1], args=node.args[2:], keywords=[])
                elif last in _FALSE_ASSERTS and node.args:
                    yield node.args[0]
                elif last in ("assertEqual", "assertIs") and len(node.args) > 1 and _falsy_or_error(node.args[1]):
                    yield node.args[0]
            elif isinstance(node, ast.Assert):
                subject = _asserted_failure(node.test)
                if subject is not None:
                    yield subject


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


def has_negative_test(tree: ast.Module | None, subject: Subject) -> bool:
    """Does this Python test file (parsed: `pyast.parse`) assert a failure of something the subject provides?"""
    if tree is None:
        return False
    test = _TestFile(tree, subject)
    return any(test.ours(*call) for calls in _Parsed.of(tree)[1] for call in calls)


def has_tamper_test(tree: ast.Module | None, subject: Subject) -> bool:
    """Does a test of this file (parsed) reject a tampered input to a verify-like function of the subject?"""
    if tree is None:
        return False
    test = _TestFile(tree, subject)
    for function in _tests(tree):
        rejected = any(test.calls_subject(part, _VERIFY) for part in test.rejections(function))
        if rejected and (_alters(function) or test.calls_subject(function, _SIGN)):
            return True
    return False


def subject_of(text: str, modules: Collection[str]) -> Subject:
    """The subject a Python module's tests may call: the names it is imported by, its top-level functions and
    classes, and the public methods of its classes (`refunds.refund(-1)` on an instance made earlier)."""
    tree = parse(text)
    names: set[str] = set()
    for node in tree.body if tree is not None else ():
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        if isinstance(node, ast.ClassDef):
            names.update(n.name for n in node.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
                         and not n.name.startswith("_"))
    return Subject(frozenset(modules), frozenset(names))


def satisfied(ctx: ScanContext, pairs: Mapping[str, Collection[str]], check: Callable[[ast.Module | None, Subject],
              bool], literals: Collection[str] = (), text_check: Callable[[str], bool] | None = None) -> set[str]:
    """The subject paths (of `pairs`: subject path -> the test files that may satisfy it) one of whose tests passes
    `check`. Each test file is read and parsed once, whatever the number of subjects it serves (an --all run on a
    large project). Python subjects are judged by structure on Python tests; tests in other languages by their
    assertion calls (`literals`) or `text_check`."""
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
            if not python:
                continue
            tree = parse(text, test)
            for path in python:
                if path not in subjects:
                    subjects[path] = subject_of(sources[path].text, python_module_names(path, known, roots))
                if check(tree, subjects[path]):
                    done.add(path)
        elif any(literal in text for literal in literals) or (text_check is not None and text_check(text)):
            done.update(pending)
    return done
