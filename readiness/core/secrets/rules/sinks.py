"""Printed-secret sinks outside Python (and for Python that does not parse): print and logger calls by pattern.

`SINKS` are the print and logger calls of each language, matched on text whose comments and string contents
`code_and_strings` has blanked; `INTERPOLATION` finds the names interpolated into a string; `argument_end` finds
where a call's arguments end; `not_the_value` tells a name the arguments only measure, compare, cut to a few
characters, mask or hash (what Python's taint does not follow either) from one they print.
"""

from __future__ import annotations

import re

from readiness.core.secrets.rules.names import name_words
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
    "rust": r"(?<![\w:])(?:(?:std|log|tracing|defmt)::)?(?:println|print|eprintln|eprint|dbg|info|debug|warn|error|"
            r"trace)!\s*\(",
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
    "scala": r"\$\{([^}]*)\}|\$([A-Za-z_]\w*)", "php": r"\{?\$([A-Za-z_]\w*)", "shell": r"\$\{([^}]*)\}|\$([A-Za-z_]\w*)",
    "swift": r"\\\(([^)]*)\)", "ruby": r"#\{([^}]*)\}", "rust": r"\{([A-Za-z_]\w*)(?::[^}]*)?\}",
    "csharp": r"\{([^}:\"]+)", "python": r"\{((?:\[[^\]{}]*\]|\([^(){}]*\)|!=|[^{}:!\[(])+)",
}
# Reads of an environment variable, up to the quote of the variable's name (a string literal, blanked in the code)
ENV_READS = {
    "go": r"\bos\.(?:Getenv|LookupEnv)\s*\(\s*",
    "java": r"\bSystem\.getenv\s*\(\s*",
    "kotlin": r"\bSystem\.getenv\s*\(\s*",
    "scala": r"\bSystem\.getenv\s*\(\s*|\bsys\.env\s*(?:\.\s*(?:get|getOrElse|apply)\s*)?\(\s*",
    "csharp": r"\bEnvironment\.GetEnvironmentVariable\s*\(\s*",
    "ruby": r"(?<![\w:])(?:::)?ENV\s*(?:\[\s*|\.\s*fetch\s*\(?\s*)",
    "rust": r"(?<![\w:])(?:std::)?env::var(?:_os)?\s*\(\s*|(?<![\w:])(?:option_)?env!\s*\(\s*",
    "php": r"(?<![\w$>])getenv\s*\(\s*|\$_(?:ENV|SERVER)\s*\[\s*",
    "c": r"(?<![\w.])(?:std::)?(?:secure_)?getenv\s*\(\s*",
    "javascript": r"\bprocess\.env\s*\[\s*|\bDeno\.env\.get\s*\(\s*",
    "swift": r"\benvironment\s*\[\s*",
    "python": r"(?<![\w.])(?:os\.)?(?:getenv|environ\.get)\s*\(\s*|(?<![\w.])(?:os\.)?environ\s*\[\s*",
}
ENV_READS["typescript"] = ENV_READS["javascript"]
ENV_READS["cpp"] = ENV_READS["c"]
ENV_READ = {lang: LazyPattern(pattern) for lang, pattern in ENV_READS.items()}
# A shell expansion that is not the value: its length, "set or not", or a few characters
SHELL_NOT_THE_VALUE = re.compile(r"#\w+|\w+:\+.*|\w+:\s*(?:0\s*:\s*[1-8]|-\s*[1-8])\s*", re.S)
IDENT = re.compile(r"(?<![\w$])[$@]{0,2}([A-Za-z_][\w]*)")
# A member that measures the value or tells something true of it (`.length`, `.isEmpty()`, `.nil?`, `.startsWith(`,
# `.hashCode()`)
MEASURE_AFTER = re.compile(r"\s*(?:\?\.|\.|->)\s*(?:length|size|count|len|Length|Count|Size|empty|hash|hashCode|"
                            r"GetHashCode|(?:is|has|Is|Has)(?:[A-Z_]\w*)?|(?:nil|present|blank|empty|any|none|include|"
                            r"start_with|end_with|eql)\?|equals\w*|Equals|startsWith|endsWith|StartsWith|EndsWith|"
                            r"starts_with|ends_with|contains|Contains|matches)(?![\w$?])")


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


def _opening_before(code: str, i: int, lo: int) -> int:
    """The bracket left of `i` that encloses it, or lo - 1."""
    depth = 0
    for j in range(i - 1, lo - 1, -1):
        if code[j] in ")]}":
            depth += 1
        elif code[j] in "([{":
            if depth == 0:
                return j
            depth -= 1
    return lo - 1


