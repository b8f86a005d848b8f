"""Silent failures: errors swallowed with nothing logged, re-raised or counted (methodology, Anti-Patterns).

- `python-swallowed`: `except:` / `except Exception:` / `except BaseException:` whose whole body is `pass`, `...`
  or `continue`. Candidates are found by line and confirmed on the AST of just that `try` statement (found by
  indentation), never of the whole file. Narrow handlers (`except KeyError: pass`, `except ImportError: ...`) are
  idiomatic and not reported; a handler that does anything else (logs, re-raises, returns a fallback) is fine.
- `python-suppress-all`: `with contextlib.suppress(Exception):`.
- `empty-catch`: an empty `catch (...) {}` block (comments do not count as handling) in Java, Kotlin, C#,
  JavaScript, TypeScript, PHP and Swift, and `.catch(() => {})` on a promise. A catch variable named `ignored`,
  `expected` or starting with `_` states the intent and is not reported.
- `go-discarded-error`: `_ = err`.
- `go-empty-error-branch`: `if err != nil {}` with an empty body.

Test files are not scanned: tests swallow errors on purpose (cleanup, expected failures); nor is vendored code
(vendor/, third_party/, node_modules/, *.min.js).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from readiness.core.models import Severity
from readiness.core.scan._source.braces import CATCH, block_body, catch_variable
from readiness.core.scan._source.code import is_vendored
from readiness.core.scan._source.pyast import parse
from readiness.core.scan._source.python_lines import block_end, dedent, is_code, try_line
from readiness.core.scan.base import PerFileScanner, RawFinding, Rule, ScanContext, SourceFile

_W = Severity.WARNING
_WHY = "Silent failures swallowed without metrics: the error happens, nobody learns of it, the data is wrong later."
_FIX = ("Log the error with context, count it in a metric, re-raise it, or narrow the exception to the one you expect "
        "and handle it with a real fallback.")


def _rule(rid: str, title: str, what: str, example: str, why: str = _WHY, fix: str = _FIX) -> Rule:
    return Rule(f"silent-failure/{rid}", "silent-failure", _W, title, what, why, fix, example)


RULES = {r.id: r for r in (
    _rule("python-swallowed", "Exception swallowed",
          "A bare or broad `except` (Exception, BaseException) whose body is only `pass`, `...` or `continue`.",
          "try:\n    sync()\nexcept Exception:\n    pass"),
    _rule("python-suppress-all", "Every exception suppressed", "`contextlib.suppress(Exception)` around code.",
          "with suppress(Exception):\n    sync()"),
    _rule("empty-catch", "Empty catch block",
          "A `catch` block with an empty body (Java, Kotlin, C#, JavaScript, TypeScript, PHP, Swift), or "
          "`.catch(() => {})` on a promise.", "try { sync(); } catch (Exception e) {}"),
    _rule("go-discarded-error", "Go error discarded", "An error assigned to the blank identifier: `_ = err`.",
          "_ = err", fix="Return the error (wrapped with context), log it, or handle it."),
    _rule("go-empty-error-branch", "Go error branch empty", "`if err != nil {}` with nothing in the body.",
          "if err != nil {\n}", fix="Return the error (wrapped with context), log it, or handle it."),
)}

PY_SWALLOWED, PY_SUPPRESS, EMPTY_CATCH = ("silent-failure/python-swallowed", "silent-failure/python-suppress-all",
                                          "silent-failure/empty-catch")
GO_DISCARDED, GO_EMPTY = "silent-failure/go-discarded-error", "silent-failure/go-empty-error-branch"

_BROAD = frozenset({"Exception", "BaseException"})
_PY_EXCEPT = re.compile(r"^([ \t]*)except\b(?!\*)([^:#]*):[ \t]*([^#]*?)[ \t]*(?:#.*)?$")
_SILENT_BODY = frozenset({"pass", "...", "continue"})
_SUPPRESS = re.compile(r"^\s*(?:async\s+)?with\b.*\bsuppress\(\s*(?:builtins\.)?(?:Exception|BaseException)\s*\)")
_PROMISE_CATCH = re.compile(r"\.catch\(\s*(?:(?:async\s*)?\(\s*[\w$]*\s*\)|[\w$]+)\s*=>\s*\{\s*\}\s*\)|"
                            r"\.catch\(\s*function\s*\w*\s*\(\s*[\w$]*\s*\)\s*\{\s*\}\s*\)")
_INTENT = re.compile(r"^(?:_\w*|ignored?|expected|unused)$", re.I)
_GO_DISCARD = re.compile(r"^\s*_\s*=\s*\w*[eE]rr\w*\s*(?://.*)?$")
_GO_IF_ERR = re.compile(r"\bif\b[^{]*\b\w*[eE]rr\w*\s*!=\s*nil\s*\{")
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_BRACE_LANGS = frozenset({"java", "kotlin", "csharp", "javascript", "typescript", "php", "swift"})


# -- Python ----------------------------------------------------------------------------------------------------------

def _handler_body(lines: list[str], index: int, inline: str) -> tuple[list[str], int]:
    """Statements of the handler at lines[index] (comments dropped, at most four) and the index of its last line."""
    if inline:
        return [s.strip() for s in inline.split(";") if s.strip()], index
    last = block_end(lines, index)
    body = [lines[n].split("#", 1)[0].strip() for n in range(index + 1, last + 1) if is_code(lines[n])]
    return body[:4], last


def _is_broad(types: str) -> bool:
    types = re.sub(r"\bas\s+\w+\s*$", "", types.strip()).strip().strip("()")
    if not types:
        return True
    return any(name.strip().split(".")[-1] in _BROAD for name in types.split(","))


def _confirmed(lines: list[str], except_index: int, last: int) -> bool | None:
    """Parse the enclosing `try` statement alone and confirm the handler is broad and silent. None: no `try` found
    above (the `except` is inside a string or the code is malformed)."""
    start = try_line(lines, except_index)
    if start is None:
        return None
    tree = parse(dedent(lines, start, last))
    if tree is None:
        return True  # the line evidence stands
    target = except_index - start + 1
    for node in ast.walk(tree):
        for handler in getattr(node, "handlers", ()):
            if handler.lineno == target:
                return _silent_handler(handler)
    return True


def _silent_handler(handler: ast.ExceptHandler) -> bool:
    kind = handler.type
    names = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    broad = kind is None or any(
        (isinstance(n, ast.Name) and n.id in _BROAD) or (isinstance(n, ast.Attribute) and n.attr in _BROAD)
        for n in names)
    silent = all(isinstance(s, ast.Pass | ast.Continue) or
                 (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)) for s in handler.body)
    return broad and silent


def _python(source: SourceFile) -> Iterator[RawFinding]:
    text = source.text
    if "except" not in text and "suppress" not in text:
        return
    lines = source.lines
    for index, line in enumerate(lines):
        number = index + 1
        if not source.is_changed(number):
            continue
        if "suppress" in line and _SUPPRESS.match(line):
            yield RawFinding(PY_SUPPRESS, source.path, number,
                             "suppress(Exception) hides every error in this block: nothing is logged or counted")
            continue
        if "except" not in line:
            continue
        match = _PY_EXCEPT.match(line)
        if not match or not _is_broad(match.group(2)):
            continue
        body, last = _handler_body(lines, index, match.group(3))
        if not body or any(stmt not in _SILENT_BODY for stmt in body):
            continue
        if _confirmed(lines, index, last):
            kind = match.group(2).strip() or "bare except"
            yield RawFinding(PY_SWALLOWED, source.path, number,
                             f"`except {kind.strip()}: {body[0]}` swallows the error: nothing is logged, re-raised or "
                             "counted" if kind != "bare except" else
                             f"bare `except: {body[0]}` swallows every error, even KeyboardInterrupt: nothing is "
                             "logged, re-raised or counted")


# -- brace languages ------------------------------------------------------------------------------------------------

def _changed_lines(source: SourceFile, word: str) -> Iterator[tuple[int, str]]:
    """(index, line) of the changed lines that contain `word` (case-insensitive)."""
    if word not in source.text.lower():
        return
    for index, line in enumerate(source.lines):
        if word in line.lower() and source.is_changed(index + 1):
            yield index, line


def _brace(source: SourceFile) -> Iterator[RawFinding]:
    lines = source.lines
    for index, line in _changed_lines(source, "catch"):
        number = index + 1
        code = _COMMENTS.sub("", line)
        if _PROMISE_CATCH.search(code):
            yield RawFinding(EMPTY_CATCH, source.path, number,
                             "`.catch(() => {})` drops the rejection: nothing is logged, rethrown or counted")
            continue
        for match in CATCH.finditer(line):
            if _INTENT.match(catch_variable(match)):
                continue
            body = block_body(lines, index, match.end() - 1, limit=25)
            if body is not None and not body.strip():
                yield RawFinding(EMPTY_CATCH, source.path, number,
                                 "empty catch block swallows the exception: nothing is logged, rethrown or counted")


def _go(source: SourceFile) -> Iterator[RawFinding]:
    lines = source.lines
    for index, line in _changed_lines(source, "err"):
        number = index + 1
        if _GO_DISCARD.match(line):
            yield RawFinding(GO_DISCARDED, source.path, number,
                             "error discarded with `_ =`: return it, wrap it, or log it")
            continue
        match = _GO_IF_ERR.search(line)
        if match:
            body = block_body(lines, index, match.end() - 1, limit=25)
            if body is not None and not body.strip():
                yield RawFinding(GO_EMPTY, source.path, number,
                                 "`if err != nil {}` checks the error and then ignores it")


class SilentFailureScanner(PerFileScanner):
    name = "silent-failure"
    rules = RULES

    def wants(self, ctx: ScanContext, source: SourceFile) -> bool:
        return super().wants(ctx, source) and not source.is_test and not is_vendored(source.path)

    def scan_file(self, ctx: ScanContext, source: SourceFile) -> Iterator[RawFinding]:
        if source.language == "python":
            yield from _python(source)
        elif source.language == "go":
            yield from _go(source)
        elif source.language in _BRACE_LANGS:
            yield from _brace(source)


SCANNER = SilentFailureScanner()
