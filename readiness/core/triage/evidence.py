"""Step 1 of the triage flow: what the evidence (gate results, saved output, findings) says the blocker is.

Strong evidence is a line of output that names the problem (a syntax error: build; a missing module: environment; a
refused connection in integration tests: integration; a failed assertion: logic). Weak evidence, used only when no
output names anything, is what a failing gate or a kind of finding usually means. Secrets are masked in every reason.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from readiness.core.models import GateStatus, Severity
from readiness.core.names import masked_text


@dataclass(frozen=True)
class Evidence:
    """Something that failed: a gate result, a saved output, or findings of one category. `status` as in
    GateResult (fail, error, timeout)."""

    source: str  # "gate tests", "pytest.log", "2 todo-throw findings"
    text: str = ""
    status: str = GateStatus.FAIL
    gate: str | None = None
    integration: bool = False  # output of integration-marked tests
    category: str | None = None  # findings: their category ("todo-throw")


@dataclass(frozen=True)
class Suggestion:
    klass: str
    reason: str  # "gate tests failed: ModuleNotFoundError: No module named 'psycopg'" (secrets masked)


_FAILED = (GateStatus.FAIL, GateStatus.ERROR, GateStatus.TIMEOUT)
ORDER = ("build", "environment", "integration", "logic")
# Weaker evidence, used only when no output names the problem: what a failing gate, or a kind of finding, usually
# means (in this order of weight). Lint and smoke failures are fixed before the code builds and starts cleanly;
# failing tests, coverage, security, performance or docs gates, and the scanners' findings, are work in the code.
GATE_CLASS = {"build": "build", "tests": "logic", "smoke": "build", "lint": "build", "coverage": "logic",
              "security": "logic", "performance": "logic", "docs": "logic"}
# A finding's category -> (class, why). Secrets are security problems; the class says where the fix is: a secret
# printed or logged is a code path that must stop doing it (logic); a secret written into the repository is a
# credential that belongs in the environment (revoke it, rotate it, read it from the environment or a secret store).
# The why is said only where the class is not the obvious one.
FINDING_TABLE = {
    "todo-throw": ("logic", ""),
    "hardcoded-secret": ("environment", "security: the credential belongs in the environment; revoke and rotate it"),
    "printed-secret": ("logic", "security: a code path prints or logs a secret"),
    "silent-failure": ("logic", ""),
    "missing-test": ("logic", ""),
    "missing-docs": ("logic", ""),
}
FINDING_CLASS = {category: klass for category, (klass, _) in FINDING_TABLE.items()}


@functools.cache
def _rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Evidence patterns per class, strongest first; compiled on first use."""
    return (
        ("build", re.compile(r"\b(SyntaxError|IndentationError|TabError)\b|:\d+:\d+: (fatal )?error\b|"
                             r"\berror(\[E\d+\]| TS\d+)|compilation (failed|terminated)|\bbuild failed\b", re.I)),
        ("environment", re.compile(
            r"\bModuleNotFoundError\b|No module named|command not found|: not found$|executable file not found|"
            r"is not recognized as an internal or external command|No such file or directory: '[^'/\\]+'$|"
            r"\[Errno 2\] No such file or directory: '[^'/\\]+'|connection refused|ECONNREFUSED|ConnectionRefusedError|"
            r"permission denied|PermissionError|EACCES|Operation not permitted|Could not resolve host|"
            r"Name or service not known|getaddrinfo failed|No space left on device", re.I)),
        ("integration", re.compile(
            r"\bTimeoutError\b|timed out|\b(Read|Connect)Timeout\b|\bHTTPError\b|\bHTTP [45]\d\d\b|status code [45]\d\d|"
            r"\b5\d\d (Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)|requests\.exceptions|"
            r"httpx\.|urllib\.error|aiohttp\.|OperationalError|psycopg|sqlalchemy\.exc|pymysql|DatabaseError|"
            r"redis\.exceptions|ConnectionResetError|RemoteDisconnected", re.I)),
        ("logic", re.compile(r"\bAssertionError\b|^E\s+assert\b|FAILED .* - assert|^\s*assert .+==|--- FAIL:|"
                             r"^\s*Expected:|AssertionFailedError", re.M)),
    )


_INTEGRATION_MARK = re.compile(r"integration", re.I)  # a tests/integration path, an `integration` marker or gate
# A network call that timed out or could not connect: an external boundary (integration) in integration tests, else
# the machine's network or a service it cannot reach (environment), never a logic error of the code under test.
_NETWORK_TIMEOUT = re.compile(
    r"\b(?:Connect|Read|Pool)Timeout(?:Error)?\b|\bsocket\.timeout\b|\bconnect(?:ion)? timed out\b|"
    r"timed out while connecting|\bMax retries exceeded\b|\bNewConnectionError\b|\bETIMEDOUT\b|"
    r"Temporary failure in name resolution|Network is unreachable|\bConnectionError\b", re.I)


def _line(text: str, pattern: re.Pattern[str]) -> str | None:
    for line in text.splitlines():
        line = line[:4096]  # a bounded input per regex: no pathological backtracking on a huge line
        if pattern.search(line):
            return line.strip()
    return None


