"""How a Python `except` handler treats the failure it catches, judged on the AST of its `try` statement and of its
enclosing function (both parsed on their own, never the whole file): is what it catches a failure an operator has to
see, and does the handler (or the code after it) let anyone know. Used by the observability scanner.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from readiness.core.scan._source.pyast import dotted
from readiness.core.scan._source.python_lines import indent

# Python I/O: a handler that tries it again (or an alternative) lets its failure raise in turn.
PY_IO = re.compile(
    r"\bopen\(|\brequests\.|\burllib\b|\burlopen\(|\bhttpx\.|\baiohttp\b|\bsocket\.|\bsubprocess\.|"
    r"\bsqlite3\.|\.execute\(|\bboto3\.|\bsmtplib\.|\bshutil\.(?:copy|move|rmtree)|"
    r"\bos\.(?:remove|rename|replace|unlink|makedirs|rmdir|system)\(|\.(?:write|read)_(?:text|bytes)\(")

# Exceptions that signal an expected condition (a missing key, an optional import, a failed conversion or parse of
# arbitrary input, a file that is allowed to be absent, a process already gone): handling them is control flow.
_EXPECTED = frozenset({
    "KeyError", "IndexError", "LookupError", "AttributeError", "ImportError", "ModuleNotFoundError", "StopIteration",
    "StopAsyncIteration", "NotImplementedError", "FileNotFoundError", "FileExistsError", "NotADirectoryError",
    "IsADirectoryError", "ProcessLookupError", "ValueError", "TypeError", "UnicodeError", "UnicodeDecodeError",
    "UnicodeEncodeError", "ZeroDivisionError", "OverflowError", "ArithmeticError", "FloatingPointError", "SyntaxError",
    "IndentationError", "TabError", "RecursionError", "MemoryError", "GeneratorExit", "KeyboardInterrupt",
    "SystemExit", "NameError", "UnboundLocalError", "AssertionError", "EOFError", "BrokenPipeError", "CancelledError",
    "InvalidOperation", "DecimalException", "Empty", "Full", "InvalidVersion", "PackageNotFoundError",
    "DistributionNotFound", "NoSectionError", "NoOptionError", "UnsupportedOperation", "SkipTest",
})
_EXPECTED_SUFFIX = re.compile(r"(?:DoesNotExist|NotFound|NotFoundError|NotExist|NoMatch)$")
_BROAD = frozenset({"Exception", "BaseException"})
# Failures of the standard library whose names do not say so by the rules below.
_KNOWN_FAILURES = frozenset({"TimeoutExpired", "IncompleteRead", "RemoteDisconnected", "BadStatusLine", "HTTPException",
                             "BadZipFile", "BadGzipFile", "CertificateError"})
# The error type of an external library or system named by its acronym (`LDAPError`, `SMTPException`,
# `GDALException`): a failure of something outside the program.
_LIBRARY_FAILURE = re.compile(r"^[A-Z]{3,}(?:Error|Exception)$")
_ENVIRONMENT = re.compile(
    r"OS|IO|Environment|Permission|Connect|Timeout|TimedOut|Network|Socket|SSL|Ssl|Certificate|HTTP|Http|URL|Url|"
    r"Request|Response|Remote|Protocol|Database|DB|Db|SQL|Sql|Operational|Integrity|Interface|Programming|"
    r"Transaction|Deadlock|Lock|Disk|File|Storage|Upload|Download|Cache|Queue|Broker|Service|API|Api|Process|"
    r"Decode|Encod|Pars|Corrupt|Checksum|Serializ|Pickl|JSON|Json|TOML|Toml|YAML|Yaml|XML|Xml|Config|Auth|"
    r"Credential|Token|Quota|Throttl|RateLimit|Unavailable|Refused|Denied|SSH|Ssh|FTP|Ftp|SMTP|Smtp|"
    r"Mail|DNS|Dns|gaierror|herror|Zip|Gzip|Tar|Archive|Boto|Client|Gateway|Import|Load|Read|Write|Send|Fetch|"
    r"Sync|Backend|Driver|Device|Resource|Memory|Disconnect|Shutdown|Broken|Overload|Capacity")
_FAILURE_NAME = re.compile(r"(?:Error|Exception|Failure|Failed|Fault|Timeout|Exceeded|Refused|Denied|Unavailable|Configured|"
                           r"Aborted|Interrupted|Exhausted|^error|^timeout|^herror|^gaierror)$")
# Identifiers that record or report a failure when assigned, called or added to (`ok = False`, `errors.append(x)`,
# `self.mark_failed()`, `sys.exit(1)`, `time.sleep(delay)` before a retry).
_RECORDING_WORDS = frozenset({
    "err", "error", "errors", "fail", "failed", "failure", "failures", "fails", "invalid", "broken", "problem",
    "problems", "skip", "skipped", "skips", "ok", "status", "success", "succeeded", "successful", "unavailable",
    "missing", "bad", "warn", "warning", "warnings", "issue", "issues", "rejected", "reject", "denied", "crashed",
    "exc", "exception", "exceptions", "exit", "abort", "report", "reported", "notify", "alert", "retry", "retries",
    "sleep", "backoff", "print", "echo", "secho", "stderr", "stdout", "flash", "messages", "traceback", "exc_info",
    "print_exc", "format_exc", "fatal", "die", "bail", "unhealthy", "degraded", "disable", "disabled", "mark",
    "kill", "terminate", "unreadable", "corrupt", "corrupted",
})
# Words of a message or marker value a handler stores (`found[path] = "unreadable"`, `digest.update(b"<error>")`).
_FAILURE_TEXT = re.compile(r"(?i)\b(?:err(?:or)?s?|fail(?:ed|ure|s)?|unreadable|invalid|corrupt\w*|unavailable|"
                           r"cannot|can't|could not|unable|broken|timed out|timeout)\b")
# A comment that explains the handler makes it a reviewed decision; these do not explain anything.
_NOT_A_REASON = re.compile(r"(?i)^#\s*(?:todo|fixme|xxx|hack|noqa|type:|pragma|pylint|nosec|readiness:)|^#\s*$")
_FAILURE_COMMENT = re.compile(r"(?i)\bfail|\berror|\braise|\bthrow|\bexception|unsupported|not (?:available|supported|installed|"
                              r"exist|present|set)|missing|may not|might not|can't|cannot|\bif\b.*\bnot\b|isn't|doesn't")
# Method names that keep an item in a collection: the failed item is recorded for later (`retry.append(model)`).
_COLLECTING = frozenset({"append", "add", "extend", "insert", "put", "put_nowait", "setdefault", "appendleft"})
_CLEANUP_WORDS = frozenset({"close", "unlink", "remove", "rmdir", "rmtree", "kill", "killpg", "terminate", "shutdown",
                            "cleanup", "disconnect", "release", "cancel", "delete", "stop", "join", "wait", "destroy",
                            "dispose", "rollback", "unregister"})
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


@dataclass
class Handler:
    """A parsed `except` clause, its `try`, and where control goes when the handler falls through."""

    statement: ast.Try
    handler: ast.ExceptHandler
    after: list[ast.stmt] | None = None  # what runs next (None: the function could not be parsed on its own)
    falls_off: bool = False  # nothing runs next: the function returns None
    loop: ast.For | ast.AsyncFor | ast.While | None = None  # the innermost loop around the `try`
    after_loop: list[ast.stmt] = field(default_factory=list)


def type_names(node: ast.expr | None) -> list[str]:
    if node is None:
        return []
    items = node.elts if isinstance(node, ast.Tuple) else [node]
    names = []
    for item in items:
        if isinstance(item, ast.Attribute):
            names.append(item.attr)
        elif isinstance(item, ast.Name):
            names.append(item.id)
        else:
            names.append("?")  # a computed type: assume it is a real failure
    return names


def is_failure(names: list[str]) -> bool:
    """A bare or broad handler, or a failure of the program's environment: I/O, network, database, subprocess,
    configuration, decoding outside data (`OSError`, `ConnectionError`, `DatabaseError`, `JSONDecodeError`,
    `ImproperlyConfigured`, `LDAPError`, `binascii.Error`). A domain error handled by trying something else
    (`except PolynomialError:` then another method) is the program's logic, and exceptions not named as failures
    (`StopFutureHandlers`, `NotRelationField`) are signals: neither is a failure an operator has to see."""
    if not names:
        return True
    return any(n in _BROAD or n == "?" or n in _KNOWN_FAILURES or n in ("Error", "error") or _LIBRARY_FAILURE.match(n) or (
        _FAILURE_NAME.search(n) and _ENVIRONMENT.search(n) and n not in _EXPECTED and not _EXPECTED_SUFFIX.search(n))
        for n in names)


def _words(identifier: str) -> set[str]:
    return {w.lower() for w in _WORDS.findall(identifier)} | {identifier.lower()}


def _records(node: ast.AST) -> bool:
    """Whether an assignment target or a called name is about failure or reporting (`ok = False`, `errors.append`,
    `self.failed += 1`, `sys.exit(1)`, `click.echo(...)`)."""
    names: list[str] = []
    for part in ast.walk(node):
        if isinstance(part, ast.Name):
            names.append(part.id)
        elif isinstance(part, ast.Attribute):
            names.append(part.attr)
    return any(_words(name) & _RECORDING_WORDS for name in names)


def tells(statements: list[ast.stmt], caught: str | None = None, attempted: frozenset[str] = frozenset()) -> bool:
    """Whether the statements let a failure be known: raise, return or yield an outcome, use the caught error,
    record or report that it failed (a failure word in a name or a message, a flag set to True/False, an item kept
    in a collection), exit, retry, or try an alternative that raises in turn (I/O, an import, another call of what
    the `try` attempted: `os.chdir(home)` failed, `os.chdir("/")`)."""
    for node in (n for stmt in statements for n in ast.walk(stmt)):
        if isinstance(node, ast.Raise | ast.Import | ast.ImportFrom):
            return True
        if isinstance(node, ast.Return | ast.Yield | ast.YieldFrom) and node.value is not None \
                and not _fallback(node.value):
            return True
        if isinstance(node, ast.Name) and caught and node.id == caught:
            return True
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_records(t) or isinstance(t, ast.Subscript) for t in targets):
                return True
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, bool):
                return True  # a flag: `HAS_SSL = False`, `supported = False`
        if isinstance(node, ast.Call):
            if _records(node.func) or (isinstance(node.func, ast.Attribute) and node.func.attr in _COLLECTING):
                return True
            name = dotted(node.func) or ""
            if PY_IO.search(name + "(") or (name and name in attempted):
                return True
        if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes) and _FAILURE_TEXT.search(
                node.value if isinstance(node.value, str) else node.value.decode("latin-1")):
            return True
    return False


def _ends(statements: list[ast.stmt]) -> bool:
    """Whether control never falls out of the statements (their last one returns, raises, continues or breaks)."""
    return bool(statements) and isinstance(statements[-1], ast.Return | ast.Raise | ast.Continue | ast.Break)


def _fallback(value: ast.expr) -> bool:
    """A stand-in value the caller cannot tell from real data (`""`, `0`, `[]`, `{}`, `dict()`), as opposed to an
    outcome (None, True/False, an object describing what happened, the caller's own default)."""
    if isinstance(value, ast.Constant):
        return value.value is not None and not isinstance(value.value, bool)
    if isinstance(value, ast.List | ast.Tuple | ast.Set):
        return not value.elts
    if isinstance(value, ast.Dict):
        return not value.keys
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and not value.args and \
        not value.keywords and value.func.id in ("dict", "list", "set", "tuple", "str", "bytes", "frozenset")


def _outcomes(statements: list[ast.stmt]) -> set[str]:
    """Names the statements set to an outcome value (None, True/False, or a tuple of those): `supported = False`."""
    def outcome(value: ast.expr | None) -> bool:
        if isinstance(value, ast.Tuple):
            return bool(value.elts) and all(outcome(v) for v in value.elts)
        return isinstance(value, ast.Constant) and (value.value is None or isinstance(value.value, bool))

    return {t.id for stmt in statements for node in ast.walk(stmt) if isinstance(node, ast.Assign)
            and outcome(node.value) for t in node.targets if isinstance(t, ast.Name)}


def _assigned(statements: list[ast.stmt]) -> set[str]:
    return {t.id for stmt in statements for node in ast.walk(stmt)
            if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign)
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)}


