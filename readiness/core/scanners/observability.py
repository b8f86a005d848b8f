"""The "metrics emit baseline signals" hint (Definition of Ready for Review; section 12, Observability).

`silent-failure/no-baseline-signal` (info, never more): a changed line of a source file does I/O (files, network,
subprocesses, databases) or handles an error without propagating it, and the file emits no log, metric, trace or
stderr message anywhere. It feeds the checklist's `warn`, never fails a run on its own; it is in the
`silent-failure` category because that is the anti-pattern it guards against ("silent failures swallowed without
metrics").

`applicability(ctx)` says whether any changed code did I/O or handled an error (the checklist item is `skip`
otherwise).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from readiness.core.models import Severity
from readiness.core.scanners._code import FAMILY, TESTED_LANGUAGES, grep_literals, is_generated, is_vendored
from readiness.core.scanners.base import RawFinding, Rule, ScanContext, SourceFile

NO_SIGNAL = "silent-failure/no-baseline-signal"
RULES = {NO_SIGNAL: Rule(
    id=NO_SIGNAL, category="silent-failure", severity=Severity.INFO, title="No log or metric around I/O or errors",
    what="Changed code does I/O or handles an error without propagating it, and its file emits no log, metric, "
         "trace or stderr message at all.",
    why="Metrics emit baseline signals (Definition of Ready for Review): what nobody can see, nobody can operate.",
    fix="Log the handled error with context (logger.warning(..., exc_info=True)) or count it in a metric; log the "
        "start and outcome of I/O worth knowing about.",
    example="try:\n    data = path.read_text()\nexcept OSError:\n    data = ''   # and no logging in the module",
)}

_IO = {
    "python": r"\bopen\(|\brequests\.|\burllib\b|\burlopen\(|\bhttpx\.|\baiohttp\b|\bsocket\.|\bsubprocess\.|"
              r"\bsqlite3\.|\.execute\(|\bboto3\.|\bsmtplib\.|\bshutil\.(?:copy|move|rmtree)|"
              r"\bos\.(?:remove|rename|replace|unlink|makedirs|rmdir)\(|\.(?:write|read)_(?:text|bytes)\(",
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
)
_PY_HANDLER = re.compile(r"^[ \t]*except\b[^:]*:(.*)$")
_GO_HANDLER = re.compile(r"\bif\b[^{]*\berr\w*\s*!=\s*nil\s*\{")
_CATCH = re.compile(r"\bcatch\b\s*(?:\([^)]*\))?\s*\{")


def _family(source: SourceFile) -> str | None:
    lang = source.language
    return {"javascript": "js", "typescript": "js"}.get(lang or "", FAMILY.get(lang or "", lang))


def _propagates_python(lines: list[str], index: int, inline: str) -> bool:
    if inline.strip():
        return "raise" in inline
    indent = len(lines[index]) - len(lines[index].lstrip())
    for text in lines[index + 1:index + 12]:
        if text.strip() and len(text) - len(text.lstrip()) <= indent:
            return False
        if re.match(r"\s*raise\b", text):
            return True
    return False


def _propagates_block(lines: list[str], index: int, words: tuple[str, ...]) -> bool:
    depth = 0
    for number in range(index, min(len(lines), index + 15)):
        text = lines[number]
        if number > index and any(re.search(rf"\b{w}\b", text) for w in words):
            return True
        depth += text.count("{") - text.count("}")
        if number > index and depth <= 0:
            return False
        if number == index and any(re.search(rf"\b{w}\b", text.split("{", 1)[-1]) for w in words):
            return True
    return False


def _classify(source: SourceFile, number: int) -> str | None:
    """Why a grep hit line matters: "does I/O", "handles an error" (without propagating it), or None."""
    text = source.line(number)
    io = _IO_RE.get(_family(source) or "")
    if io is not None and io.search(text):
        return "does I/O"
    lines, index = source.lines, number - 1
    if source.language == "python":
        match = _PY_HANDLER.match(text)
        if match and not _propagates_python(lines, index, match.group(1)):
            return "handles an error"
    elif source.language == "go":
        if _GO_HANDLER.search(text) and not _propagates_block(lines, index, ("return", "panic")):
            return "handles an error"
    elif _CATCH.search(text) and not _propagates_block(lines, index, ("throw", "rethrow")):
        return "handles an error"
    return None


def _sources(ctx: ScanContext) -> dict[str, SourceFile]:
    return {s.path: s for s in ctx.files
            if not s.is_test and s.language in TESTED_LANGUAGES and not (s.changed is not None and not s.changed)
            and not is_vendored(s.path) and not is_generated(s)}


def _first_hits(ctx: ScanContext, sources: dict[str, SourceFile], first_only: bool) -> dict[str, tuple[int, str]]:
    """The first changed line per file that does I/O or handles an error (git grep finds the candidate lines)."""
    out: dict[str, tuple[int, str]] = {}
    for path, number, _ in grep_literals(ctx, CANDIDATE_LITERALS, sorted(sources)):
        source = sources[path]
        if path in out or not source.is_changed(number):
            continue
        what = _classify(source, number)
        if what is not None:
            out[path] = (number, what)
            if first_only:
                break
    return out


def _candidates(ctx: ScanContext) -> dict[str, tuple[int, str]]:
    """Files that do I/O or handle errors in changed lines and emit no signal anywhere."""
    sources = _sources(ctx)
    if not sources:
        return {}
    observed = {path for path, _, _ in grep_literals(ctx, SIGNAL_LITERALS, sorted(sources), _SIGNAL)}
    return _first_hits(ctx, {p: s for p, s in sources.items() if p not in observed}, first_only=False)


def applicability(ctx: ScanContext) -> dict[str, bool]:
    """Whether any changed code does I/O or handles an error (else the metrics item does not apply)."""
    return {NO_SIGNAL: bool(ctx.cached("observability:applies",
                                       lambda: bool(_first_hits(ctx, _sources(ctx), first_only=True))))}


class ObservabilityScanner:
    name = "observability"
    rules = RULES

    def scan(self, ctx: ScanContext) -> Iterator[RawFinding]:
        for path, (line, what) in sorted(_candidates(ctx).items()):
            yield RawFinding(NO_SIGNAL, path, line,
                             f"this {what}, and {path} emits no log, metric or stderr message anywhere: add one so "
                             "failures here are visible")


SCANNER = ObservabilityScanner()
