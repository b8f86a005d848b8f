"""Printed-secret sinks outside Python (and for Python that does not parse): print and logger calls by pattern.

`SINKS` are the print and logger calls of each language, matched on text whose comments and string contents
`code_and_strings` has blanked; `INTERPOLATION` finds the names interpolated into a string; `argument_end` finds
where a call's arguments end.
"""

from __future__ import annotations

import re

from readiness.core.secrets.rules.shapes import LazyPattern

LOGGER_CALL = (r"(?<![\w$])(?:[A-Za-z_$][\w$]*(?:\.|->|::))*\$?(?:logger|log|LOG|LOGGER|Log|_log|_logger|logging|"
                r"Logger|LOGGING|slog|zap|logrus)\s*(?:\.|->|::)\s*(?:debug|info|warn|warning|error|fatal|trace|"
                r"critical|notice|verbose|exception|Debug|Info|Warn|Warning|Error|Fatal|Trace|Information|Critical|"
                r"LogInformation|LogDebug|LogWarning|LogError|Infof|Debugf|Errorf|Warnf|Printf|Println|Print)\s*\(")
PRINTS = {
    "python": r"(?<![\w.])(?:print|pprint)\s*\(|\bsys\.(?:stdout|stderr)\.write\s*\(",
    "java": r"\bSystem\.(?:out|err)\.print(?:ln|f)?\s*\(",
    "kotlin": r"(?<![\w.])(?:println|print)\s*\(|\bSystem\.(?:out|err)\.print(?:ln|f)?\s*\(",
    "scala": r"(?<![\w.])(?:println|print|printf)\s*\(|\bSystem\.(?:out|err)\.print(?:ln|f)?\s*\(",
    "javascript": r"\bconsole\.(?:log|info|warn|error|debug|trace|dir)\s*\(|\bprocess\.(?:stdout|stderr)\.write\s*\(",
    "go": r"\bfmt\.(?:Print|Println|Printf|Fprint|Fprintln|Fprintf)\s*\(|\blog\.(?:Print|Println|Printf|Fatal|Fatalf|"
          r"Fatalln|Panic|Panicf|Panicln)\s*\(",
    "rust": r"(?<![\w:])(?:println|print|eprintln|eprint|dbg|info|debug|warn|error|trace)!\s*\(",
    "csharp": r"\bConsole\.(?:Error\.)?(?:Write|WriteLine)\s*\(|\bDebug\.(?:Log|WriteLine)\s*\(",
    "swift": r"(?<![\w.])(?:print|debugPrint|NSLog|dump)\s*\(",
    "c": r"(?<![\w.])(?:printf|fprintf|puts|fputs|syslog|perror)\s*\(|(?<![\w.])(?:std::)?(?:cout|cerr|clog)\s*<<",
    "ruby": r"(?<![\w.:$@])(?:puts|print|p|pp|warn)(?:\s*\(|[ \t]+(?=[\w$@:\"'#]))",
    "php": r"(?<![\w$>])(?:echo|print|print_r|var_dump|var_export|error_log|printf)\b\s*\(?",
    "shell": r"(?<![\w\-])(?:echo|printf)\b[ \t]*",
}
PRINTS["typescript"] = PRINTS["javascript"]
PRINTS["cpp"] = PRINTS["c"]
# compiled the first time a file of the language reaches them (all of them cost ~10 ms at every start)
SINKS = {lang: LazyPattern(f"(?P<log>{LOGGER_CALL})|(?P<print>{pattern})") for lang, pattern in PRINTS.items()}
HASH_COMMENT = frozenset({"python", "ruby", "shell", "php"})
INTERPOLATION = {
    "javascript": r"\$\{([^}]*)\}", "typescript": r"\$\{([^}]*)\}", "kotlin": r"\$\{([^}]*)\}|\$([A-Za-z_]\w*)",
    "scala": r"\$\{([^}]*)\}|\$([A-Za-z_]\w*)", "php": r"\{?\$([A-Za-z_]\w*)", "shell": r"\$\{#?([^}]*)\}|\$([A-Za-z_]\w*)",
    "swift": r"\\\(([^)]*)\)", "ruby": r"#\{([^}]*)\}", "rust": r"\{([A-Za-z_]\w*)(?::[^}]*)?\}",
    "csharp": r"\{([^}:\"]+)", "python": r"\{([^{}:!]+)",
}
IDENT = re.compile(r"(?<![\w$])[$@]{0,2}([A-Za-z_][\w]*)")
MEASURE_AFTER = re.compile(r"\s*(?:\.|->)\s*(?:length|size|count|len|Length|Count|isEmpty|is_empty|IsEmpty|"
                            r"isBlank|empty)\b|\s*:\s*[\"'`]")
