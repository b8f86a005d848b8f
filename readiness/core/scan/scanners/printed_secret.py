"""Printed or logged secrets: a secret-named value reaching print, a logger, a console or a warning.

Python is judged by the AST of the one function around each candidate sink (found by indentation), parsed only
when the file names a secret and the function mentions one: sources are names, attributes, subscripts and
keyword arguments in the secret vocabulary (`readiness.core.secrets.rules.is_secret_name`), values read from a
secret-named environment variable, `getpass()`, getters such as `get_password()` and `.get_secret_value()`,
followed through f-strings, `%`/`.format`, concatenation, `str()`/`repr()`/`.hex()`/`.decode()` wrappers and
local variables. `len()`, masking calls and `SecretStr` values are not secrets. Other languages (and Python
that does not parse) are matched by patterns: a print or logger call whose arguments, outside string literals
(interpolations count), name a secret or read a secret-named environment variable (`os.Getenv("API_KEY")`,
`ENV["TOKEN"]`: the name, a blanked literal, is read from the text), unless they only measure, compare, negate,
test, cut to a few characters, mask or hash it (`!!token`, `token != ""`, `token ? "set" : "unset"`, `token[:4]`,
`mask(token)`).
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Iterator

from readiness.core.models import Severity
from readiness.core.scan._source.code import is_vendored
from readiness.core.scan._source.pyast import parse
from readiness.core.scan._source.python_lines import block_end, dedent, enclosing_def
from readiness.core.scan.base import PerFileScanner, RawFinding, Rule, ScanContext, SourceFile, language_of
from readiness.core.scan.scanners._secret_taint import Taint, expression_label, scopes, sink, tainted_argument
from readiness.core.scan.scanners.hardcoded_secret import in_secret_scope
from readiness.core.secrets import rules
from readiness.core.secrets.find import find_secrets, mask_secrets
from readiness.core.secrets.fingerprint import fingerprint_key, line_key
from readiness.core.secrets.rules import sinks as sink_rules
from readiness.core.secrets.values import Secret

CATEGORY = "printed-secret"
_WHY = ("Output and logs are copied to terminals, CI logs, log aggregators and bug reports; a secret written there "
        "is as leaked as one committed.")
_FIX = ("Do not print the value: print that it is set, its length, or a masked form (first 4 characters + ****), "
        "or wrap it in a masking type (pydantic SecretStr). If the output is meant to show it (a key generator), "
        "waive it with a reason.")
RULES: dict[str, Rule] = {r.id: r for r in (
    Rule(f"{CATEGORY}/print", CATEGORY, Severity.ERROR, "Secret printed",
         "A secret-named value (password, token, api_key, client_secret…) or a value read from one reaches "
         "print, sys.stdout/stderr.write, click.echo, rich, console.log, System.out.println, fmt.Println, "
         "println!, Console.WriteLine, printf, puts or echo.", _WHY, _FIX,
         'print(f"connecting with {password}")\nconsole.log("token", token);'),
    Rule(f"{CATEGORY}/log", CATEGORY, Severity.ERROR, "Secret logged",
         "A secret-named value reaches a logger (logging.<level>, logger.info, log.debug, self.logger…) or "
         "warnings.warn.", _WHY, _FIX, 'logger.debug("auth header %s", headers["Authorization"])'),
)}

_MAX_STMT = 40
# -- Python ---------------------------------------------------------------------------------------------------
_PY_SINK_LINE = re.compile(r"\b(?:print|pprint|pp|rprint|write|writelines|debug|info|warning|warn|error|exception|"
                           r"critical|fatal|log|echo|secho)\s*\(")
_IMPORTS_PWD = re.compile(r"^[ \t\f\v\r]*(?:import pwd\b|from pwd import)", re.M)  # the Unix password database
_SECRETSTR = re.compile(r"(\w+)\s*:\s*(?:Optional\[|[\w.]*\|\s*)?(?:pydantic\.)?Secret(?:Str|Bytes)\b")
def _enclosing_def(lines: list[str], index: int) -> tuple[int, int] | None:
    """0-based [start, end) of the innermost `def` around lines[index], by indentation; None at module level."""
    start = enclosing_def(lines, index, lookback=len(lines))
    return None if start is None else (start, block_end(lines, start) + 1)


def _parse_block(lines: list[str], start: int, end: int) -> ast.Module | None:
    # blank lines in front give the nodes their line numbers in the file (`ast.increment_lineno` walks the tree)
    return parse("\n" * start + dedent(lines, start, end - 1))


_SINK_GATES = ("print(", "write(", "writelines(", "debug(", "info(", "warning(", "warn(", "error(", "exception(",
               "critical(", "fatal(", "log(", "echo(", "pp(")


def _names_a_secret(text: str) -> bool:
    return bool(rules.SECRET_VOCABULARY.search(rules.lower_same_length(text))) or "environ" in text or "getpass" in text


def _scan_python(source: SourceFile, key: bytes) -> Iterator[RawFinding] | None:
    """Findings of one Python file, or None when it does not parse (the pattern scanner takes over)."""
    text = source.text
    lower = rules.lower_same_length(text)
    if not any(w in lower for w in rules.VOCABULARY_GATES) and "environ" not in text:
        return iter(())
    lines = source.lines
    sink_lines, index, previous = [], 0, 0
    for start, end in rules.lines_with(text, _SINK_GATES):
        index, previous = index + text.count("\n", previous, start), start
        line = text[start:end]
        if _PY_SINK_LINE.search(line) and not line.lstrip().startswith((">>>", "...", "#")):  # doctests, comments
            sink_lines.append(index)
    blocks: dict[tuple[int, int], bool] = {}
    whole, top_level = False, None
    for index in sink_lines:
        if source.changed is not None and not any(n in source.changed for n in range(index + 1, index + 2 + _MAX_STMT)):
            continue  # the sink and the lines of its arguments are all unchanged
        if blocks and any(start <= index < end for start, end in blocks):
            continue
        span = _enclosing_def(lines, index)
        if span is None:  # module level or class body: parse the file if its top-level code names a secret
            if top_level is None:
                top_level = any(not text[s:e][:1].isspace() and _names_a_secret(text[s:e])
                                for s, e in rules.lines_with(lower, rules.VOCABULARY_GATES))
            whole = whole or top_level or _names_a_secret("\n".join(lines[index:index + _MAX_STMT]))
            continue
        blocks[span] = _names_a_secret("\n".join(lines[span[0]:span[1]]))
    blocks = {span: True for span, named in blocks.items() if named}
    trees: list[tuple[ast.Module, bool]] = []
    for start, end in ([] if whole else blocks):
        block = _parse_block(lines, start, end)
        if block is None:
            whole = True
            break
        trees.append((block, False))
    if whole:
        tree = parse(text)
        if tree is None:
            return None
        trees = [(tree, True)]
    return _findings(source, trees, key, [i + 1 for i in sink_lines])


def _findings(source: SourceFile, trees: list[tuple[ast.Module, bool]], key: bytes,
              sink_numbers: list[int]) -> Iterator[RawFinding]:
    text = source.text
    lexer = rules.looks_like_lexer(text)
    masked_names = frozenset(_SECRETSTR.findall(text)) if "Secret" in text else frozenset()
    module_pwd = "pwd" in text and _IMPORTS_PWD.search(text) is not None
    seen: set[tuple[int, int]] = set()
    for tree, module in trees:
        for scope, params in scopes(tree, module, sink_numbers):
            calls = [n for n in scope if isinstance(n, ast.Call)]
            sinks = [(c, s) for c in calls if (s := sink(c, text)) is not None]
            if not sinks:
                continue
            taint = Taint(lexer, masked_names, module_pwd)
            taint.learn(scope, params)
            for call, (kind, label) in sinks:
                if (call.lineno, call.col_offset) in seen:
                    continue
                seen.add((call.lineno, call.col_offset))
                if kind == "print" and any(k.arg == "file" and not expression_label(k.value).endswith(("stdout", "stderr"))
                                           for k in call.keywords):
                    continue
                hit = tainted_argument(taint, call)
                if hit is not None:
                    node, origin = hit
                    yield _raw(source, kind, node.lineno, f"{origin} reaches {label}()", key)


# (text, secrets found in it) of the last file reported on: one entry, swapped atomically
_KNOWN: list[tuple[str, list[Secret]] | None] = [None]


def _raw(source: SourceFile, kind: str, line: int, message: str, key: bytes) -> RawFinding:
    """The finding; its snippet masks what is detected on the line and every value detected in the file."""
    entry = _KNOWN[0]
    if entry is None or entry[0] is not source.text:
        entry = _KNOWN[0] = (source.text, [m.secret for m in find_secrets(source.text)])
    text = source.line(line)
    verb = "printed" if kind == "print" else "logged"
    return RawFinding(rule=f"{CATEGORY}/{kind}", path=source.path, line=line,
                      message=mask_secrets(f"{message}: the secret would be {verb}"),
                      severity=Severity.WARNING if source.is_test else None,
                      snippet=mask_secrets(text, known=entry[1]), key=line_key(text, key))


# -- other languages (and Python that does not parse) ---------------------------------------------------------
def _scan_patterns(source: SourceFile, language: str, key: bytes) -> Iterator[RawFinding]:
    text = source.text
    if not rules.SECRET_VOCABULARY.search(text.lower()):
        return
    sinks = sink_rules.SINKS[language]
    code, strings = sink_rules.code_and_strings(text, language)
    interpolation = re.compile(sink_rules.INTERPOLATION[language]) if language in sink_rules.INTERPOLATION else None
    lexer = rules.looks_like_lexer(text)
    string_starts = [s for s, _ in strings]
    for m in sinks.finditer(code):
        kind = "log" if m.lastgroup == "log" else "print"
        head = m.group()
        opened = head.rstrip().endswith("(")
        end = sink_rules.argument_end(code, m.end(), opened) if not head.rstrip().endswith("<<") else (
            code.find(";", m.end()) if code.find(";", m.end()) >= 0 else len(code))
        region = code[m.end():end]
        if language == "shell" and re.search(r"(?<![<>&\d])>(?!&)|(?<!\|)\|(?!\|)", region):
            continue  # `echo "$TOKEN" > file` and `echo "$TOKEN" | docker login --password-stdin` do not print it
        # (name, offset, its start and end in `shape`, shape: the code or an interpolated expression, its [lo, hi))
        names = [(i.group(1), m.end() + i.start(1), m.end() + i.start(), m.end() + i.end(), code, m.end(), end)
                 for i in sink_rules.IDENT.finditer(region)]
        reads = dict(_env_reads(text, code, strings, string_starts, language, m.end(), end))
        names.extend((label, s_start, start, stop, code, m.end(), end) for (start, stop), (label, s_start)
                     in reads.items())
        if language == "shell":  # echo ${#TOKEN} unquoted
            measured = [e.span() for e in re.finditer(r"\$\{([^}]*)\}", region)
                        if sink_rules.SHELL_NOT_THE_VALUE.fullmatch(e.group(1))]
            names = [n for n in names if not any(a <= n[2] - m.end() < b for a, b in measured)]
        if interpolation is not None:
            first = bisect.bisect_left(string_starts, m.end())
            for s_start, s_end in strings[first:]:
                if s_start >= end:
                    break
                literal = text[s_start:s_end]
                if language == "shell" and literal.startswith("'"):
                    continue
                if language == "python" and "f" not in text[max(0, s_start - 2):s_start].lower():
                    continue  # only f-strings interpolate
                for inner in interpolation.finditer(literal):
                    expr = next(g for g in inner.groups() if g is not None)
                    if language == "shell" and sink_rules.SHELL_NOT_THE_VALUE.fullmatch(expr):
                        continue  # ${#TOKEN}, ${TOKEN:+set}, ${TOKEN:0:4}
                    shape = expr if language == "shell" else sink_rules.code_and_strings(expr, language)[0]
                    names.extend((i.group(1), s_start + inner.start(), i.start(), i.end(), shape, 0, len(expr))
                                 for i in sink_rules.IDENT.finditer(expr))
        for name, offset, start, stop, shape, lo, hi in names:
            read = shape is code and (start, stop) in reads  # a secret-named environment variable, read
            owner = "" if read else shape[sink_rules.chain_start(shape, start, lo):start]
            if (read or rules.is_secret_name(name, lexer=lexer, owner=owner)) and (
                    language == "shell" or not sink_rules.not_the_value(shape, start, stop, lo, hi)):
                line = text.count("\n", 0, offset) + 1
                label = re.sub(r"\s+", "", head).rstrip("(<")
                yield _raw(source, kind, line, f"`{name}` reaches {label}", key)
                break


def _env_reads(text: str, code: str, strings: list[tuple[int, int]], string_starts: list[int], language: str,
               lo: int, hi: int) -> Iterator[tuple[tuple[int, int], tuple[str, int]]]:
    """Reads of a secret-named environment variable in code[lo:hi] (`os.Getenv("API_KEY")`, `ENV["TOKEN"]`): the
    variable's name is a string literal, blanked in `code`, read from `text`. Yields ((start, end) of the read in
    `code`, (its label, the offset of the name))."""
    pattern = sink_rules.ENV_READ.get(language)
    if pattern is None:
        return
    for read in pattern.finditer(code, lo, hi):
        at = bisect.bisect_left(string_starts, read.end())
        if at == len(strings) or strings[at][0] != read.end():
            continue  # not a literal name: os.Getenv(name)
        s_start, s_end = strings[at]
        quote = 3 if text[s_start:s_start + 3] in ('"""', "'''") else 1
        if not rules.is_secret_name(text[s_start + quote:s_end - quote]):
            continue
        opened = code[read.start():read.end()].rstrip()[-1:]
        end = min(sink_rules.argument_end(code, read.end(), True) + 1, hi) if opened in ("(", "[") else s_end
        closer = {"(": ")", "[": "]"}.get(opened, "")
        label = re.sub(r"\s+", "", code[read.start():s_start]) + text[s_start:s_end] + closer
        yield (read.start(), end), (label, s_start)


class PrintedSecretScanner(PerFileScanner):
    name = CATEGORY
    rules = RULES

    def wants(self, ctx: ScanContext, source: SourceFile) -> bool:
        """Files in the secret scope, except vendored code (`vendor/`, `node_modules/`, minified bundles): its data
        flow is not the change's to fix (a secret written into it is still hard-coded-secret's)."""
        return in_secret_scope(ctx, source) and not is_vendored(source.path)

    def scan_file(self, ctx: ScanContext, source: SourceFile) -> Iterator[RawFinding]:
        key = ctx.cached("secrets:key", lambda: fingerprint_key(getattr(ctx.repo, "git_dir", None)))
        language = source.language or language_of(source.path)
        if language == "python":
            found = _scan_python(source, key)
            yield from found if found is not None else _scan_patterns(source, "python", key)
        elif language in sink_rules.SINKS:
            yield from _scan_patterns(source, language, key)


SCANNER = PrintedSecretScanner()
