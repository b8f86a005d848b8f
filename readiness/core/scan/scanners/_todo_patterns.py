"""TODO throws in languages other than Python: literal-anchored patterns on the text with comments and strings
blanked, a throw reported when the string after it says TODO/FIXME or "not implemented". Also the words every
todo-throw rule reads a message with.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import NamedTuple

from readiness.core.models import Severity
from readiness.core.scan.base import RawFinding, SourceFile

TODO = re.compile(r"\b(?:todo|fixme)\b", re.I)
NOT_IMPL = re.compile(r"\bnot\s+(?:yet\s+)?implemented\b|\bunimplemented\b|\bimplement\s+me\b", re.I)
# A message or comment saying the branch is unfinished: the error-level words of the unfinished-branch rule.
UNFINISHED_MSG = re.compile(r"\b(?:todo|fixme|xxx|tbd|wip|unfinished|stub(?:bed)?|placeholder)\b|"
                            r"\bnot\s+yet\b|\byet\s+to\b|\bimplemented\s+yet\b|(?<!or )\blater\b|"
                            r"\bimplement\b|\bto\s+be\s+(?:implemented|done|written)\b|work\s+in\s+progress|"
                            r"coming\s+soon|\bfor\s+now\b", re.I)
# A message that names the input it refuses: a deliberate answer, not an unfinished branch.
REFUSED_INPUT = re.compile(r"\b(?:unknown|unexpected|unrecogni[sz]ed|invalid|illegal|bad|unhandled|only|must|"
                           r"expected|got)\b|!r\}|%r", re.I)
UNSUPPORTED_MSG = re.compile(
    r"not supported|unsupported|n[o']t support|cannot|can't|can not|not possible|not allowed|not available|"
    r"not applicable|only (?:.{1,60} )?supported|supported only|does not exist|doesn't exist|undefined|not defined|"
    r"n't have|no closed form|immutable|read-?only|requires|makes? sense|not meaningful|n[o']t provide|"
    r"not implemented (?:for|on|with|by|in)\b", re.I)


def line_indexes(text: str, offsets: list[int]) -> list[int]:
    """0-based line index of each of the sorted offsets."""
    return list(itertools.accumulate(text.count("\n", a, b) for a, b in zip([0, *offsets], offsets, strict=False)))


_SLASH_COMMENTS = r"//[^\n]*|/\*[\s\S]*?(?:\*/|\Z)"
_DQ, _CHAR, _TRIPLE = r'"(?:\\.|[^"\\\n])*"', r"'(?:\\[^'\n]{1,10}|[^'\\\n])'", r'"""[\s\S]*?"""'
_JVM_THROW = (r"\bthrow\s+(?:new\s+)?(?:java\.lang\.|kotlin\.|scala\.)?(?:UnsupportedOperationException|"
              r"NotImplementedError|RuntimeException|IllegalStateException|Error)\s*\(", True)
# A custom not-implemented type, as JavaScript, TypeScript and C++ projects define them.
_CUSTOM_KIN = r"\bNotImplemented\w*\s*\($"


class Lang(NamedTuple):
    """A language's TODO-throw patterns and the kin of Python's NotImplementedError it throws."""
    rule: str
    tokens: re.Pattern  # comments and string literals
    patterns: list[tuple[re.Pattern, bool]]  # (regex, needs a TODO/not-implemented string after it)
    kin: re.Pattern | None = None  # the head of a throw of a not-implemented kin (matched on a pattern's head)
    bare: re.Pattern | None = None  # the kin heads that count without a message
    abort: re.Pattern | None = None  # the language's ordinary abort (panic): counts only when it says unfinished


def _lang(rule: str, tokens: tuple[str, ...], *patterns: tuple[str, bool], kin: str | None = None,
          bare: str | None = None, abort: str | None = None) -> Lang:
    return Lang(rule, re.compile("|".join((_SLASH_COMMENTS, *tokens))), [(re.compile(p), msg) for p, msg in patterns],
                *(re.compile(p) if p else None for p in (kin, bare, abort)))


# The JVM's kin: Kotlin's and Scala's NotImplementedError, bare or not; Java's UnsupportedOperationException only
# with a message (bare, it is the idiom of a deliberate refusal: `Iterator.remove()`).
_JVM_KIN = dict(kin=r"\b(?:java\.lang\.|kotlin\.|scala\.)?(?:NotImplementedError|UnsupportedOperationException)\s*\($",
                bare=r"NotImplementedError\s*\($")
_JS = _lang("javascript", (_DQ, r"'(?:\\.|[^'\\\n])*'", r"`(?:\\[\s\S]|[^`\\])*`"),
            (r"\bthrow\s+(?:new\s+)?(?:[\w.]*(?:Error|Exception)\s*\()?", True), kin=_CUSTOM_KIN, bare=_CUSTOM_KIN)
_C = _lang("cpp", (_DQ, _CHAR), (r"\bassert\s*\(\s*!", True),
           (r"\bthrow\s+(?:std::)?(?:logic_error|runtime_error|exception|invalid_argument)\s*\(", True),
           (r"\bthrow\s+(?:new\s+)?(?:\w+::)*NotImplemented\w*\s*\(", True), kin=_CUSTOM_KIN, bare=_CUSTOM_KIN)
LANGS = {
    "java": _lang("java", (_TRIPLE, _DQ, _CHAR), _JVM_THROW, **_JVM_KIN),
    "kotlin": _lang("kotlin", (_TRIPLE, _DQ, _CHAR), _JVM_THROW, (r"(?<!fun )\bTODO\s*(?=\()", False),
                    (r"\bthrow\s+NotImplementedError\s*\(\s*\)", False), **_JVM_KIN),
    "scala": _lang("scala", (_TRIPLE, _DQ, _CHAR), _JVM_THROW, (r"(?<![\w?!=<>:])\?\?\?(?![\w?])", False),
                   (r"\bthrow\s+new\s+NotImplementedError\b", False), **_JVM_KIN),
    "csharp": _lang("csharp", (r'@"(?:[^"]|"")*"', _DQ, _CHAR),
                    (r"\bthrow\s+new\s+(?:System\.)?NotImplementedException\b", False)),
    "go": _lang("go", (_DQ, r"`[^`]*`", _CHAR), (r"\bpanic\s*\((?:\s*(?:fmt\.Sprintf|fmt\.Errorf|errors\.New)\s*\()?",
                                                True), abort=r"\bpanic\s*\("),
    "rust": _lang("rust", (r'\bb?r(#*)"[\s\S]*?"\1', _DQ, _CHAR), (r"\b(?:todo|unimplemented)!\s*(?=[(\[{])", False),
                  (r"\bpanic!\s*\(", True), abort=r"\bpanic!\s*\($"),
    "javascript": _JS,
    "typescript": _JS,
    "swift": _lang("swift", (_TRIPLE, _DQ), (r"\b(?:fatalError|preconditionFailure)\s*\(", True),
                   abort=r"\b(?:fatalError|preconditionFailure)\s*\($"),
    "c": _C,
    "cpp": _C,
}
# A message that says the throw is deliberate: a refused input, an unsupported case, a state that cannot happen,
# Xcode's boilerplate for an initializer a view does not support (`fatalError("init(coder:) has not been ...")`).
_DELIBERATE = re.compile(r"init\(coder:?\)|unreachable|impossible|should(?:n't| not| never) (?:happen|be reached|get here)|"
                         r"never (?:happen|be reached|get here)|\binvariant\b|\bbug\b|\bassert|"
                         r"do(?:es)?(?:n't| not) implement", re.I)


def _mask(text: str, tokens: re.Pattern) -> tuple[str, dict[int, int]]:
    """The text with comments and string contents blanked (a literal becomes "  "); literal start -> end."""
    spans: dict[int, int] = {}

    def replace(m: re.Match) -> str:
        blank = " " * len(m.group()) if "\n" not in m.group() else re.sub(r"[^\n]", " ", m.group())
        if m.group()[:2] in ("//", "/*"):
            return blank
        spans[m.start()] = m.end()
        return '"' + blank[1:-1] + '"'

    return tokens.sub(replace, text), spans


def _unfinished(lang: Lang, literal: str, head: str) -> Severity | None:
    """In new code: a warning ("unfinished branch?") for a throw of the language's not-implemented kin whose message
    is not deliberate; an error when its message, or that of the language's ordinary abort (`panic("...")`,
    `fatalError("...")`, which alone is error handling, not a placeholder), says the branch is unfinished."""
    if UNSUPPORTED_MSG.search(literal) or REFUSED_INPUT.search(literal) or _DELIBERATE.search(literal):
        return None
    if lang.kin is not None and lang.kin.search(head) and (literal or (lang.bare and lang.bare.search(head))):
        return Severity.ERROR if UNFINISHED_MSG.search(literal) else Severity.WARNING
    if lang.abort is not None and lang.abort.search(head) and UNFINISHED_MSG.search(literal):
        return Severity.ERROR
    return None


def scan_pattern(source: SourceFile, lang: Lang, diff: bool = False) -> Iterator[RawFinding]:
    """Placeholder throws of one language. With `diff` (changed lines of a diff, not a test file), a throw of the
    language's not-implemented kin (`throw new NotImplementedError(...)`) with any other message is a warning,
    "unfinished branch?", and it or an ordinary abort (`panic`, `fatalError`) is an error when its message says the
    branch is unfinished (later, not yet, stub, implement...): `_unfinished`."""
    text = source.text
    heads = [p for p in (lang.kin, lang.abort) if p is not None] if diff and not source.is_test else []
    if not any(not msg or TODO.search(text, m.end(), m.end() + 200) or NOT_IMPL.search(text, m.end(), m.end() + 200)
               or any(h.search(text[m.start():m.end()]) for h in heads)
               for pattern, msg in lang.patterns for m in pattern.finditer(text)):
        return  # cheap prefilter on the raw text
    masked, spans = _mask(text, lang.tokens)
    hits: dict[int, str] = {}
    warnings: set[int] = set()
    for pattern, msg in lang.patterns:
        for m in pattern.finditer(masked):
            at = m.end() + len(masked[m.end():m.end() + 20]) - len(masked[m.end():m.end() + 20].lstrip(" \t\r\n("))
            literal = text[at:spans[at]] if at in spans else ""
            if not (TODO.search(literal) or msg and NOT_IMPL.search(literal)) and (
                    msg or UNSUPPORTED_MSG.search(literal)):  # no TODO message, or "only supported on Windows"
                level = _unfinished(lang, literal, masked[m.start():m.end()]) if heads else None
                if level is None:
                    continue
                if level is Severity.WARNING:
                    warnings.add(m.start())
            hits.setdefault(m.start(), f"{text[m.start():at].strip()}{literal[:100]})" if literal
                            else text[m.start():m.end()].strip())
    for start, number in zip(sorted(hits), line_indexes(text, sorted(hits)), strict=True):
        if source.is_changed(number + 1):
            what = "unfinished branch? this branch throws" if start in warnings else "placeholder throw left in code"
            yield RawFinding(rule=f"todo-throw/{lang.rule}", path=source.path, line=number + 1,
                             message=f"{what}: {' '.join(hits[start].split())[:200]}",
                             severity=Severity.INFO if source.is_test else Severity.WARNING if start in warnings
                             else None)
