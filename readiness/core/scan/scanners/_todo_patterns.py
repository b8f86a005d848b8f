"""TODO throws in languages other than Python: literal-anchored patterns on the text with comments and strings
blanked, a throw reported when the string after it says TODO/FIXME or "not implemented". Also the words every
todo-throw rule reads a message with.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

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


def _lang(rule: str, tokens: tuple[str, ...], *patterns: tuple[str, bool]) -> tuple[str, re.Pattern, list]:
    """tokens: comment and string syntaxes; patterns: (regex, needs a TODO/not-implemented string after it)."""
    return rule, re.compile("|".join((_SLASH_COMMENTS, *tokens))), [(re.compile(p), msg) for p, msg in patterns]


_JS = _lang("javascript", (_DQ, r"'(?:\\.|[^'\\\n])*'", r"`(?:\\[\s\S]|[^`\\])*`"),
            (r"\bthrow\s+(?:new\s+)?(?:\w*Error\s*\()?", True))
_C = _lang("cpp", (_DQ, _CHAR), (r"\bassert\s*\(\s*!", True),
           (r"\bthrow\s+(?:std::)?(?:logic_error|runtime_error|exception|invalid_argument)\s*\(", True))
LANGS = {
    "java": _lang("java", (_TRIPLE, _DQ, _CHAR), _JVM_THROW),
    "kotlin": _lang("kotlin", (_TRIPLE, _DQ, _CHAR), _JVM_THROW, (r"(?<!fun )\bTODO\s*(?=\()", False),
                    (r"\bthrow\s+NotImplementedError\s*\(\s*\)", False)),
    "scala": _lang("scala", (_TRIPLE, _DQ, _CHAR), _JVM_THROW, (r"(?<![\w?!=<>:])\?\?\?(?![\w?])", False),
                   (r"\bthrow\s+new\s+NotImplementedError\b", False)),
    "csharp": _lang("csharp", (r'@"(?:[^"]|"")*"', _DQ, _CHAR),
                    (r"\bthrow\s+new\s+(?:System\.)?NotImplementedException\b", False)),
    "go": _lang("go", (_DQ, r"`[^`]*`", _CHAR), (r"\bpanic\s*\((?:\s*(?:fmt\.Sprintf|fmt\.Errorf|errors\.New)\s*\()?",
                                                True)),
    "rust": _lang("rust", (r'\bb?r(#*)"[\s\S]*?"\1', _DQ, _CHAR), (r"\b(?:todo|unimplemented)!\s*(?=[(\[{])", False)),
    "javascript": _JS,
    "typescript": _JS,
    "swift": _lang("swift", (_TRIPLE, _DQ), (r"\b(?:fatalError|preconditionFailure)\s*\(", True)),
    "c": _C,
    "cpp": _C,
}


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


# The JVM's kin of Python's NotImplementedError: a throw of it in new code is an unfinished branch (warning) unless
# its message refuses an input; Java's UnsupportedOperationException only with a message (bare, it is the idiom of
# a deliberate refusal: `Iterator.remove()`).
_JVM_UNFINISHED = re.compile(r"\b(?:java\.lang\.|kotlin\.|scala\.)?(?:NotImplementedError|"
                             r"UnsupportedOperationException)\s*\($")


def _unfinished_branch(literal: str, head: str) -> bool:
    """A JVM throw of a not-implemented type whose message neither says TODO nor refuses an input."""
    return bool(_JVM_UNFINISHED.search(head)) and (bool(literal) or "NotImplementedError" in head) and not (
        UNSUPPORTED_MSG.search(literal) or REFUSED_INPUT.search(literal))


def scan_pattern(source: SourceFile, lang: tuple[str, re.Pattern, list], diff: bool = False) -> Iterator[RawFinding]:
    """Placeholder throws of one language. With `diff` (changed lines of a diff, not a test file), a JVM throw of a
    not-implemented type with any other message is a warning: "unfinished branch?"."""
    (rule, tokens, patterns), text = lang, source.text
    warn = diff and not source.is_test and rule in ("java", "kotlin", "scala")
    if not any(not msg or TODO.search(text, m.end(), m.end() + 200) or NOT_IMPL.search(text, m.end(), m.end() + 200)
               or (warn and _JVM_UNFINISHED.search(text[m.start():m.end()]))
               for pattern, msg in patterns for m in pattern.finditer(text)):
        return  # cheap prefilter on the raw text
    masked, spans = _mask(text, tokens)
    hits: dict[int, str] = {}
    warnings: set[int] = set()
    for pattern, msg in patterns:
        for m in pattern.finditer(masked):
            at = m.end() + len(masked[m.end():m.end() + 20]) - len(masked[m.end():m.end() + 20].lstrip(" \t\r\n("))
            literal = text[at:spans[at]] if at in spans else ""
            if not (TODO.search(literal) or msg and NOT_IMPL.search(literal)) and (
                    msg or UNSUPPORTED_MSG.search(literal)):  # no TODO message, or "only supported on Windows"
                if not (warn and _unfinished_branch(literal, masked[m.start():m.end()])):
                    continue
                warnings.add(m.start())
            hits.setdefault(m.start(), f"{text[m.start():at].strip()}{literal[:100]})" if literal
                            else text[m.start():m.end()].strip())
    for start, number in zip(sorted(hits), line_indexes(text, sorted(hits)), strict=True):
        if source.is_changed(number + 1):
            what = "unfinished branch? this branch throws" if start in warnings else "placeholder throw left in code"
            yield RawFinding(rule=f"todo-throw/{rule}", path=source.path, line=number + 1,
                             message=f"{what}: {' '.join(hits[start].split())[:200]}",
                             severity=Severity.INFO if source.is_test else Severity.WARNING if start in warnings
                             else None)