def _operand_start(code: str, end: int, lo: int) -> int:
    """Start of the name, call or subscript that ends at `end` (`a`, `f(x)`, `a[0]`, `f(x)[1]`); `end` if none."""
    i = end
    while i > lo:
        if code[i - 1] in ")]":
            opening = _opening_before(code, i - 1, lo)
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


def _close_of(code: str, opening: int, hi: int) -> int:
    """Index of the bracket closing the one at `opening`, or `hi` when it does not close before `hi`."""
    depth = 0
    for i in range(opening, hi):
        if code[i] in "([{":
            depth += 1
        elif code[i] in ")]}":
            depth -= 1
            if depth == 0:
                return i
    return hi


def _flat(code: str, a: int, b: int) -> str:
    """code[a:b] with what nested brackets hold blanked: the operators of one nesting level."""
    out, depth = [], 0
    for char in code[a:b]:
        if char in ")]}":
            depth = max(depth - 1, 0)
        out.append(char if depth == 0 or char == "\n" else " ")
        if char in "([{":
            depth += 1
    return "".join(out)


FEW = 8  # a slice of at most this many characters shows a part, not the secret (the masked form is 4 + ****)
# A few characters cut off one end: [:4] [0:4] [..4] [0...4] [-4:] [^4..] [-4..-1] Ruby's [0, 4], .slice(0, 4),
# .substring(0, 4), .slice(-4), .take(4), .prefix(4), .first(4) (not [4:] or .substring(4): all but a few)
SLICE_AFTER = re.compile(
    r"\s*\[\s*(?:0\s*)?(?::|\.\.[.=]?)\s*\d+\s*\]"
    r"|\s*\[\s*[-^]\s*\d+\s*(?::|\.\.\.?)\s*(?:-\s*1\s*)?\]"
    r"|\s*\[\s*0\s*,\s*\d+\s*\]"
    r"|\s*(?:\.|->)\s*(?:slice|substring|substr|Substring|subSequence|SubString)\s*\(\s*0\s*,\s*\d+\s*(?:\)|$)"
    r"|\s*(?:\.|->)\s*(?:slice|substr)\s*\(\s*-\s*\d+\s*(?:\)|$)"
    r"|\s*(?:\.|->)\s*(?:take|takeLast|first|last|prefix|suffix|Take|TakeLast|Left|Right)\s*\(\s*\d+\s*(?:\)|$)")
# ... and as functions: substr($token, 0, 4), mb_substr($token, -4), StringUtils.left(token, 4)
_FROM_AN_END = r",\s*(?:0\s*,\s*\d+|-\s*\d+(?:\s*,\s*\d+)?)"
_SLICE_CALLS = {"substr": _FROM_AN_END, "mb_substr": _FROM_AN_END, "substring": _FROM_AN_END, "left": r",\s*\d+",
                "right": r",\s*\d+"}
# Calls whose value says something about their argument without being it: a measure, a truth value, a mask or a hash
_MEASURING_CALLS = frozenset({"len", "strlen", "mb_strlen", "count", "sizeof", "size", "cap", "length", "bool",
                              "boolean", "isset", "empty", "defined", "typeof", "nonnull"})
_MASKING_WORDS = ("mask", "redact", "hash", "obfuscat", "censor", "anonymi", "digest", "fingerprint")
# Operators of one nesting level: what ends the operand's term, and comparisons (a truth value, not the operand)
_BOUNDARY = re.compile(r"\?\?|\?:|\?(?![.\[])|(?<!:):(?!:)|,|;|&&|\|\||=>|(?<![=!<>:+\-*/%&|^~.])=(?![=~])|"
                       r"\b(?:and|or|if|elif|else|unless|while|then|return|yield|for)\b")
_COMPARISON = re.compile(r"===?|!==?|<=>?|>=|(?<=\s)[<>](?=\s)|=~|!~|\b(?:is|instanceof)\b")
_CONDITION_WORDS = frozenset({"if", "elif", "unless", "while"})
_NEGATION = re.compile(r"(?:!|\bnot|\btypeof)\s*$")
_LEVELS = 12  # nesting levels looked through (each costs a pass over its brackets' text); deeper is the value
_STEP_AFTER = re.compile(r"\s*(?:\?\.|!!\.|\.|->|::)\s*[A-Za-z_$][\w$]*|!!?(?![=])|\?(?=\s*(?:[)\],;]|$))")