def _mentions(node: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


def after_tells(found: Handler) -> bool:
    """Whether the code after the handler carries the failure on. When the `try` body returns, what runs after a
    handler that falls through runs only on failure: an outcome it returns or raises, or the None of falling off the
    function, is the failure's (so is a bare `return` there). A fallback the handler assigns (or the `try` body
    leaves unassigned) that the next statements return, or test and raise on, reaches the caller. A handler that goes
    round a bounded retry loop propagates when the loop raises once exhausted."""
    statement, handler = found.statement, found.handler
    body_returns = any(isinstance(n, ast.Return) and n.value is not None for s in statement.body for n in ast.walk(s))
    last = handler.body[-1] if handler.body else None
    if isinstance(last, ast.Return) and last.value is None and body_returns:
        return True
    if isinstance(last, ast.Continue) or (not _ends(handler.body) and found.loop is not None and not found.after
                                          and not found.falls_off):
        loop = found.loop
        if loop is not None and (any(isinstance(n, ast.Raise) for s in loop.orelse for n in ast.walk(s)) or
                                 any(isinstance(s, ast.Raise) for s in found.after_loop)):
            return True
    if _ends(handler.body) or found.after is None:
        return False
    if _ends(statement.body):
        if found.falls_off and not found.after:
            return True
        path: list[ast.stmt] = []
        for stmt in found.after:
            path.append(stmt)
            if isinstance(stmt, ast.Return | ast.Raise):
                return True
        if tells(path):
            return True
    names = _assigned(handler.body) | _assigned(statement.body)
    for stmt in found.after[:4]:
        if isinstance(stmt, ast.Return) and stmt.value is not None and _mentions(stmt.value, _outcomes(handler.body)):
            return True
        if isinstance(stmt, ast.If) and _mentions(stmt.test, names) and \
                any(isinstance(n, ast.Raise) for s in stmt.body for n in ast.walk(s)):
            return True
    return False


def is_cleanup(statement: ast.Try) -> bool:
    """A `try` around best-effort cleanup calls only (close, unlink, kill...): failing to clean up is not the failure
    the hint is about."""
    def cleans(stmt: ast.stmt) -> bool:
        if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
            return False
        func = stmt.value.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        return bool(_words(name) & _CLEANUP_WORDS)

    return all(cleans(stmt) for stmt in statement.body)


def explained(lines: list[str], index: int, try_line: int | None) -> bool:
    """Whether a comment says why carrying on is fine (a reviewed decision): on the `except` line or in its body
    (`pass  # some filesystems refuse fsync on directories`), or right above the `try` when it names the failure
    ("# Computation of statistics fails for empty bands.")."""
    own = indent(lines[index])
    for number in range(index, min(len(lines), index + 12)):
        text = lines[number]
        if number > index and text.strip() and indent(text) <= own:
            break
        comment = re.search(r"(?<![\"'])#.*$", text)
        if comment and not _NOT_A_REASON.match(comment.group(0)) and len(comment.group(0)) > 8:
            return True
    if try_line is not None:
        for number in range(try_line + 1, index):
            if lines[number].lstrip().startswith("#") and _FAILURE_COMMENT.search(lines[number]):
                return True
        above = try_line - 1
        while above >= 0 and lines[above].lstrip().startswith("#"):
            if _FAILURE_COMMENT.search(lines[above]):
                return True
            above -= 1
    return False