MEASURE_BEFORE = re.compile(r"(?:\blen|strlen|sizeof|count|mask|redact|hash|\bcap|\bbool)\s*\(\s*$")


def code_and_strings(text: str, language: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with comments blanked and string contents blanked (quotes kept), and the string spans."""
    parts = [r"(?P<c>//[^\n]*|/\*.*?\*/)" if language not in ("python", "shell", "ruby") else r"(?P<c>(?!)x)",
             r"(?P<h>(?<![\w$'\"{])#(?![{!])[^\n]*)" if language in HASH_COMMENT else r"(?P<h>(?!)x)",
             r'(?P<s>"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`|'
             + (r"'(?:\\.|[^'\\\n]){0,3}')" if language in ("rust", "c", "cpp", "java", "kotlin", "scala", "go",
                                                            "csharp", "swift")
                else r"'(?:\\.|[^'\\\n])*')")]
    token = re.compile("|".join(parts), re.S)
    out, strings, last = [], [], 0
    for m in token.finditer(text):
        out.append(text[last:m.start()])
        body = m.group()
        if m.lastgroup == "s":
            quote = 3 if body[:3] in ('"""', "'''") else 1
            strings.append((m.start(), m.end()))
            out.append(body[:quote] + re.sub(r"[^\n]", " ", body[quote:-quote]) + body[-quote:])
        else:
            out.append(re.sub(r"[^\n]", " ", body))
        last = m.end()
    out.append(text[last:])
    return "".join(out), strings


def argument_end(code: str, start: int, opened: bool) -> int:
    """End offset of the arguments that start at `start`: to the closing parenthesis, or the end of statement."""
    if not opened:
        stop = re.compile(r"[;\n]").search(code, start)
        return stop.start() if stop else len(code)
    depth, limit = 1, min(len(code), start + 4000)
    for i in range(start, limit):
        char = code[i]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                return i
    return limit


# -- what an argument does with a name ------------------------------------------------------------------------
_SPACE = " \t\r\n"
_LINKS = ("?.", "!!.", "->", "::", ".")  # member access, longest first


def _space_before(code: str, i: int, lo: int) -> int:
    while i > lo and code[i - 1] in _SPACE:
        i -= 1
    return i


def _open_of(code: str, close: int, lo: int) -> int:
    """Index of the bracket that opens the one closing at `close`, or lo - 1 when it opens before `lo`."""
    depth = 0
    for i in range(close, lo - 1, -1):
        if code[i] in ")]}":
            depth += 1
        elif code[i] in "([{":
            depth -= 1
            if depth == 0:
                return i
    return lo - 1


def _operand_start(code: str, end: int, lo: int) -> int:
    """Start of the name, call or subscript that ends at `end` (`a`, `f(x)`, `a[0]`, `f(x)[1]`); `end` if none."""
    i = end
    while i > lo:
        if code[i - 1] in ")]":
            opening = _open_of(code, i - 1, lo)
            if opening < lo:
                return i
            i = opening
            continue
        j = i
        while j > lo and (code[j - 1].isalnum() or code[j - 1] in "_$@"):
            j -= 1
        return j
    return i


def chain_start(code: str, start: int, lo: int) -> int:
    """Start of the member chain a name at `start` ends: `a.b().c[0].` before `token` (not before `lo`)."""
    i = start
    while True:
        j = _space_before(code, i, lo)
        link = next((t for t in _LINKS if j - len(t) >= lo and code.startswith(t, j - len(t))), None)
        if link is None:
            return i
        j = _space_before(code, j - len(link), lo)
        k = _operand_start(code, j, lo)
        if k == j:
            return i  # `...token`: a spread, not a member
        i = k