def reducing_call(callee: str, arguments: str = "") -> bool:
    """Does calling `callee` on a value give a measure, a truth value, a masked form or a hash of it
    (`len`, `Boolean`, `isset`, `utils.mask`, `redactSecret`, `hashlib.sha256`, `isEmpty`), or, with the `arguments`
    after the value, a few characters of it (`substr($token, 0, 4)`)?"""
    if re.search(r"sha(?:1|224|256|384|512)|md5|crc32|blake2", callee.lower()):
        return True  # hashlib.sha256(...), sha256.Sum256(...), DigestUtils.md5Hex(...)
    last = re.split(r"\.|->|::", callee)[-1].strip().lstrip("$@&*!")
    lower = last.lower()
    if lower in _MEASURING_CALLS:
        return True
    if lower in _SLICE_CALLS:
        return re.fullmatch(r"\s*" + _SLICE_CALLS[lower] + r"\s*", arguments) is not None and _few(arguments)
    words = name_words(last)
    return bool(words) and (words[0] in ("is", "has") or any(w.startswith(_MASKING_WORDS) for w in words))


def _few(text: str) -> bool:
    return max((int(d) for d in re.findall(r"\d+", text)), default=0) <= FEW


def _after(code: str, p: int, hi: int) -> tuple[int, bool]:
    """Walk the member chain on from `p` (`.trim()`, `[0]`, `!`, Rust's `?`): where it ends, and whether a step
    measures, cuts, masks or hashes the value first (`.length`, `.isEmpty()`, `.nil?`, `[:4]`, `.slice(0, 4)`,
    `.digest()`)."""
    while p < hi:
        if MEASURE_AFTER.match(code, p, hi):
            return p, True
        cut = SLICE_AFTER.match(code, p, hi)
        if cut is not None and _few(cut.group()):
            return p, True
        step = _STEP_AFTER.match(code, p, hi)
        if step is not None and step.end() > p:
            if reducing_call(step.group()):
                return p, True  # .digest("hex"), .hexdigest(), .mask()
            p = step.end()
        elif code[p] in "([":
            close = _close_of(code, p, hi)
            if close >= hi:
                return hi, False
            p = close + 1
        else:
            break
    return p, False


def _term_is_not_the_value(before: str, after: str) -> bool:
    """Is the operand between `before` and `after` (one nesting level) compared, negated, a condition, or an object
    key given a literal (`{ password: '***' }`)?"""
    ends = [*_BOUNDARY.finditer(before)]
    opening = ends[-1] if ends else None
    term_before = before[opening.end():] if opening else before
    closing = _BOUNDARY.search(after)
    term_after = after[:closing.start()] if closing else after
    if _COMPARISON.search(term_before) or _COMPARISON.search(term_after) or _NEGATION.search(term_before):
        return True
    if opening is not None and opening.group() in _CONDITION_WORDS:
        return True  # `"yes" if token else "no"`, `puts "set" if token`
    if closing is not None and closing.group() == ":" and (opening is None or opening.group() == ","):
        return re.match(r"\s*[\"'`]", after[closing.end():]) is not None  # a key, not a ternary's branch
    return closing is not None and closing.group() == "?" and after[closing.end():].strip() != ""


def not_the_value(code: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Is the operand at code[start:end] (a name, a call) used only to compute something else within code[lo:hi]
    (a call's arguments, comments and strings blanked): a measure or a slice of a few characters of it, a comparison,
    a negation or truth value, the condition of a ternary, an argument of a masking, hashing or measuring call?
    What Python's taint accepts: `!!config.token`, `Boolean(x)`, `token != ""`, `token ? "yes" : "no"`,
    `token[:4]`, `token.slice(0, 4)`, `utils.mask(config.token)`, `redact(...)`, `sha256(...)`."""
    left, right = start, end
    for _ in range(_LEVELS):
        right, measured = _after(code, right, hi)
        if measured:
            return True
        left = chain_start(code, left, lo)
        opening = _opening_before(code, left, lo)
        close = _close_of(code, opening, hi) if opening >= lo else hi
        if _term_is_not_the_value(_flat(code, opening + 1, left), _flat(code, right, close)):
            return True
        if opening < lo or close >= hi:
            return False
        if code[opening] == "(":
            callee_start = _operand_start(code, opening, lo)
            first = not code[opening + 1:left].strip()
            callee = code[chain_start(code, callee_start, lo):opening]
            if callee_start < opening and reducing_call(callee, code[right:close] if first else "-"):
                return True
            left = callee_start
        else:
            left = _operand_start(code, opening, lo) if code[opening] == "[" else opening
        right = close + 1
    return False
