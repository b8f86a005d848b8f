"""CLI sub-commands a project declares in code: argparse `add_parser`, click/typer `@group.command`, commander
`.command`, cobra `Use:`, looked for only under the folders of a declared entry point. Computed once per run.
"""

from __future__ import annotations

import ast
import posixpath
import re
from collections.abc import Callable, Iterator
from typing import Literal, overload

from readiness.core.scan._source.code import all_paths, is_test, read, setting
from readiness.core.scan._source.grep import grep_literals
from readiness.core.scan._source.project import SKIP_DIRS, EntryPoint, EntryPointKind, entry_points
from readiness.core.scan._source.pyast import dotted, parse
from readiness.core.scan.base import ScanContext

_SUBCOMMAND_LITERALS = ("add_parser(", ".command(", ".group(", "Use:")
_ADD_PARSER = re.compile(r"""add_parser\(\s*['"]([\w-]+)['"]""")
_DECORATOR = re.compile(r"""@([\w.]+)\.(?:command|group)\(\s*(?:name\s*=\s*)?(?:['"]([\w-]+)['"])?""")
_JS_COMMAND = re.compile(r"""\.command\(\s*['"]([\w-]+)""")
_COBRA = re.compile(r"""Use:\s*"([\w-]+)""")
_DEF = re.compile(r"^\s*(?:async\s+)?def\s+(\w+)")


def sub_commands(ctx: ScanContext) -> list[EntryPoint]:
    """Sub-commands declared in code: argparse `add_parser`, click/typer `@group.command`, commander `.command`,
    cobra `Use:`. A nested Python sub-command is named by its path below the program, words joined by a space
    (`checklist uncheck`)."""
    return ctx.cached("project:sub-commands", lambda: _sub_commands(ctx))


def _cli_roots(ctx: ScanContext) -> list[str]:
    """Folders whose code belongs to a declared entry point: the top-level package of each console script's target
    (`ansible.cli.vault:main` -> `lib/ansible/`), the package of each `__main__.py`, the package folder of each npm
    or Cargo binary; "" (everything) for Go commands."""
    roots: set[str] = set()
    paths = set(all_paths(ctx))
    for entry in entry_points(ctx):
        if entry.kind == EntryPointKind.CONSOLE_SCRIPT:
            top = entry.target.partition(":")[0].strip().split(".")[0]
            for prefix in ("", *(r.strip("/") + "/" for r in setting(ctx, "source_roots") or ())):
                if f"{prefix}{top}/__init__.py" in paths or f"{prefix}{top}.py" in paths:
                    roots.add(f"{prefix}{top}")
        elif entry.kind == EntryPointKind.GO_COMMAND:
            roots.add("")  # cobra commands live anywhere in the module
        else:  # `__main__.py`'s package; npm and Cargo manifests: their whole package
            roots.add(posixpath.dirname(entry.path))
    return sorted(roots)


def _sub_commands(ctx: ScanContext) -> list[EntryPoint]:
    roots = _cli_roots(ctx)
    if not roots:
        return []
    files = [p for p in all_paths(ctx) if p.endswith((".py", ".js", ".mjs", ".cjs", ".ts", ".go"))
             and not is_test(ctx, p) and not SKIP_DIRS.search(p)
             and any(r in ("", ".") or p == r + ".py" or p.startswith(r + "/") for r in roots)]
    found: list[EntryPoint] = []
    hits: dict[str, list[tuple[int, str]]] = {}
    for path, line, text in grep_literals(ctx, _SUBCOMMAND_LITERALS, files):
        hits.setdefault(path, []).append((line, text))
    for path, lines in hits.items():
        if path.endswith(".py") and not any("add_parser(" in text or _DECORATOR.search(text) for _, text in lines):
            continue  # only `.group(` of regular expression matches and the like
        declared = _python_sub_commands(read(ctx, path) or "") if path.endswith(".py") else None
        if declared is not None:  # parsed: names with the sub-commands they are nested in
            by_line = {line: text for line, text in lines}
            for line, names in sorted(declared.items()):
                text = by_line.get(line) or (read(ctx, path) or "").split("\n")[line - 1]
                found.extend(EntryPoint(" ".join(name), EntryPointKind.SUB_COMMAND, path, line, "", text.strip())
                             for name in names)
            continue
        for line, text in lines:
            for name in _line_sub_commands(ctx, path, line, text):
                found.append(EntryPoint(name, EntryPointKind.SUB_COMMAND, path, line, "", text.strip()))
    return found


def _line_sub_commands(ctx: ScanContext, path: str, line: int, text: str) -> list[str]:
    """Sub-command names declared on one line (files that cannot be parsed, and languages other than Python)."""
    names: list[str] = []
    if path.endswith(".py"):
        names = _ADD_PARSER.findall(text)
        deco = _DECORATOR.search(text)
        if deco and deco.group(1) not in _CLICK_MODULES:
            names.append(deco.group(2) or _next_def(ctx, path, line))
    elif path.endswith(".go"):
        names = _COBRA.findall(text)
    else:
        names = _JS_COMMAND.findall(text)
    return [name for name in names if name and len(name) > 1]


_CLICK_MODULES = ("click", "typer", "cloup")


