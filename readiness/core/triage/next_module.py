"""Step 5 of the triage flow: where work can continue. A module is independent of a blocked one when it does not
import it, directly or through others; the graph comes from the one Python import parser
(`readiness.core.scan._source.imports`), the same reading the missing-test index uses.
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
        graph[path] = frozenset(deps)
    return graph


def dependents(graph: Mapping[str, Iterable[str]], blocked: Iterable[str]) -> set[str]:
    """Every module that imports a blocked module, directly or through others."""
    reverse: dict[str, set[str]] = {}
    for module, deps in graph.items():
        for dep in deps:
            reverse.setdefault(dep, set()).add(module)
    seen: set[str] = set()
    todo = list(blocked)
    while todo:
        for importer in reverse.get(todo.pop(), ()):
            if importer not in seen:
                seen.add(importer)
                todo.append(importer)
    return seen


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

