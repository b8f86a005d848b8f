"""The "metrics emit baseline signals" hint (Definition of Ready for Review; section 12, Observability).

`silent-failure/no-baseline-signal` (info, never more): a changed line is a code path where a failure disappears,
and the file emits no log, metric, trace or stderr message anywhere. It feeds the checklist's `warn`, never fails a
run on its own; it is in the `silent-failure` category because that is the anti-pattern it guards against ("silent
failures swallowed without metrics").

A failure disappears where code
- handles a failure and carries on without letting anyone know. A failure is what a bare or broad handler catches,
  or a failure of the environment: I/O, network, database, subprocess, configuration, decoding outside data
  (`OSError`, `ConnectionError`, `DatabaseError`, `JSONDecodeError`, `ImproperlyConfigured`, `binascii.Error`).
  Expected conditions (`KeyError`, `ImportError`, `ValueError` from a conversion, `FileNotFoundError`, Django's
  `DoesNotExist`) and domain errors the program answers with another method (`except PolynomialError:`) are its
  logic. The handler lets someone know when it raises (re-raise, a typed error `from None`), returns an outcome
  (`return FileRead(path, None, "unreadable")`, `return None`, `return False`; not a stand-in such as `return ""`),
  uses the caught error, records the failure (`ok = False`, `failed.append(path)`, `found[p] = "unreadable"`),
  prints, exits, retries (a bounded loop that raises when exhausted), or tries an alternative that raises in turn.
  The code after the handler counts too: when the `try` body returns, what follows runs only on failure, so the
  outcome it returns (or the None of falling off the function) is the failure's; a None/bool the handler assigns and
  the next statements return, or test and raise on, reaches the caller. Not reported either: one branch of a
  decision (`try/except/else`, a `try` around a single `if`), best-effort cleanup (`close`, `unlink`, `kill`), and a
  handler a comment explains (on the handler, or above/in the `try` naming the failure): a reviewed decision;
- or does I/O whose failure is reported only in its result, and drops the result: `subprocess.run(...)` without a
  `check=` argument as a statement, `os.system(...)`, `requests.post(...)` without `raise_for_status()`; in Go an
  I/O call whose error is not assigned; in Rust `let _ = fs::...`; in Java/Kotlin `file.delete();`.
I/O whose errors raise (`open`, `read_text`, `subprocess.check_call`) propagates them and is not a finding. Python
handlers are judged on the AST of their `try` statement and of their enclosing function (parsed once per function),
never of the whole file; other languages on the lines of the block (a `catch` that neither rethrows, returns, uses
the error nor records it; a Go `if err != nil` branch that neither returns, panics nor uses `err`).

`applicability(ctx)` says whether any changed code did I/O or handled an error at all, and `not_applicable(ctx)`
why not (the checklist's child check is `skip`, "does not apply: ...", otherwise).
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from readiness.core.models import Severity
from readiness.core.scan._source.code import FAMILY, TESTED_LANGUAGES, grep_literals, is_generated, is_vendored
from readiness.core.scan._source.project import dotted
from readiness.core.scan.base import RawFinding, Rule, ScanContext, SourceFile

NO_SIGNAL = "silent-failure/no-baseline-signal"
RULES = {NO_SIGNAL: Rule(
    id=NO_SIGNAL, category="silent-failure", severity=Severity.INFO, title="Failure disappears, nothing logged",
    what="Changed code handles an error without raising, returning or recording it, or drops the result of I/O that "
         "reports failure only in its result (an exit status, an HTTP status, a Go error), and its file emits no "
         "log, metric, trace or stderr message at all.",
    why="Metrics emit baseline signals (Definition of Ready for Review): what nobody can see, nobody can operate.",
    fix="Log the handled error with context (logger.warning(..., exc_info=True)) or count it in a metric, or let it "
        "propagate (re-raise, raise a typed error, return it to the caller); check the status of the I/O call "
        "(`check=True`, `raise_for_status()`, `if err != nil`).",
    example="try:\n    data = path.read_text()\nexcept OSError:\n    data = ''   # and no logging in the module",
)}

# -- what the applicability question looks for: any I/O or error handling at all ------------------------------------
_IO = {
    "python": r"\bopen\(|\brequests\.|\burllib\b|\burlopen\(|\bhttpx\.|\baiohttp\b|\bsocket\.|\bsubprocess\.|"
              r"\bsqlite3\.|\.execute\(|\bboto3\.|\bsmtplib\.|\bshutil\.(?:copy|move|rmtree)|"
              r"\bos\.(?:remove|rename|replace|unlink|makedirs|rmdir|system)\(|\.(?:write|read)_(?:text|bytes)\(",
    "js": r"\bfetch\(|\baxios\b|\bfs\.\w+|\bhttps?\.(?:get|request)\(|child_process|XMLHttpRequest",
    "jvm": r"\bnew File(?:Input|Output)?(?:Stream|Reader|Writer)?\(|\bFiles\.\w+\(|HttpClient|\bnew Socket\(|"
           r"DriverManager|\.execute(?:Query|Update)\(|openConnection\(",
    "csharp": r"\bFile\.\w+\(|HttpClient|SqlConnection|\bnew Stream(?:Reader|Writer)\(|\.Execute(?:Reader|NonQuery)\(",
    "go": r"\bos\.(?:Open|OpenFile|Create|ReadFile|WriteFile|Remove|RemoveAll|Rename|MkdirAll)\(|"
          r"\bhttp\.(?:Get|Post|NewRequest)\(|\bnet\.Dial|\bsql\.Open\(|\bexec\.Command\(|\bioutil\.\w+\(",
    "rust": r"\bstd::fs\b|\bFile::(?:open|create)\(|\breqwest::|\bTcpStream::|\bCommand::new\(|\bfs::(?:read|write)",
}
_IO_RE = {family: re.compile(pattern) for family, pattern in _IO.items()}
SIGNAL_LITERALS = (
    "logging.", "logger", "getLogger", "LOG.", "LOGGER.", "structlog", "loguru", "warnings.warn", "sys.stderr", "statsd",
    "prometheus", "opentelemetry", "sentry", "capture_exception", ".inc()", ".observe(", "console.", "logrus",
    "zerolog", "Logger", "log::", "tracing::", "eprintln!", "System.err", "printStackTrace", "os.Stderr", "log.",
    "slog.", "zap.", "metric", "tracer.", "meter.", "error!(", "warn!(", "info!(",
)
_SIGNAL = re.compile(
    r"logging\.|logger|getLogger|\bLOG(?:GER)?\.|structlog|loguru|warnings\.warn|sys\.stderr|statsd|prometheus|"
    r"opentelemetry|sentry|capture_exception|\.inc\(\)|\.observe\(|console\.(?:error|warn|log|info|debug)|logrus|"
    r"zerolog|Logger|log::|tracing::|eprintln!|System\.err|printStackTrace|Fprint(?:f|ln)?\(os\.Stderr|"
    r"\b_?log\.(?:debug|info|warning|warn|error|exception|critical|fatal|Print|Fatal|Panic|Error|Warn|Info|Debug)|"
    r"\b(?:slog|zap)\.|\b(?:metrics?|tracer|meter)\.[A-Za-z]|\b(?:error|warn|info)!\(")
CANDIDATE_LITERALS = (
    "open(", "requests.", "urllib", "urlopen", "httpx.", "aiohttp", "socket.", "subprocess.", "sqlite3.", ".execute",
    "boto3.", "smtplib.", "shutil.", "os.", "_text(", "_bytes(", "fetch(", "axios", "fs.", "http.", "https.",
    "child_process", "XMLHttpRequest", "File", "HttpClient", "Socket", "DriverManager", "openConnection",
    "SqlConnection", "StreamReader", "StreamWriter", "Execute", "net.Dial", "sql.Open", "exec.Command", "ioutil.",
    "std::fs", "reqwest::", "TcpStream", "Command::new", "fs::", "except", "catch", "!= nil", "!=nil",
    ".delete()", ".mkdir", ".renameTo(", "createNewFile", "setLastModified",
)
_PY_HANDLER = re.compile(r"^[ \t]*except\b")
_PY_EXCEPT_TYPES = re.compile(r"^[ \t]*except[ \t]*\(?[ \t]*([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*)[ \t]*,?[ \t]*\)?"
                              r"(?:[ \t]+as[ \t]+\w+)?[ \t]*:")
_PY_TRY = re.compile(r"^[ \t]*try[ \t]*:")
_PY_CLAUSE = re.compile(r"^[ \t]*(?:except\b|else[ \t]*:|finally[ \t]*:)")
_PY_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]")
_PY_CLASS = re.compile(r"^[ \t]*class[ \t]")
_GO_HANDLER = re.compile(r"\bif\b[^{]*\berr\w*\s*!=\s*nil\s*\{")
_CATCH = re.compile(r"\bcatch\b\s*(?:\(([^)]*)\))?\s*\{")

# -- Python handlers ---------------------------------------------------------------------------------------------------
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
    "ObjectDoesNotExist", "DoesNotExist", "FieldDoesNotExist", "MultipleObjectsReturned", "EmptyResultSet",
    "FullResultSet", "NoReverseMatch", "Resolver404", "Http404", "TemplateDoesNotExist", "VariableDoesNotExist",
    "EmptyPage", "PageNotAnInteger", "InvalidPage", "ValidationError", "DisallowedHost", "NotSupportedError",
})
_EXPECTED_SUFFIX = re.compile(r"(?:DoesNotExist|NotFound|NotFoundError|NotExist|NoMatch)$")
_BROAD = frozenset({"Exception", "BaseException"})
_KNOWN_FAILURES = frozenset({"ImproperlyConfigured", "SuspiciousOperation", "TimeoutExpired", "IncompleteRead",
                             "RemoteDisconnected", "BadStatusLine", "HTTPException", "BadZipFile", "BadGzipFile",
                             "CertificateError", "InvalidCacheBackendError"})
_ENVIRONMENT = re.compile(
    r"OS|IO|Environment|Permission|Connect|Timeout|TimedOut|Network|Socket|SSL|Ssl|Certificate|HTTP|Http|URL|Url|"
    r"Request|Response|Remote|Protocol|Database|DB|Db|SQL|Sql|Operational|Integrity|Interface|Programming|"
    r"Transaction|Deadlock|Lock|Disk|File|Storage|Upload|Download|Cache|Queue|Broker|Service|API|Api|Process|"
    r"Decode|Encod|Pars|Corrupt|Checksum|Serializ|Pickl|JSON|Json|TOML|Toml|YAML|Yaml|XML|Xml|Config|Auth|"
    r"Credential|Token|Quota|Throttl|RateLimit|Unavailable|Refused|Denied|GDAL|GEOS|SSH|Ssh|FTP|Ftp|SMTP|Smtp|"
    r"Mail|DNS|Dns|gaierror|herror|Zip|Gzip|Tar|Archive|Boto|Client|Gateway|Import|Load|Read|Write|Send|Fetch|"
    r"Sync|Backend|Driver|Device|Resource|Memory|Disconnect|Shutdown|Broken|Overload|Capacity")
_FAILURE_NAME = re.compile(r"(?:Error|Exception|Failure|Failed|Fault|Timeout|Exceeded|Refused|Denied|Unavailable|"
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


def _family(source: SourceFile) -> str | None:
    lang = source.language
    return {"javascript": "js", "typescript": "js"}.get(lang or "", FAMILY.get(lang or "", lang))


def _indent(text: str) -> int:
    expanded = text.expandtabs()
    return len(expanded) - len(expanded.lstrip())


def _block_end(lines: list[str], start: int, indent: int, limit: int) -> int:
    """The last line of the block whose header is lines[start] (indented deeper than `indent`), header included;
    a header spanning lines (`except (A,\n B):`, a signature) is followed to its closing bracket."""
    end, depth = start, 0
    for number in range(start, min(len(lines), start + 8)):
        code = lines[number].split("#", 1)[0]
        depth += code.count("(") + code.count("[") - code.count(")") - code.count("]")
        end = number
        if depth <= 0:
            break
    last = end
    for number in range(end + 1, min(len(lines), start + limit)):
        text = lines[number]
        if text.strip() and not text.lstrip().startswith("#") and _indent(text) <= indent:
            break
        if text.strip():
            last = number
    return last


def _dedented(lines: list[str], start: int, end: int) -> str:
    indent = _indent(lines[start])
    return "\n".join(line.expandtabs()[indent:] if _indent(line) >= indent else line.strip()
                     for line in lines[start:end + 1]) + "\n"


def _try_line(lines: list[str], index: int) -> int | None:
    """The `try:` of the `except` at lines[index]: up the file at the same indentation, past sibling clauses."""
    indent = _indent(lines[index])
    for number in range(index - 1, max(-1, index - 400), -1):
        text = lines[number]
        if not text.strip() or text.lstrip().startswith("#") or _indent(text) > indent:
            continue
        if _indent(text) < indent:
            return None
        if _PY_TRY.match(text):
            return number
        if not _PY_CLAUSE.match(text):
            return None
    return None


def _function_of(lines: list[str], line: int) -> int | None:
    """The `def` line of the function whose body holds lines[line] (None: module or class level)."""
    indent = _indent(lines[line])
    for number in range(line - 1, max(-1, line - 600), -1):
        text = lines[number]
        if not text.strip() or text.lstrip().startswith("#") or _indent(text) >= indent:
            continue
        if _PY_DEF.match(text):
            return number
        if _PY_CLASS.match(text):
            return None
        indent = _indent(text)
        if indent == 0:
            return None
    return None


@dataclass
class _Handler:
    """A parsed `except` clause, its `try`, and where control goes when the handler falls through."""

    statement: ast.Try
    handler: ast.ExceptHandler
    after: list[ast.stmt] | None = None  # what runs next (None: the function could not be parsed on its own)
    falls_off: bool = False  # nothing runs next: the function returns None
    loop: ast.For | ast.AsyncFor | ast.While | None = None  # the innermost loop around the `try`
    after_loop: list[ast.stmt] = field(default_factory=list)


def _try_alone(lines: list[str], start: int, index: int) -> tuple[ast.Try, ast.ExceptHandler] | None:
    """The `try` statement at lines[start] parsed on its own, and its handler at lines[index]."""
    tree = _parse(_dedented(lines, start, _statement_end(lines, start)))
    if tree is None or not tree.body or not isinstance(tree.body[0], ast.Try):
        return None
    handler = next((h for h in tree.body[0].handlers if h.lineno == index - start + 1), None)
    return (tree.body[0], handler) if handler is not None else None


def _in_function(lines: list[str], start: int, index: int) -> _Handler | None:
    """The handler at lines[index] located in its enclosing function, parsed on its own (once per function)."""
    function = _function_of(lines, start)
    if function is None:
        return None
    end = _block_end(lines, function, _indent(lines[function]), 600)
    parsed = _function_index(_dedented(lines, function, end))
    return None if parsed is None else _locate(*parsed, index - function + 1)


_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_BUILTINS = frozenset(dir(builtins))
_Parents = dict[int, tuple[ast.AST, list[ast.stmt]]]


@lru_cache(maxsize=16)
def _function_index(text: str) -> tuple[ast.AST, _Parents, dict[int, tuple[ast.Try, ast.ExceptHandler]]] | None:
    """A function's AST, each statement's owner and block, and its handlers by line."""
    tree = _parse(text)
    if tree is None or not tree.body or not isinstance(tree.body[0], ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    function = tree.body[0]
    parents: _Parents = {}
    handlers: dict[int, tuple[ast.Try, ast.ExceptHandler]] = {}
    for node in ast.walk(function):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list):
                for stmt in block:
                    if isinstance(stmt, ast.stmt):
                        parents[id(stmt)] = (node, block)
        if isinstance(node, ast.Try):
            for handler in node.handlers:
                parents[id(handler)] = (node, [])
                handlers[handler.lineno] = (node, handler)
    return function, parents, handlers


def _locate(function: ast.AST, parents: _Parents, handlers: dict[int, tuple[ast.Try, ast.ExceptHandler]],
            line: int) -> _Handler | None:
    """Where control goes when the handler at `line` falls through: the next statements, the end of the function,
    or round the innermost loop."""
    target = handlers.get(line)
    if target is None:
        return None
    found = _Handler(*target, after=[])
    node: ast.AST = target[0]
    while id(node) in parents:
        owner, block = parents[id(node)]
        if isinstance(node, ast.stmt) and block:
            following = block[block.index(node) + 1:]
            if following:
                found.after = following[:8]
                break
        if isinstance(owner, _LOOPS):
            break  # the loop goes round again
        if owner is function:
            found.falls_off = True
            break
        node = owner
    node = target[0]
    while id(node) in parents:
        owner, _ = parents[id(node)]
        if owner is function:
            break
        if isinstance(owner, _LOOPS):
            found.loop = owner
            if id(owner) in parents:
                outer = parents[id(owner)][1]
                found.after_loop = outer[outer.index(owner) + 1:][:2] if owner in outer else []
            break
        node = owner
    return found


def _statement_end(lines: list[str], start: int) -> int:
    """The last line of the compound statement at lines[start] with its sibling clauses (except/else/finally)."""
    indent = _indent(lines[start])
    end = _block_end(lines, start, indent, 400)
    while end + 1 < len(lines):
        following = next((n for n in range(end + 1, min(len(lines), end + 40))
                          if lines[n].strip() and not lines[n].lstrip().startswith("#")), None)
        if following is None or _indent(lines[following]) != indent or not _PY_CLAUSE.match(lines[following]):
            break
        end = _block_end(lines, following, indent, 400)
    return end


def _parse(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _blocks(tree: ast.AST) -> Iterator[list[ast.stmt]]:
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield block


def _type_names(node: ast.expr | None) -> list[str]:
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


def _is_failure(names: list[str]) -> bool:
    """A bare or broad handler, or a failure of the program's environment: I/O, network, database, subprocess,
    configuration, decoding outside data (`OSError`, `ConnectionError`, `DatabaseError`, `JSONDecodeError`,
    `ImproperlyConfigured`, `binascii.Error`). A domain error handled by trying something else
    (`except PolynomialError:` then another method) is the program's logic, and exceptions not named as failures
    (`StopFutureHandlers`, `NotRelationField`) are signals: neither is a failure an operator has to see."""
    if not names:
        return True
    return any(n in _BROAD or n == "?" or n in _KNOWN_FAILURES or n in ("Error", "error") or (
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


def _tells(statements: list[ast.stmt], caught: str | None = None, attempted: frozenset[str] = frozenset()) -> bool:
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
            if _IO_RE["python"].search(name + "(") or (name and name in attempted):
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


def _after_tells(found: _Handler) -> bool:
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
        if _tells(path):
            return True
    names = _assigned(handler.body) | _assigned(statement.body)
    for stmt in found.after[:4]:
        if isinstance(stmt, ast.Return) and stmt.value is not None and _mentions(stmt.value, _outcomes(handler.body)):
            return True
        if isinstance(stmt, ast.If) and _mentions(stmt.test, names) and \
                any(isinstance(n, ast.Raise) for s in stmt.body for n in ast.walk(s)):
            return True
    return False


def _cleanup(statement: ast.Try) -> bool:
    """A `try` around best-effort cleanup calls only (close, unlink, kill...): failing to clean up is not the failure
    the hint is about."""
    def cleans(stmt: ast.stmt) -> bool:
        if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
            return False
        func = stmt.value.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        return bool(_words(name) & _CLEANUP_WORDS)

    return all(cleans(stmt) for stmt in statement.body)


def _explained(lines: list[str], index: int, try_line: int | None) -> bool:
    """Whether a comment says why carrying on is fine (a reviewed decision): on the `except` line or in its body
    (`pass  # some filesystems refuse fsync on directories`), or right above the `try` when it names the failure
    ("# Computation of statistics fails for empty bands.")."""
    indent = _indent(lines[index])
    for number in range(index, min(len(lines), index + 12)):
        text = lines[number]
        if number > index and text.strip() and _indent(text) <= indent:
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


def _python_handler(lines: list[str], index: int) -> str | None:
    """Why the Python handler at lines[index] lets a failure disappear, or None when it does not."""
    quick = _PY_EXCEPT_TYPES.match(lines[index])
    if quick and not _is_failure([n.strip().split(".")[-1] for n in quick.group(1).split(",") if n.strip()]):
        return None  # an expected condition, known from the line alone
    start = _try_line(lines, index)
    alone = None if start is None else _try_alone(lines, start, index)
    if start is None or alone is None:
        return None  # not a handler we can read (inside a string, malformed code): no claim
    statement, handler = alone
    names = _type_names(handler.type)
    attempted = frozenset(name for s in statement.body for n in ast.walk(s) if isinstance(n, ast.Call)
                          and (name := dotted(n.func)) and name not in _BUILTINS)
    if not _is_failure(names) or _tells(handler.body, handler.name, attempted) or statement.orelse \
            or _cleanup(statement) or (len(statement.body) == 1 and isinstance(statement.body[0], ast.If)) \
            or all(isinstance(s, ast.Import | ast.ImportFrom) for s in statement.body):
        return None  # expected condition; propagated or recorded; one branch of a decision (try/else, a check that
        # could not be made takes the other branch); cleanup; an optional import
    if _after_tells(_in_function(lines, start, index) or _Handler(statement, handler)):
        return None
    if _explained(lines, index, _try_line(lines, index)):
        return None
    caught = " or ".join(dict.fromkeys(names)) if names else "every exception"
    return f"handles {caught} and carries on without raising or returning or recording it"


# Python I/O whose failure is only in its result: a statement that drops the result drops the failure.
_PY_RESULT_IO = re.compile(r"^[ \t]*(?:await[ \t]+)?((?:subprocess\.(?:run|call|Popen))|os\.system|"
                           r"(?:requests|httpx)\.(?:get|post|put|patch|delete|head|request))\(")


def _statement_text(lines: list[str], index: int) -> str:
    depth, parts = 0, []
    for number in range(index, min(len(lines), index + 25)):
        code = lines[number].split("#", 1)[0]
        parts.append(code)
        depth += code.count("(") + code.count("[") + code.count("{") - code.count(")") - code.count("]") - \
            code.count("}")
        if depth <= 0:
            break
    return "\n".join(parts)


def _python_result_io(lines: list[str], index: int) -> str | None:
    match = _PY_RESULT_IO.match(lines[index])
    if not match:
        return None
    call = match.group(1)
    text = _statement_text(lines, index)
    if call.startswith("subprocess.") and re.search(r"\bcheck\s*=", text):
        return None  # check=True raises; an explicit check=False is a decision, not an oversight
    if call.startswith(("requests.", "httpx.")) and "raise_for_status" in text:
        return None
    what = {"os.system": "the exit status of os.system", "subprocess.Popen": "the process started by subprocess.Popen"
            }.get(call, f"the exit status of {call} (no check=True)" if call.startswith("subprocess.")
                  else f"the HTTP status of {call}")
    return f"drops {what}"


# -- brace languages ---------------------------------------------------------------------------------------------------
_BLOCK_PROPAGATES = re.compile(
    r"\b(?:throw|rethrow|return|panic|exit|abort|reject|callback|cb|next|done|resolve|fail|Fatal\w*|Exit|"
    r"os\.Exit|System\.exit|process\.exit|sleep|Sleep|retry|Retry|setTimeout|print\w*|Print\w*|alert|emit|report\w*|"
    r"t\.(?:Error|Errorf|Fatal|Fatalf|Skip\w*))\b|\berr(?:or)?s?\w*\s*(?:=|\+=|\+\+)|\.push\(|append\(|"
    r"\b(?:ok|success|failed|valid)\s*=")
_EXPECTED_CATCH = re.compile(r"\b(?:NumberFormatException|NoSuchElementException|IndexOutOfBoundsException|"
                             r"ArrayIndexOutOfBoundsException|ClassNotFoundException|NoSuchMethodException|"
                             r"NoSuchFieldException|InterruptedException|FormatException|KeyNotFoundException|"
                             r"InvalidCastException|FileNotFoundException|NoSuchFileException|"
                             r"OperationCanceledException|TaskCanceledException|CancellationException)\b")


def _block_text(lines: list[str], index: int, start_column: int, limit: int = 40) -> str | None:
    """The text of the block opened by the first `{` at or after start_column on lines[index] (None if unclosed)."""
    depth, parts, opened = 0, [], False
    for number in range(index, min(len(lines), index + limit)):
        text = lines[number][start_column:] if number == index else lines[number]
        text = re.sub(r"//.*$", "", text)
        for char in text:
            if char == "{":
                depth += 1
                if depth == 1 and not opened:
                    opened = True
                    continue
            elif char == "}":
                depth -= 1
                if opened and depth == 0:
                    return "".join(parts)
            if opened:
                parts.append(char)
        parts.append("\n")
    return None


def _catch_variable(params: str | None) -> str:
    if not params:
        return ""
    params = params.strip()
    if ":" in params:
        return params.split(":", 1)[0].strip().lstrip("$")
    words = re.findall(r"[\w$]+", params)
    return words[-1].lstrip("$") if words else ""


def _catch(lines: list[str], index: int) -> str | None:
    text = lines[index]
    match = _CATCH.search(text)
    if not match or _EXPECTED_CATCH.search(match.group(1) or ""):
        return None
    body = _block_text(lines, index, match.start())
    if body is None or not body.strip():
        return None  # unclosed (no claim) or empty (silent-failure/empty-catch says it, as a warning)
    variable = _catch_variable(match.group(1))
    if _BLOCK_PROPAGATES.search(body) or (variable and re.search(rf"(?<![\w$]){re.escape(variable)}(?![\w$])", body)):
        return None
    return "catches an error and carries on without rethrowing or returning or recording it"


def _go_branch(lines: list[str], index: int) -> str | None:
    match = _GO_HANDLER.search(lines[index])
    if not match:
        return None
    body = _block_text(lines, index, match.start())
    if body is None or not body.strip():
        return None  # empty: silent-failure/go-empty-error-branch says it
    variable = re.search(r"\b(err\w*)\s*!=\s*nil", lines[index])
    if _BLOCK_PROPAGATES.search(body) or (variable and re.search(rf"\b{variable.group(1)}\b", body)):
        return None
    return "handles an error and carries on without returning or recording it"


_GO_DROPPED = re.compile(r"^[ \t]*(?:os\.(?:Remove|RemoveAll|Rename|Mkdir|MkdirAll|WriteFile|Chmod|Chown|Symlink|"
                         r"Truncate|Setenv)|ioutil\.WriteFile)\(")
_RUST_DROPPED = re.compile(r"^[ \t]*let[ \t]+_[ \t]*=[ \t]*(?:std::)?fs::\w+\(|^[ \t]*(?:std::)?fs::\w+\([^;]*\)\.ok\(\);")
_JVM_DROPPED = re.compile(r"^[ \t]*(?:new File\([^;]*\)|[\w.]*(?:[Ff]ile|[Dd]ir|[Pp]ath|[Tt]e?mp)\w*(?:\(\))?)\."
                         r"(?:delete|mkdirs?|renameTo|createNewFile|setLastModified)\([^;]*\);?[ \t]*$")


def _dropped_io(source: SourceFile, lines: list[str], index: int) -> str | None:
    text = lines[index]
    family = _family(source)
    if family == "go" and _GO_DROPPED.match(text):
        return "drops the error of " + text.strip().split("(", 1)[0]
    if family == "rust" and _RUST_DROPPED.match(text):
        return "drops the Result of a filesystem call"
    if family == "jvm" and source.language != "scala" and _JVM_DROPPED.match(text):
        return "ignores the boolean result of a file operation"
    return None


# -- classification ----------------------------------------------------------------------------------------------------

def _silent(source: SourceFile, number: int) -> str | None:
    """How a grep hit line lets a failure disappear, or None."""
    lines, index = source.lines, number - 1
    if source.language == "python":
        if _PY_HANDLER.match(lines[index]):
            try:
                return _python_handler(lines, index)
            except RecursionError:  # absurdly nested code: no claim
                return None
        return _python_result_io(lines, index)
    if source.language == "go":
        return _go_branch(lines, index) or _dropped_io(source, lines, index)
    if "catch" in lines[index]:
        found = _catch(lines, index)
        if found:
            return found
    return _dropped_io(source, lines, index)


def _touches(source: SourceFile, number: int) -> bool:
    """Whether the line does I/O or handles an error at all (the question the checklist's child check depends on)."""
    text = source.line(number)
    io = _IO_RE.get(_family(source) or "")
    if io is not None and io.search(text):
        return True
    if source.language == "python":
        return _PY_HANDLER.match(text) is not None
    if source.language == "go":
        return _GO_HANDLER.search(text) is not None
    return _CATCH.search(text) is not None


def _sources(ctx: ScanContext) -> dict[str, SourceFile]:
    return {s.path: s for s in ctx.files
            if not s.is_test and s.language in TESTED_LANGUAGES and not (s.changed is not None and not s.changed)
            and not is_vendored(s.path) and not is_generated(s)}


def _hits(ctx: ScanContext, sources: dict[str, SourceFile], classify, first_only: bool) -> dict[str, list]:
    """Changed candidate lines (git grep finds them) that `classify` keeps, per file, in line order."""
    out: dict[str, list] = {}
    for path, number, _ in grep_literals(ctx, CANDIDATE_LITERALS, sorted(sources)):
        source = sources[path]
        if not source.is_changed(number):
            continue
        what = classify(source, number)
        if what:
            out.setdefault(path, []).append((number, what))
            if first_only:
                break
    return out


def _candidates(ctx: ScanContext) -> dict[str, list[tuple[int, str]]]:
    """Files that let a failure disappear in changed lines and emit no signal anywhere."""
    sources = _sources(ctx)
    if not sources:
        return {}
    observed = {path for path, _, _ in grep_literals(ctx, SIGNAL_LITERALS, sorted(sources), _SIGNAL)}
    return _hits(ctx, {p: s for p, s in sources.items() if p not in observed}, _silent, first_only=False)


def applicability(ctx: ScanContext) -> dict[str, bool]:
    """Whether any changed code does I/O or handles an error (else the metrics hint has nothing to judge)."""
    return {NO_SIGNAL: bool(ctx.cached("observability:applies",
                                       lambda: bool(_hits(ctx, _sources(ctx), _touches, first_only=True))))}


def not_applicable(ctx: ScanContext) -> dict[str, str]:
    """Why the hint did not apply to this run, when it did not (for the checklist's "does not apply: ...")."""
    return {rule: "no changed code does I/O or handles an error"
            for rule, applied in applicability(ctx).items() if not applied}


class ObservabilityScanner:
    name = "observability"
    rules = RULES

    def scan(self, ctx: ScanContext) -> Iterator[RawFinding]:
        for path, hits in sorted(_candidates(ctx).items()):
            line, what = min(hits)
            more = f" ({len(hits) - 1} more such place{'s' if len(hits) > 2 else ''} in this file)" \
                if len(hits) > 1 else ""
            yield RawFinding(NO_SIGNAL, path, line,
                             f"this {what}{more}, and {path} emits no log, metric or stderr message anywhere: log "
                             "or count the failure, or let it propagate")


SCANNER = ObservabilityScanner()