def _python_sub_commands(text: str) -> dict[int, list[tuple[str, ...]]] | None:
    """Sub-commands a Python file declares, by line, each as its full path below the program: argparse
    `add_parser("x")` on the sub-parsers of a parser that is itself a sub-command (`checklist` -> `uncheck` gives
    ("checklist", "uncheck")), click/cloup `@group.command()` on a group declared with `@parent.group()`.

    Parsers and groups are followed through names assigned in the same function (or module); one passed in from
    elsewhere (`def register(sub): sub.add_parser("x")`) is taken as the program's own. None: not Python."""
    tree = parse(text)
    if tree is None:
        return None
    out: dict[int, list[tuple[str, ...]]] = {}
    groups: dict[str, tuple[str, ...]] = {}  # click group function name -> its path (module-wide)

    def record(line: int, path: tuple[str, ...]) -> None:
        if path and len(path[-1]) > 1 and path not in out.setdefault(line, []):
            out[line].append(path)

    def scope(body: list[ast.stmt], parsers: dict[str, tuple[str, ...]],
              subparsers: dict[str, tuple[str, ...]]) -> None:
        parsers, subparsers = dict(parsers), dict(subparsers)

        def resolve(node: ast.AST) -> tuple[str, tuple[str, ...]] | None:
            """("parser" | "subparsers", path) of an expression, recording every add_parser call in it."""
            if isinstance(node, ast.Name | ast.Attribute):
                key = dotted(node)
                if key is None:
                    return None
                if key in subparsers:
                    return "subparsers", subparsers[key]
                if key in parsers:
                    return "parser", parsers[key]
                return None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                receiver = resolve(node.func.value)
                if node.func.attr == "add_parser":
                    name = _first_string(node)
                    if name is None:
                        return None
                    parent = receiver[1] if receiver and receiver[0] == "subparsers" else ()
                    record(node.lineno, (*parent, name))
                    return "parser", (*parent, name)
                if node.func.attr == "add_subparsers":
                    return "subparsers", receiver[1] if receiver and receiver[0] == "parser" else ()
            return None

        nodes = [n for n in _walk_scope(body) if isinstance(n, ast.Assign | ast.AnnAssign | ast.Call)]
        handled: set[int] = set()
        for node in sorted(nodes, key=lambda n: (n.lineno, n.col_offset, not isinstance(n, ast.Call))):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                if node.value is None:
                    continue
                handled.update(id(c) for c in ast.walk(node.value) if isinstance(c, ast.Call))
                found = resolve(node.value)
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    key = dotted(target)
                    if key is not None:
                        parsers.pop(key, None)
                        subparsers.pop(key, None)
                        if found is not None:
                            (parsers if found[0] == "parser" else subparsers)[key] = found[1]
            elif id(node) not in handled:
                handled.update(id(c) for c in ast.walk(node) if isinstance(c, ast.Call))
                resolve(node)
        for function in _walk_scope(body, functions=True):
            _decorated(function, groups, record)
            scope(function.body, parsers, subparsers)

    try:
        scope(tree.body, {}, {})
    except RecursionError:  # absurdly chained or nested code: judge its lines instead
        return None
    return out


def _first_string(call: ast.Call) -> str | None:
    args = [*call.args[:1], *(k.value for k in call.keywords if k.arg == "name")]
    value = args[0] if args else None
    if isinstance(value, ast.Constant) and isinstance(value.value, str) and re.fullmatch(r"[\w-]+", value.value):
        return value.value
    return None


@overload
def _walk_scope(body: list[ast.stmt], functions: Literal[False] = False) -> Iterator[ast.AST]: ...


@overload
def _walk_scope(body: list[ast.stmt], functions: Literal[True]) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]: ...


def _walk_scope(body: list[ast.stmt], functions: bool = False) -> Iterator[ast.AST]:
    """The nodes of a function or module body, not descending into nested functions and classes' methods; with
    `functions`, the nested functions themselves (the next scopes)."""
    stack: list[ast.AST] = list(reversed(body))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            if functions and not isinstance(node, ast.Lambda):
                yield node
            continue
        if not functions:
            yield node
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _decorated(node: ast.FunctionDef | ast.AsyncFunctionDef, groups: dict[str, tuple[str, ...]],
               record: Callable[[int, tuple[str, ...]], None]) -> None:
    """click/cloup commands and groups declared on a group: `@cli.group()` then `@sub.command()`."""
    for deco in node.decorator_list:
        call = deco if isinstance(deco, ast.Call) else None
        func = call.func if call is not None else deco
        if not (isinstance(func, ast.Attribute) and func.attr in ("command", "group")):
            continue
        owner = dotted(func.value)
        if owner is None or owner in _CLICK_MODULES or owner.split(".")[0] in _CLICK_MODULES:
            continue
        name = (_first_string(call) if call is not None else None) or node.name.replace("_", "-")
        path = (*groups.get(owner, ()), name)
        record(deco.lineno, path)
        if func.attr == "group":
            groups[node.name] = path


def _next_def(ctx: ScanContext, path: str, line: int) -> str:
    lines = (read(ctx, path) or "").split("\n")
    for text in lines[line:line + 12]:
        match = _DEF.match(text)
        if match:
            return match.group(1).replace("_", "-")
    return ""
