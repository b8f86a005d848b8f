"""Printed or logged secrets: a secret-named value reaching print, a logger, a console or a warning.

Python is judged by the AST of the one function around each candidate sink (found by indentation), parsed only
when the file names a secret and the function mentions one: sources are names, attributes, subscripts and
keyword arguments in the secret vocabulary (`readiness.core.secrets.rules.is_secret_name`), values read from a
secret-named environment variable, `getpass()`, getters such as `get_password()` and `.get_secret_value()`,
followed through f-strings, `%`/`.format`, concatenation, `str()`/`repr()`/`.hex()`/`.decode()` wrappers and
local variables. `len()`, masking calls and `SecretStr` values are not secrets. Other languages (and Python
that does not parse) are matched by patterns: a print or logger call whose arguments, outside string literals
(interpolations count), name a secret.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Iterator

from readiness.core.models import Severity
from readiness.core.scan.base import RawFinding, Rule, ScanContext, SourceFile, language_of
from readiness.core.scan.scanners.hardcoded_secret import path_allowlist
from readiness.core.secrets import rules
from readiness.core.secrets.values import find_secrets, fingerprint_key, line_key, mask_secrets

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
_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"})
_LOGGER_WORDS = frozenset({"log", "logger", "logging", "logs", "loggers"})
_PRINT_NAMES = frozenset({"print", "pprint", "pp", "rprint"})
_SAFE_KEYWORDS = frozenset({"file", "sep", "end", "flush", "exc_info", "stack_info", "stacklevel", "category", "err",
                            "nl", "fg", "bg", "color", "style", "markup", "highlight", "justify", "emoji", "level"})
_PASSTHROUGH = frozenset({"hex", "decode", "encode", "strip", "lstrip", "rstrip", "lower", "upper", "replace",
                          "tobytes", "join", "b64encode", "b64decode", "urlsafe_b64encode", "b85encode",
                          "dumps", "str", "repr", "bytes", "format", "ascii", "dict", "list", "tuple", "sorted", "vars",
                          "copy", "items", "values"})
_GETTER_VERBS = frozenset({"get", "load", "read", "fetch", "retrieve", "obtain", "decrypt", "reveal", "refresh",
                           "request", "issue", "find", "lookup"})
_CLEAN_CALLS = frozenset({"getcwd", "cwd", "len", "int", "float", "bool", "count", "sum", "id", "type", "isinstance",
                          "hasattr", "callable", "abspath", "dirname", "basename", "expanduser", "home"})
_ENV_READS = ("getenv", "environ.get", "getenvb")
_SECRETSTR = re.compile(r"(\w+)\s*:\s*(?:Optional\[|[\w.]*\|\s*)?(?:pydantic\.)?Secret(?:Str|Bytes)\b")
_DEF = re.compile(r"[ \t]*(?:async[ \t]+)?def[ \t]")
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return f"{_dotted(node.func)}()"
    return "…"


def _last_name(node: ast.AST) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


class _Taint:
    """Which expressions of one scope carry a secret: `source(expr)` names it, or returns None."""

    def __init__(self, lexer: bool, masked_names: frozenset[str], module_pwd: bool) -> None:
        self.lexer, self.masked_names, self.module_pwd = lexer, masked_names, module_pwd
        self.flow: dict[str, str] = {}
        self.clean: set[str] = set()

    def named(self, name: str) -> bool:
        if name in self.masked_names or (name == "pwd" and self.module_pwd):
            return False
        return rules.is_secret_name(name, lexer=self.lexer)

    def learn(self, scope: list[ast.AST], params: frozenset[str]) -> None:
        """Local flow: names assigned from a secret carry it; names only ever assigned clean values do not."""
        assigns: list[tuple[str, ast.AST]] = []
        for node in scope:
            if isinstance(node, ast.Assign):
                assigns.extend((t.id, node.value) for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)) and isinstance(node.target, ast.Name):
                if node.value is not None:
                    assigns.append((node.target.id, node.value))
            elif isinstance(node, (ast.For, ast.AsyncFor)) and isinstance(node.target, ast.Name):
                assigns.append((node.target.id, node.iter))
        dirty = {name for name, value in assigns if not self._clean_value(value)}
        self.clean = {name for name, _ in assigns if name not in dirty and name not in params}
        for _ in range(3):
            changed = False
            for name, value in assigns:
                found = self.source(value)
                if found and name not in self.flow:
                    self.flow[name], changed = found, True
            if not changed:
                break

    @staticmethod
    def _clean_value(value: ast.AST) -> bool:
        """Numbers, flags and literals: a literal is already in the source (the hard-coded rules judge it)."""
        if isinstance(value, (ast.Constant, ast.Compare, ast.UnaryOp)):
            return True
        return isinstance(value, ast.Call) and _last_name(value.func) in _CLEAN_CALLS

    def source(self, node: ast.AST | None) -> str | None:  # noqa: C901 - one case per expression kind
        if node is None or isinstance(node, (ast.Constant, ast.Compare, ast.Lambda, ast.UnaryOp)):
            return None
        if isinstance(node, ast.Name):
            if node.id in self.flow:
                return f"`{node.id}` (from {self.flow[node.id]})"
            return f"`{node.id}`" if node.id not in self.clean and self.named(node.id) else None
        if isinstance(node, ast.Attribute):
            if _dotted(node) == "os.environ":
                return "`os.environ` (the whole environment)"
            return f"`{_dotted(node)}`" if self.named(node.attr) else None
        if isinstance(node, ast.Subscript):
            return self._subscript(node)
        if isinstance(node, ast.Call):
            return self._call(node)
        if isinstance(node, ast.JoinedStr):
            return self._first(v.value for v in node.values if isinstance(v, ast.FormattedValue))
        if isinstance(node, ast.BinOp):
            return self.source(node.left) or self.source(node.right)
        if isinstance(node, ast.BoolOp):
            return self._first(node.values)
        if isinstance(node, ast.IfExp):
            return self.source(node.body) or self.source(node.orelse)
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return self._first(node.elts)
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=False):
                if (isinstance(key, ast.Constant) and isinstance(key.value, str) and self.named(key.value)
                        and not isinstance(value, ast.Constant)):
                    return f"the {key.value!r} entry"
            return self._first(node.values)
        if isinstance(node, (ast.FormattedValue, ast.Starred, ast.NamedExpr, ast.Await)):
            return self.source(node.value)
        return None

    def _first(self, nodes) -> str | None:
        return next((found for child in nodes if (found := self.source(child))), None)

    def _subscript(self, node: ast.Subscript) -> str | None:
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return f"`{_dotted(node.value)}[{key.value!r}]`" if self.named(key.value) else None
        if isinstance(key, ast.Slice):
            bound = key.upper if key.lower is None else key.lower
            if isinstance(bound, (ast.Constant, ast.UnaryOp)) and key.step is None and (key.lower is None) != (
                    key.upper is None):
                return None  # token[:4], token[-4:]: the usual masking idiom
        return self.source(node.value)

    def _call(self, node: ast.Call) -> str | None:
        func, name = node.func, _last_name(node.func)
        dotted = _dotted(func)
        args = list(node.args)
        if name == "get_secret_value":
            return f"`{dotted}()`"
        if name == "getpass":
            return "`getpass()`"
        if dotted.endswith(_ENV_READS) or (name == "get" and args):
            first = args[0] if args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                return f"`{dotted}({first.value!r})`" if self.named(first.value) else None
            if name == "get" and not dotted.endswith(_ENV_READS) and isinstance(func, ast.Attribute):
                return self.source(func.value)
            return None
        if name in _PASSTHROUGH:
            if isinstance(func, ast.Attribute) and not (isinstance(func.value, ast.Constant) or name == "join"):
                found = self.source(func.value)
                if found:
                    return found
            found = self._first(args)
            if found or name != "format":
                return found
            for kw in node.keywords:
                if kw.arg and self.named(kw.arg) and not isinstance(kw.value, ast.Constant):
                    return f"`{kw.arg}=`"
                found = self.source(kw.value)
                if found:
                    return found
            return None
        words = rules.name_words(name)
        if words and words[0] in _GETTER_VERBS and self.named(name):
            return f"`{dotted}()`"
        return None


def _sink(call: ast.Call, text_has: str) -> tuple[str, str] | None:
    """(kind, label) when the call writes its arguments to output or a log."""
    func = call.func
    if isinstance(func, ast.Name):
        echo = func.id in ("echo", "secho") and ("click" in text_has or "typer" in text_has)
        return ("print", func.id) if func.id in _PRINT_NAMES or echo else None
    if not isinstance(func, ast.Attribute):
        return None
    attr, receiver = func.attr, func.value
    dotted = _dotted(func)
    if dotted in ("pprint.pprint", "pprint.pp", "rich.print", "builtins.print", "click.echo", "click.secho",
                  "typer.echo", "typer.secho"):
        return "print", dotted
    if dotted == "warnings.warn":
        return "log", dotted
    receiver_words = set(rules.name_words(_last_name(receiver))) if not isinstance(receiver, ast.Call) else set()
    if attr in ("write", "writelines") and receiver_words & {"stdout", "stderr"}:
        return "print", dotted
    if attr in ("print", "log", "out") and "console" in receiver_words | set(rules.name_words(_dotted(receiver))):
        return "print", dotted
    if attr in _LOG_METHODS:
        if isinstance(receiver, ast.Call) and _last_name(receiver.func) in ("getLogger", "get_logger", "getChild"):
            return "log", dotted
        if receiver_words & _LOGGER_WORDS:
            return "log", dotted
    return None


def _scope(body: list[ast.stmt]) -> list[ast.AST]:
    nodes: list[ast.AST] = []
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(c for c in ast.iter_child_nodes(node)
                     if not isinstance(c, (*_FUNCS, ast.ClassDef, ast.Lambda)))
    return nodes


def _scopes(tree: ast.AST, module: bool, sinks: list[int]) -> Iterator[tuple[list[ast.AST], frozenset[str]]]:
    """The nodes of each scope holding a candidate sink line (module level, functions) and its parameter names.
    Only statements whose line range holds a sink are descended into: big files are not walked whole."""
    if module:
        yield _scope([s for s in tree.body if not isinstance(s, (*_FUNCS, ast.ClassDef))]), frozenset()
    stack: list[ast.AST] = [tree]
    while stack:
        for child in ast.iter_child_nodes(stack.pop()):
            if not isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case)):
                continue
            first = getattr(child, "lineno", None) or getattr(getattr(child, "pattern", None), "lineno", 0)
            at = bisect.bisect_left(sinks, first)
            if at == len(sinks) or sinks[at] > (getattr(child, "end_lineno", None) or first):
                continue
            stack.append(child)
            if isinstance(child, _FUNCS):
                args = child.args
                params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
                yield _scope(child.body), frozenset(a.arg for a in params if a is not None)


def _enclosing_def(lines: list[str], index: int) -> tuple[int, int] | None:
    """0-based [start, end) of the innermost `def` around lines[index], by indentation; None at module level."""
    limit = _indent(lines[index])
    start = None
    for j in range(index, -1, -1):
        line = lines[j]
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ")", "]", "}")):
            continue
        indent = _indent(line)
        if j == index or indent < limit:
            if _DEF.match(line):
                start = j
                break
            if j != index:
                limit = indent
            if indent == 0 and j != index:
                return None
    if start is None:
        return None
    own = _indent(lines[start])
    end = len(lines)
    for k in range(index + 1, len(lines)):
        stripped = lines[k].strip()
        if stripped and not stripped.startswith("#") and _indent(lines[k]) <= own:
            end = k
            break
    return start, end


def _parse_block(lines: list[str], start: int, end: int) -> ast.Module | None:
    own = _indent(lines[start])
    if any(line.strip() and _indent(line) < own for line in lines[start:end]):
        return None
    try:
        tree = ast.parse("\n".join(line[own:] for line in lines[start:end]))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    ast.increment_lineno(tree, start)
    return tree


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
    trees: list[tuple[ast.AST, bool]] = []
    if whole:
        try:
            trees.append((ast.parse(text), True))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
    else:
        for start, end in blocks:
            tree = _parse_block(lines, start, end)
            if tree is None:
                try:
                    trees = [(ast.parse(text), True)]
                except (SyntaxError, ValueError, RecursionError, MemoryError):
                    return None
                break
            trees.append((tree, False))
    return _findings(source, trees, key, [i + 1 for i in sink_lines])


def _findings(source: SourceFile, trees: list[tuple[ast.AST, bool]], key: bytes,
              sink_numbers: list[int]) -> Iterator[RawFinding]:
    text = source.text
    lexer = rules.looks_like_lexer(text)
    masked_names = frozenset(_SECRETSTR.findall(text)) if "Secret" in text else frozenset()
    module_pwd = bool(re.search(r"^\s*(?:import pwd\b|from pwd import)", text, re.M))
    seen: set[tuple[int, int]] = set()
    for tree, module in trees:
        for scope, params in _scopes(tree, module, sink_numbers):
            calls = [n for n in scope if isinstance(n, ast.Call)]
            sinks = [(c, s) for c in calls if (s := _sink(c, text)) is not None]
            if not sinks:
                continue
            taint = _Taint(lexer, masked_names, module_pwd)
            taint.learn(scope, params)
            for call, (kind, label) in sinks:
                if (call.lineno, call.col_offset) in seen:
                    continue
                seen.add((call.lineno, call.col_offset))
                if kind == "print" and any(k.arg == "file" and not _dotted(k.value).endswith(("stdout", "stderr"))
                                           for k in call.keywords):
                    continue
                hit = _tainted_argument(taint, call)
                if hit is not None:
                    node, origin = hit
                    yield _raw(source, kind, node.lineno, f"{origin} reaches {label}()", key)


def _tainted_argument(taint: _Taint, call: ast.Call) -> tuple[ast.AST, str] | None:
    found = next(((arg, src) for arg in call.args if (src := taint.source(arg))), None)
    if found:
        return found
    for kw in call.keywords:
        if kw.arg in _SAFE_KEYWORDS:
            continue
        if kw.arg and taint.named(kw.arg) and not isinstance(kw.value, ast.Constant):
            return kw.value, f"`{kw.arg}=`"
        found = taint.source(kw.value)
        if found:
            return kw.value, found
    return None


_KNOWN: list = [None]  # (text, secrets found in it) of the last file reported on: one entry, swapped atomically


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
    sinks = rules.SINKS[language]
    code, strings = rules.code_and_strings(text, language)
    interpolation = re.compile(rules.INTERPOLATION[language]) if language in rules.INTERPOLATION else None
    lexer = rules.looks_like_lexer(text)
    string_starts = [s for s, _ in strings]
    for m in sinks.finditer(code):
        kind = "log" if m.lastgroup == "log" else "print"
        head = m.group()
        opened = head.rstrip().endswith("(")
        end = rules.argument_end(code, m.end(), opened) if not head.rstrip().endswith("<<") else (
            code.find(";", m.end()) if code.find(";", m.end()) >= 0 else len(code))
        region = code[m.end():end]
        if language == "shell" and re.search(r"(?<![<>&\d])>(?!&)|(?<!\|)\|(?!\|)", region):
            continue  # `echo "$TOKEN" > file` and `echo "$TOKEN" | docker login --password-stdin` do not print it
        names = [(i.group(1), m.end() + i.start(1)) for i in rules.IDENT.finditer(region)
                 if not rules.MEASURE_AFTER.match(region, i.end()) and not rules.MEASURE_BEFORE.search(region, 0, i.start())]
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
                    names.extend((i.group(1), s_start + inner.start()) for i in rules.IDENT.finditer(expr)
                                 if not rules.MEASURE_AFTER.match(expr, i.end())
                                 and not rules.MEASURE_BEFORE.search(expr, 0, i.start()))
        for name, offset in names:
            if rules.is_secret_name(name, lexer=lexer):
                line = text.count("\n", 0, offset) + 1
                label = re.sub(r"\s+", "", head).rstrip("(<")
                yield _raw(source, kind, line, f"`{name}` reaches {label}", key)
                break


class PrintedSecretScanner:
    name = CATEGORY
    rules = RULES

    def scan(self, ctx: ScanContext) -> Iterator[RawFinding]:
        paths = path_allowlist(list(ctx.settings.get("secret_allowlist_paths", ())))
        key = fingerprint_key(getattr(ctx.repo, "git_dir", None))
        for source in ctx.files:
            if ctx.cancelled():
                return
            if source.changed is not None and not source.changed:
                continue
            if paths is not None and paths.match_file(source.path):
                continue
            language = source.language or language_of(source.path)
            if language == "python":
                found = _scan_python(source, key)
                yield from found if found is not None else _scan_patterns(source, "python", key)
            elif language in rules.SINKS:
                yield from _scan_patterns(source, language, key)


SCANNER = PrintedSecretScanner()