def classify_evidence(evidence: Iterable[Evidence]) -> list[Suggestion]:
    """Every class the evidence points to, strongest first: what the output says (build gate, environment,
    integration, logic), then, for evidence whose output says nothing recognisable, what a failing gate or a kind
    of finding usually means (`GATE_CLASS`, `FINDING_CLASS`)."""
    found: dict[str, Suggestion] = {}
    unexplained: list[Evidence] = []
    for item in evidence:
        if item.status not in _FAILED:
            continue
        mine = _explained(item) if item.category is None else {}
        for klass, suggestion in mine.items():
            found.setdefault(klass, suggestion)
        if not mine:
            unexplained.append(item)
    strong = [_masked(found[k]) for k in ORDER if k in found]
    return strong + [s for s in _weak(unexplained) if s.klass not in found]


def _explained(item: Evidence) -> dict[str, Suggestion]:
    """The classes this piece of evidence names by itself (its status, its gate, a recognisable line)."""
    what = f"{item.source} {'timed out' if item.status == GateStatus.TIMEOUT else 'failed'}"
    integration = item.integration or bool(_INTEGRATION_MARK.search(f"{item.source} {item.gate or ''}"))
    found: dict[str, Suggestion] = {}
    if item.gate == "build" and item.status == GateStatus.FAIL:
        found["build"] = Suggestion("build", f"{what}: {_first_line(item.text) or 'see its output'}")
    if item.status == GateStatus.ERROR:  # the gate could not run at all: a missing tool
        why = _first_line(item.text) or "the tool could not run"
        found["environment"] = Suggestion("environment", f"{what}: {why}")
    if item.status == GateStatus.TIMEOUT and integration:
        found["integration"] = Suggestion("integration", what)
    network = _line(item.text, _NETWORK_TIMEOUT)
    if network is not None:
        klass = "integration" if integration or _INTEGRATION_MARK.search(item.text) else "environment"
        found.setdefault(klass, Suggestion(klass, f"{what}: network timeout: {network}"))
    for klass, pattern in _rules():
        if klass in found:
            continue
        line = _line(item.text, pattern)
        if line is None:
            continue
        if klass == "integration" and not (integration or _INTEGRATION_MARK.search(line)
                                           or _INTEGRATION_MARK.search(item.text)):
            continue
        found[klass] = Suggestion(klass, f"{what}: {line}")
    return found


def _weak(evidence: list[Evidence]) -> list[Suggestion]:
    """Failing gates by weight, then findings (errors and the most numerous first): one suggestion per class."""
    gates = sorted((e for e in evidence if e.status == GateStatus.FAIL and e.gate in GATE_CLASS and e.category is None),
                   key=lambda e: list(GATE_CLASS).index(e.gate or ""))
    findings = [e for e in evidence if e.category in FINDING_CLASS]
    out: dict[str, Suggestion] = {}
    for item in gates:
        klass = GATE_CLASS[item.gate or ""]
        out.setdefault(klass, Suggestion(klass, f"{item.source} failed: {_first_line(item.text) or 'see its output'}"))
    for item in findings:
        klass, why = FINDING_TABLE[item.category or ""]
        said = f"{item.source}: {_first_line(item.text) or item.category}"
        out.setdefault(klass, Suggestion(klass, f"{said} ({why})" if why else said))
    return [_masked(s) for s in out.values()]


def findings_evidence(findings: Iterable[tuple[str, str, str, int | None, str]]) -> list[Evidence]:
    """Unwaived findings at warning or above, as (category, severity, path, line, message), grouped into one
    piece of evidence per category: errors first, then by `FINDING_CLASS` order (unfinished code first), then the
    most numerous."""
    groups: dict[str, list[tuple[str, str, str, int | None, str]]] = {}
    for finding in findings:
        if finding[1] in (Severity.ERROR, Severity.WARNING):
            groups.setdefault(finding[0], []).append(finding)
    order = list(FINDING_CLASS)
    ranked = sorted(groups.items(), key=lambda kv: (not any(f[1] == Severity.ERROR for f in kv[1]),
                                                    order.index(kv[0]) if kv[0] in order else len(order),
                                                    -len(kv[1]), kv[0]))
    out = []
    for category, group in ranked:
        first = sorted(group, key=lambda f: f[1] != Severity.ERROR)[0]
        where = first[2] if first[3] is None else f"{first[2]}:{first[3]}"
        noun = "finding" if len(group) == 1 else "findings"
        out.append(Evidence(source=f"{len(group)} {category} {noun}", text=f"{where}: {first[4]}",
                            category=category))
    return out


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _masked(suggestion: Suggestion) -> Suggestion:
    reason = masked_text(suggestion.reason)
    return replace(suggestion, reason=reason if len(reason) <= 200 else reason[:199] + "…")


def suggest_class(evidence: Iterable[Evidence]) -> Suggestion | None:
    found = classify_evidence(evidence)
    return found[0] if found else None
