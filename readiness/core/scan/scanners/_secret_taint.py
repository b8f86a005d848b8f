"""Which expressions of a Python scope carry a secret (names, attributes, subscripts and keyword arguments in the
secret vocabulary, secret-named environment variables, `getpass()`, getters, followed through formatting, wrappers
and local variables), and which calls write to output or a log. Used by the printed-secret scanner.
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Iterable, Iterator

from readiness.core.secrets import rules

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
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def expression_label(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{expression_label(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return f"{expression_label(node.func)}()"
    return "…"


def _last_name(node: ast.AST) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


class Taint:
    """Which expressions of one scope carry a secret: `source(expr)` names it, or returns None."""

    def __init__(self, lexer: bool, masked_names: frozenset[str], module_pwd: bool) -> None:
        self.lexer, self.masked_names, self.module_pwd = lexer, masked_names, module_pwd
        self.flow: dict[str, str] = {}
        self.clean: set[str] = set()

    def named(self, name: str, owner: str = "") -> bool:
        """Does `name` (read from `owner`, an attribute's or a key's object) name a secret?"""
        if name in self.masked_names or (name == "pwd" and self.module_pwd):
            return False
        return rules.is_secret_name(name, lexer=self.lexer, owner=owner)

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
            if expression_label(node) == "os.environ":
                return "`os.environ` (the whole environment)"
            return f"`{expression_label(node)}`" if self.named(node.attr, expression_label(node.value)) else None
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

    def _first(self, nodes: Iterable[ast.AST]) -> str | None:
        return next((found for child in nodes if (found := self.source(child))), None)

    def _subscript(self, node: ast.Subscript) -> str | None:
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            owner = expression_label(node.value)
            return f"`{owner}[{key.value!r}]`" if self.named(key.value, owner) else None
        if isinstance(key, ast.Slice):
            bound = key.upper if key.lower is None else key.lower
            if isinstance(bound, (ast.Constant, ast.UnaryOp)) and key.step is None and (key.lower is None) != (
                    key.upper is None):
                return None  # token[:4], token[-4:]: the usual masking idiom
        return self.source(node.value)

    def _call(self, node: ast.Call) -> str | None:
        func, name = node.func, _last_name(node.func)
        dotted = expression_label(func)
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


def sink(call: ast.Call, text_has: str) -> tuple[str, str] | None:
    """(kind, label) when the call writes its arguments to output or a log."""
    func = call.func
    if isinstance(func, ast.Name):
        echo = func.id in ("echo", "secho") and ("click" in text_has or "typer" in text_has)
        return ("print", func.id) if func.id in _PRINT_NAMES or echo else None
    if not isinstance(func, ast.Attribute):
        return None
    attr, receiver = func.attr, func.value
    dotted = expression_label(func)
    if dotted in ("pprint.pprint", "pprint.pp", "rich.print", "builtins.print", "click.echo", "click.secho",
                  "typer.echo", "typer.secho"):
        return "print", dotted
    if dotted == "warnings.warn":
        return "log", dotted
    receiver_words = set(rules.name_words(_last_name(receiver))) if not isinstance(receiver, ast.Call) else set()
    if attr in ("write", "writelines") and receiver_words & {"stdout", "stderr"}:
        return "print", dotted
    if attr in ("print", "log", "out") and "console" in receiver_words | set(rules.name_words(expression_label(receiver))):
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


def scopes(tree: ast.Module, module: bool, sinks: list[int]) -> Iterator[tuple[list[ast.AST], frozenset[str]]]:
    """The nodes of each scope holding a candidate sink line (module level, functions) and its parameter names.
    Only statements whose line range holds a sink are descended into: big files are not walked whole."""
    if module:
        yield _scope([s for s in tree.body if not isinstance(s, (*_FUNCS, ast.ClassDef))]), frozenset()
    stack: list[ast.AST] = [tree]
    while stack:
        for child in ast.iter_child_nodes(stack.pop()):
            if not isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case)):
                continue
            first = getattr(child, "lineno", 0) or getattr(getattr(child, "pattern", None), "lineno", 0)
            at = bisect.bisect_left(sinks, first)
            if at == len(sinks) or sinks[at] > (getattr(child, "end_lineno", None) or first):
                continue
            stack.append(child)
            if isinstance(child, _FUNCS):
                args = child.args
                params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
                yield _scope(child.body), frozenset(a.arg for a in params if a is not None)


def tainted_argument(taint: Taint, call: ast.Call) -> tuple[ast.expr, str] | None:
    found = next(((arg, src) for arg in call.args if (src := taint.source(arg))), None)
    if found:
        return found
    for kw in call.keywords:
        if kw.arg in _SAFE_KEYWORDS:
            continue
        if kw.arg and taint.named(kw.arg) and not isinstance(kw.value, ast.Constant):
            return kw.value, f"`{kw.arg}=`"
        kw_source = taint.source(kw.value)
        if kw_source:
            return kw.value, kw_source
    return None
