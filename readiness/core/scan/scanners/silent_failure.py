"""Silent failures: errors swallowed with nothing logged, re-raised or counted (methodology, Anti-Patterns).

- `python-swallowed`: `except:` / `except Exception:` / `except BaseException:` whose whole body is `pass`, `...`
  or `continue`. Candidates are found by line and confirmed on the AST of just that `try` statement (found by
  indentation). A candidate that starts inside a string literal (a docstring example) is not code: multi-line
  strings are found by pattern, and a line the pattern places in one is decided by the parse of the whole file, made
  only then. Narrow handlers (`except KeyError: pass`, `except ImportError: ...`) are idiomatic and not reported; a
  handler that does anything else (logs, re-raises, returns a fallback) is fine.
- `python-suppress-all`: `with contextlib.suppress(Exception):`.
- `empty-catch`: an empty `catch (...) {}` block (comments do not count as handling) in Java, Kotlin, C#,
  JavaScript, TypeScript, PHP and Swift, and `.catch(() => {})` on a promise. A catch variable named `ignored`,
  `expected` or starting with `_` states the intent and is not reported.
- `go-discarded-error`: `_ = err`.
- `go-empty-error-branch`: `if err != nil {}` with an empty body.
  Both only for an error variable by Go's naming convention (`err`, `errs`, `err2`, `errRead`; `readErr`,
  `parseError`), not a name that merely holds the letters (`stderr`, `interrupted`, `terraformVersion`).

Only code is judged, so a handler quoted in a comment, a string or documentation is not reported: in the brace
languages and Go a line the patterns find is judged again on the file's text with comments and string contents
blanked (template literals, raw and triple-quoted strings, `/* */` comments, across lines; `_code_only`).

Test files are not scanned: tests swallow errors on purpose (cleanup, expected failures); nor is vendored code
(vendor/, third_party/, node_modules/, *.min.js).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator

from readiness.core.models import Severity
from readiness.core.scan._source.braces import CATCH, block_body, catch_variable, uncommented
from readiness.core.scan._source.code import is_vendored
from readiness.core.scan._source.pyast import parse
from readiness.core.scan._source.python_lines import block_end, dedent, is_code, try_line
from readiness.core.scan.base import PerFileScanner, RawFinding, Rule, ScanContext, SourceFile
from readiness.core.scan.scanners._code_only import GO_ERROR, code_lines, python_code

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
_GO_DISCARD = re.compile(rf"^\s*_\s*=\s*{GO_ERROR}\s*$")  # on code: comments blanked
_GO_IF_ERR = re.compile(rf"\bif\b[^{{]*{GO_ERROR}\s*!=\s*nil\s*\{{")
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
    above (the code is malformed, or the `except` is text in a string the pattern did not see)."""
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
    code = python_code(text)  # asked only of a candidate line
    for index, line in enumerate(lines):
        number = index + 1
        if not source.is_changed(number):
            continue
        if "suppress" in line and _SUPPRESS.match(line):
            if not code.in_string(index):
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
        if not code.in_string(index) and _confirmed(lines, index, last):
            kind = match.group(2).strip() or "bare except"
            yield RawFinding(PY_SWALLOWED, source.path, number,
                             f"`except {kind.strip()}: {body[0]}` swallows the error: nothing is logged, re-raised or "
                             "counted" if kind != "bare except" else
                             f"bare `except: {body[0]}` swallows every error, even KeyboardInterrupt: nothing is "
                             "logged, re-raised or counted")


# -- brace languages ------------------------------------------------------------------------------------------------

def _on_code(source: SourceFile, word: str,
             judge: Callable[[SourceFile, int, str], Iterator[RawFinding]]) -> Iterator[RawFinding]:
    """`judge`'s findings on the changed lines that hold `word` (case-insensitive), judged on the line alone with its
    comments blanked and, when that finds something, on the line as the whole file's text reads it: comments and
    string contents blanked, across lines (a handler in a string, a template literal or a `/* */` comment is text).
    The file is blanked only when a line would be reported."""
    if word not in source.text.lower():
        return
    for index, line in enumerate(source.lines):
        if word in line.lower() and source.is_changed(index + 1) and any(judge(source, index, uncommented(line))):
            yield from judge(source, index, code_lines(source.text, source.language or "")[index])


def _brace(source: SourceFile, index: int, code: str) -> Iterator[RawFinding]:
    number = index + 1
    if _PROMISE_CATCH.search(code):
        yield RawFinding(EMPTY_CATCH, source.path, number,
                         "`.catch(() => {})` drops the rejection: nothing is logged, rethrown or counted")
        return
    for match in CATCH.finditer(code):
        if _INTENT.match(catch_variable(match)):
            continue
        body = block_body(source.lines, index, match.end() - 1, limit=25)
        if body is not None and not body.strip():
            yield RawFinding(EMPTY_CATCH, source.path, number,
                             "empty catch block swallows the exception: nothing is logged, rethrown or counted")


def _go(source: SourceFile, index: int, code: str) -> Iterator[RawFinding]:
    number = index + 1
    if _GO_DISCARD.match(code):
        yield RawFinding(GO_DISCARDED, source.path, number, "error discarded with `_ =`: return it, wrap it, or log it")
        return
    match = _GO_IF_ERR.search(code)
    if match:
        body = block_body(source.lines, index, match.end() - 1, limit=25)
        if body is not None and not body.strip():
            yield RawFinding(GO_EMPTY, source.path, number, "`if err != nil {}` checks the error and then ignores it")


class SilentFailureScanner(PerFileScanner):
    name = "silent-failure"
    rules = RULES

    def wants(self, ctx: ScanContext, source: SourceFile) -> bool:
        return super().wants(ctx, source) and not source.is_test and not is_vendored(source.path)

    def scan_file(self, ctx: ScanContext, source: SourceFile) -> Iterator[RawFinding]:
        if source.language == "python":
            yield from _python(source)
        elif source.language == "go":
            yield from _on_code(source, "err", _go)
        elif source.language in _BRACE_LANGS:
            yield from _on_code(source, "catch", _brace)


SCANNER = SilentFailureScanner()
