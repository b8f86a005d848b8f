"""Step 5 of the triage flow: where work can continue ("Continue with next independent module", the methodology's
Rapid Triage Flow). A module is independent of a blocked one when it does not import it, directly or through others;
the graph comes from the one Python import parser (`readiness.core.scan._source.imports`), the same reading the
missing-test index uses.

Package `__init__` files re-export: in an ordinary package `pkg/__init__.py` imports every module, and every module
of the package runs it, so through it everything would look like it imports everything and no module would be
independent. An edge that exists only through an `__init__` does not count: `from pkg import refund`, where the
`__init__` re-exports `refund` from `pkg/refunds.py`, is an edge to `pkg/refunds.py` itself, and a module that only
runs or imports a package's `__init__` does not depend on what that `__init__` imports (unless the `__init__` is the
blocked module). When nothing qualifies, `why_nothing_qualifies` says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from readiness.core.scan._source.imports import (
    import_statements,
    imported_name,
    package_of,
    python_module_names,
    resolve_relative,
)


def import_graph(files: Mapping[str, str], source_roots: tuple[str, ...] = ("src",)) -> dict[str, frozenset[str]]:
    """path → paths it imports. Package `__init__` files count: importing `a.b` runs `a/__init__.py`, and so does
    importing any module of package `a`. A module is known by every name it can be imported by (its package chain,
    a source root stripped, its dotted path)."""
    paths = frozenset(files)
    names_of = {path: python_module_names(path, paths, source_roots) for path in sorted(files)}
    by_name: dict[str, str] = {}
    for path, names in names_of.items():
        for name in names:
            by_name.setdefault(name, path)
    reexports = _reexports(files, names_of, by_name)
    graph: dict[str, frozenset[str]] = {}
    for path, text in files.items():
        names = names_of[path]
        if not names:
            continue
        own = names[0].split(".")  # a module is importable only after its package's __init__ files ran
        deps = {by_name[".".join(own[:k])] for k in range(1, len(own)) if ".".join(own[:k]) in by_name}
        package = package_of(path, names)
        for module, imported, _ in import_statements(text):
            target = resolve_relative(module, package)
            entries = [imported_name(n) for n in imported or () if n != "*"]
            wanted = ([target] if target else []) + [f"{target}.{n}" if target else n for n in entries]
            for name in wanted:
                parts = name.split(".")
                for k in range(1, len(parts) + 1):
                    hit = by_name.get(".".join(parts[:k]))
                    if hit is not None and hit != path:
                        deps.add(hit)
                    origin = reexports.get(hit or "", {}).get(parts[k]) if k < len(parts) else None
                    if origin is not None and origin != path:
                        deps.add(origin)  # `from pkg import refund`: the module the __init__ took it from
        graph[path] = frozenset(deps)
    return graph


def _is_init(path: str) -> bool:
    return PurePosixPath(path).name == "__init__.py"


def _reexports(files: Mapping[str, str], names_of: Mapping[str, list[str]],
               by_name: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """`__init__` path -> {name it re-exports: the path of the module the name comes from}."""
    out: dict[str, dict[str, str]] = {}
    for path, text in files.items():
        if not _is_init(path) or not names_of.get(path):
            continue
        package = package_of(path, names_of[path])
        for module, imported, _ in import_statements(text):
            target = resolve_relative(module, package)
            for entry in imported or ():
                name, alias = imported_name(entry), entry.split(" as ")[-1].strip()
                origin = by_name.get(f"{target}.{name}" if target else name) or by_name.get(target or "")
                if origin is not None and origin != path and name != "*":
                    out.setdefault(path, {})[alias] = origin
    return out


def _importers(graph: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    reverse: dict[str, set[str]] = {}
    for module, deps in graph.items():
        for dep in deps:
            reverse.setdefault(dep, set()).add(module)
    return reverse


def dependents(graph: Mapping[str, Iterable[str]], blocked: Iterable[str]) -> set[str]:
    """Every module that imports a blocked module, directly or through others. A package `__init__` that imports a
    blocked module is itself a dependent, but passes nothing on: its edges are re-exports (see the module's text)."""
    reverse = _importers(graph)
    seen: set[str] = set()
    todo = list(blocked)
    start = set(todo)
    while todo:
        module = todo.pop()
        if _is_init(module) and module not in start:
            continue
        for importer in reverse.get(module, ()):
            if importer not in seen:
                seen.add(importer)
                todo.append(importer)
    return seen


def _chain(graph: Mapping[str, Iterable[str]], module: str, blocked: set[str]) -> list[str]:
    """The shortest import chain from `module` to a blocked module, as `dependents` follows it."""
    paths = {module: [module]}
    todo = [module]
    while todo:
        current = todo.pop(0)
        if current in blocked:
            return paths[current]
        for dep in sorted(graph.get(current, ())):
            if dep not in paths and (not _is_init(dep) or dep in blocked):
                paths[dep] = [*paths[current], dep]
                todo.append(dep)
    return [module]


def why_nothing_qualifies(candidates: Iterable[str], graph: Mapping[str, Iterable[str]],
                          blocked: Iterable[str], held: Iterable[str] = ()) -> str:
    """Why `next_options` offers nothing: what excluded each kind of candidate, with one import chain."""
    candidates, blocked_set, held = list(dict.fromkeys(candidates)), set(blocked), set(held)
    others = [m for m in candidates if m not in blocked_set]
    if not others:
        return "no changed module other than the blocked one"
    tainted = dependents(graph, blocked_set)
    importing = [m for m in others if m in tainted]
    holding = [m for m in others if m in held and m not in tainted]
    parts = []
    if importing:
        chain = " → ".join(_chain(graph, importing[0], blocked_set))
        parts.append(f"{len(importing)} import a blocked module ({chain})")
    if holding:
        parts.append(f"{len(holding)} hold deferred work ({', '.join(holding[:3])})")
    return "every other changed module is excluded: " + "; ".join(parts)


@dataclass(frozen=True)
class NextOption:
    module: str
    reason: str


def next_options(candidates: Iterable[str], graph: Mapping[str, Iterable[str]],
                 blocked: Iterable[str], held: Iterable[str] = ()) -> tuple[NextOption, ...]:
    """Candidates that are not blocked, do not import a blocked module, and hold no deferred work (`held`)."""
    blocked = tuple(dict.fromkeys(blocked))
    held = set(held)
    tainted = dependents(graph, blocked)
    names = ", ".join(blocked[:3]) + (" …" if len(blocked) > 3 else "")
    options = []
    # package __init__ files last: everything in the package imports them, so they are rarely where work goes on
    for module in sorted(dict.fromkeys(candidates), key=lambda m: PurePosixPath(m).name == "__init__.py"):
        if module in blocked or module in tainted or module in held:
            continue
        if not blocked:
            reason = "no blocked module named: nothing to avoid"
        elif module in graph:
            reason = f"does not import {names}"
        else:
            reason = "imports not analysed (not a Python module)"
        options.append(NextOption(module, reason))
    return tuple(options)

