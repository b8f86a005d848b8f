"""The "metrics emit baseline signals" hint (Definition of Ready for Review; section 12, Observability).

`silent-failure/no-baseline-signal` (info, never more): a changed line is a code path where a failure disappears,
and the file emits no log, metric, trace or stderr message anywhere. It feeds the checklist's `warn`, never fails a
run on its own; it is in the `silent-failure` category because that is the anti-pattern it guards against ("silent
failures swallowed without metrics").

A failure disappears where code
- handles a failure and carries on without letting anyone know. A failure is what a bare or broad handler catches,
  or a failure of the environment: I/O, network, database, subprocess, configuration, decoding outside data
  (`OSError`, `ConnectionError`, `DatabaseError`, `JSONDecodeError`, `ImproperlyConfigured`, `LDAPError`).
  Expected conditions (`KeyError`, `ImportError`, `ValueError` from a conversion, `FileNotFoundError`, an ORM's
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
the error nor records it; a Go `if err != nil` branch, on an error variable by Go's naming, that neither returns,
panics nor uses `err`). Only code is judged, as by the silent-failure warnings (`_code_only`): a handler or a call
written in a comment, a string, a template literal or a docstring is text.

`applicability(ctx)` says whether any changed code did I/O or handled an error at all, and `not_applicable(ctx)`
why not (the checklist's child check is `skip`, "does not apply: ...", otherwise).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TypeVar

from readiness.core.models import Severity
from readiness.core.scan._source.braces import CATCH, block_body, catch_variable
from readiness.core.scan._source.code import FAMILY, TESTED_LANGUAGES, is_generated, is_vendored
from readiness.core.scan._source.grep import grep_literals
from readiness.core.scan.base import RawFinding, Rule, ScanContext, SourceFile
from readiness.core.scan.scanners._code_only import GO_ERROR, code_lines, python_code
from readiness.core.scan.scanners._failure_handling import PY_IO
from readiness.core.scan.scanners._python_handlers import PY_HANDLER, python_handler, python_result_io

_R = TypeVar("_R")

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
    "python": PY_IO.pattern,
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
_GO_HANDLER = re.compile(rf"\bif\b[^{{]*{GO_ERROR}\s*!=\s*nil\s*\{{")


def _family(source: SourceFile) -> str | None:
    lang = source.language
    return {"javascript": "js", "typescript": "js"}.get(lang or "", FAMILY.get(lang or "", lang))


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


def _catch(lines: list[str], index: int, code: str) -> str | None:
    match = CATCH.search(code)
    if not match or _EXPECTED_CATCH.search(match.group(1) or ""):
        return None
    body = block_body(lines, index, match.start())
    if body is None or not body.strip():
        return None  # unclosed (no claim) or empty (silent-failure/empty-catch says it, as a warning)
    variable = catch_variable(match)
    if _BLOCK_PROPAGATES.search(body) or (variable and re.search(rf"(?<![\w$]){re.escape(variable)}(?![\w$])", body)):
        return None
    return "catches an error and carries on without rethrowing or returning or recording it"


def _go_branch(lines: list[str], index: int, code: str) -> str | None:
    match = _GO_HANDLER.search(code)
    if not match:
        return None
    body = block_body(lines, index, match.start())
    if body is None or not body.strip():
        return None  # empty: silent-failure/go-empty-error-branch says it
    variable = re.search(rf"({GO_ERROR})\s*!=\s*nil", code)
    if _BLOCK_PROPAGATES.search(body) or (variable and re.search(rf"\b{variable.group(1)}\b", body)):
        return None
    return "handles an error and carries on without returning or recording it"


_GO_DROPPED = re.compile(r"^[ \t]*(?:os\.(?:Remove|RemoveAll|Rename|Mkdir|MkdirAll|WriteFile|Chmod|Chown|Symlink|"
                         r"Truncate|Setenv)|ioutil\.WriteFile)\(")
_RUST_DROPPED = re.compile(r"^[ \t]*let[ \t]+_[ \t]*=[ \t]*(?:std::)?fs::\w+\(|^[ \t]*(?:std::)?fs::\w+\([^;]*\)\.ok\(\);")
_JVM_DROPPED = re.compile(r"^[ \t]*(?:new File\([^;]*\)|[\w.]*(?:[Ff]ile|[Dd]ir|[Pp]ath|[Tt]e?mp)\w*(?:\(\))?)\."
                         r"(?:delete|mkdirs?|renameTo|createNewFile|setLastModified)\([^;]*\);?[ \t]*$")


def _dropped_io(source: SourceFile, text: str) -> str | None:
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
    """How a grep hit line lets a failure disappear, or None. Judged on code: a handler or a call written in a
    comment, a string or a docstring is text."""
    lines, index = source.lines, number - 1
    if source.language == "python":
        if PY_HANDLER.match(lines[index]):
            try:
                found = python_handler(lines, index)
            except RecursionError:  # absurdly nested code: no claim
                return None
        else:
            found = python_result_io(lines, index)
        return found if found and not python_code(source.text).in_string(index) else None
    if _brace_or_go(source, lines, index, lines[index]) is None:
        return None  # the line alone says nothing: the file is not blanked
    return _brace_or_go(source, lines, index, code_lines(source.text, source.language or "")[index])


def _brace_or_go(source: SourceFile, lines: list[str], index: int, code: str) -> str | None:
    """How lines[index] lets a failure disappear, judged on `code` (the line, or the line blanked)."""
    if source.language == "go":
        return _go_branch(lines, index, code) or _dropped_io(source, code)
    return (_catch(lines, index, code) if "catch" in code else None) or _dropped_io(source, code)


def _touches(source: SourceFile, number: int) -> bool:
    """Whether the line does I/O or handles an error at all (the question the checklist's child check depends on)."""
    text = source.line(number)
    io = _IO_RE.get(_family(source) or "")
    if io is not None and io.search(text):
        return True
    if source.language == "python":
        return PY_HANDLER.match(text) is not None
    if source.language == "go":
        return _GO_HANDLER.search(text) is not None
    return CATCH.search(text) is not None


def _sources(ctx: ScanContext) -> dict[str, SourceFile]:
    return {s.path: s for s in ctx.files
            if not s.is_test and s.language in TESTED_LANGUAGES and not (s.changed is not None and not s.changed)
            and not is_vendored(s.path) and not is_generated(s)}


def _hits(ctx: ScanContext, sources: dict[str, SourceFile], classify: Callable[[SourceFile, int], _R | None],
          first_only: bool) -> dict[str, list[tuple[int, _R]]]:
    """Changed candidate lines (git grep finds them) that `classify` keeps, per file, in line order."""
    out: dict[str, list[tuple[int, _R]]] = {}
    previous: SourceFile | None = None
    for path, number, _ in grep_literals(ctx, CANDIDATE_LITERALS, sorted(sources)):
        source = sources[path]
        if previous is not None and previous is not source:
            previous.release()  # the hits come file by file: one file's lines held at a time
        previous = source
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
