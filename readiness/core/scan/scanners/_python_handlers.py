"""Python code where a failure disappears, found from one line: an `except` handler (its `try` statement and its
enclosing function parsed on their own, once per function) that carries on without letting anyone know, or a
statement that drops the result of I/O reporting failure only in its result (`subprocess.run` without `check=`,
`os.system`, `requests.post` without `raise_for_status()`).
"""

from __future__ import annotations

import ast
import builtins
import re
from functools import lru_cache

from readiness.core.scan._source.pyast import dotted, parse
from readiness.core.scan._source.python_lines import block_end, dedent, enclosing_def, try_line, try_statement_end
from readiness.core.scan.scanners._failure_handling import (
    Handler,
    after_tells,
    explained,
    is_cleanup,
    is_failure,
    tells,
    type_names,
)

PY_HANDLER = re.compile(r"^[ \t]*except\b")
_PY_EXCEPT_TYPES = re.compile(r"^[ \t]*except[ \t]*\(?[ \t]*([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*)[ \t]*,?[ \t]*\)?"
                              r"(?:[ \t]+as[ \t]+\w+)?[ \t]*:")

def _try_alone(lines: list[str], start: int, index: int) -> tuple[ast.Try, ast.ExceptHandler] | None:
    """The `try` statement at lines[start] parsed on its own, and its handler at lines[index]."""
    tree = parse(dedent(lines, start, try_statement_end(lines, start)))
    if tree is None or not tree.body or not isinstance(tree.body[0], ast.Try):
        return None
    handler = next((h for h in tree.body[0].handlers if h.lineno == index - start + 1), None)
    return (tree.body[0], handler) if handler is not None else None


def _in_function(lines: list[str], start: int, index: int) -> Handler | None:
    """The handler at lines[index] located in its enclosing function, parsed on its own (once per function)."""
    function = enclosing_def(lines, start)
    if function is None:
        return None
    parsed = _function_index(dedent(lines, function, block_end(lines, function, 600)))
    return None if parsed is None else _locate(*parsed, index - function + 1)


_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_BUILTINS = frozenset(dir(builtins))
_Parents = dict[int, tuple[ast.AST, list[ast.stmt]]]


@lru_cache(maxsize=16)
def _function_index(text: str) -> tuple[ast.AST, _Parents, dict[int, tuple[ast.Try, ast.ExceptHandler]]] | None:
    """A function's AST, each statement's owner and block, and its handlers by line."""
    tree = parse(text)
    if tree is None or not tree.body or not isinstance(tree.body[0], ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    function = tree.body[0]
    parents: _Parents = {}
    handlers: dict[int, tuple[ast.Try, ast.ExceptHandler]] = {}
    for node in ast.walk(function):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list):
                for stmt in block:
                    if isinstance(stmt, ast.stmt):
                        parents[id(stmt)] = (node, block)
        if isinstance(node, ast.Try):
            for handler in node.handlers:
                parents[id(handler)] = (node, [])
                handlers[handler.lineno] = (node, handler)
    return function, parents, handlers


def _locate(function: ast.AST, parents: _Parents, handlers: dict[int, tuple[ast.Try, ast.ExceptHandler]],
            line: int) -> Handler | None:
    """Where control goes when the handler at `line` falls through: the next statements, the end of the function,
    or round the innermost loop."""
    target = handlers.get(line)
    if target is None:
        return None
    found = Handler(*target, after=[])
    node: ast.AST = target[0]
    while id(node) in parents:
        owner, block = parents[id(node)]
        if isinstance(node, ast.stmt) and block:
            following = block[block.index(node) + 1:]
            if following:
                found.after = following[:8]
                break
        if isinstance(owner, _LOOPS):
            break  # the loop goes round again
        if owner is function:
            found.falls_off = True
            break
        node = owner
    node = target[0]
    while id(node) in parents:
        owner, _ = parents[id(node)]
        if owner is function:
            break
        if isinstance(owner, _LOOPS):
            found.loop = owner
            if id(owner) in parents:
                outer = parents[id(owner)][1]
                found.after_loop = outer[outer.index(owner) + 1:][:2] if owner in outer else []
            break
        node = owner
    return found


def python_handler(lines: list[str], index: int) -> str | None:
    """Why the Python handler at lines[index] lets a failure disappear, or None when it does not."""
    quick = _PY_EXCEPT_TYPES.match(lines[index])
    if quick and not is_failure([n.strip().split(".")[-1] for n in quick.group(1).split(",") if n.strip()]):
        return None  # an expected condition, known from the line alone
    start = try_line(lines, index)
    alone = None if start is None else _try_alone(lines, start, index)
    if start is None or alone is None:
        return None  # not a handler we can read (inside a string, malformed code): no claim
    statement, handler = alone
    names = type_names(handler.type)
    attempted = frozenset(name for s in statement.body for n in ast.walk(s) if isinstance(n, ast.Call)
                          and (name := dotted(n.func)) and name not in _BUILTINS)
    if not is_failure(names) or tells(handler.body, handler.name, attempted) or statement.orelse \
            or is_cleanup(statement) or (len(statement.body) == 1 and isinstance(statement.body[0], ast.If)) \
            or all(isinstance(s, ast.Import | ast.ImportFrom) for s in statement.body):
        return None  # expected condition; propagated or recorded; one branch of a decision (try/else, a check that
        # could not be made takes the other branch); cleanup; an optional import
    if after_tells(_in_function(lines, start, index) or Handler(statement, handler)):
        return None
    if explained(lines, index, start):
        return None
    caught = " or ".join(dict.fromkeys(names)) if names else "every exception"
    return f"handles {caught} and carries on without raising or returning or recording it"


# Python I/O whose failure is only in its result: a statement that drops the result drops the failure.
_PY_RESULT_IO = re.compile(r"^[ \t]*(?:await[ \t]+)?((?:subprocess\.(?:run|call|Popen))|os\.system|"
                           r"(?:requests|httpx)\.(?:get|post|put|patch|delete|head|request))\(")


def _statement_text(lines: list[str], index: int) -> str:
    depth, parts = 0, []
    for number in range(index, min(len(lines), index + 25)):
        code = lines[number].split("#", 1)[0]
        parts.append(code)
        depth += code.count("(") + code.count("[") + code.count("{") - code.count(")") - code.count("]") - \
            code.count("}")
        if depth <= 0:
            break
    return "\n".join(parts)


def python_result_io(lines: list[str], index: int) -> str | None:
    match = _PY_RESULT_IO.match(lines[index])
    if not match:
        return None
    call = match.group(1)
    text = _statement_text(lines, index)
    if call.startswith("subprocess.") and re.search(r"\bcheck\s*=", text):
        return None  # check=True raises; an explicit check=False is a decision, not an oversight
    if call.startswith(("requests.", "httpx.")) and "raise_for_status" in text:
        return None
    what = {"os.system": "the exit status of os.system", "subprocess.Popen": "the process started by subprocess.Popen"
            }.get(call, f"the exit status of {call} (no check=True)" if call.startswith("subprocess.")
                  else f"the HTTP status of {call}")
    return f"drops {what}"


