"""What each coverage item names, measured on the changed lines (the methodology's three coverage rules):

- `lines`: the quality gate "Unit coverage >= 75% of changed lines" — changed executable lines the tests ran;
- `branches`: the merge item "Unit tests cover new decision branches" — branch coverage (`coverage run --branch`)
  of the changed lines: the decision arcs leaving a changed line that the tests took;
- `functions`: the per-feature item "Unit tests for new pure logic (>=80% function coverage for changed lines)" —
  the share of changed functions (a function with a changed line) the tests entered at all.

Each is (covered, total); the gate reports all three on its result (`GateResult.measures`) and the checklist items
read the one they name (`{ gate = "coverage", measure = "branches", at_least = 75 }`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from readiness.core.scan._source.pyast import parse


@dataclass(frozen=True, slots=True)
class Branches:
    executed: frozenset[tuple[int, int]]
    missing: frozenset[tuple[int, int]]


def _arcs(entry: Mapping[str, object], key: str) -> frozenset[tuple[int, int]]:
    raw = entry.get(key) or []
    assert isinstance(raw, list), f"{key} must be a list of [from, to] pairs"
    return frozenset((int(a), int(b)) for a, b in raw)


def parse_branches(entry: Mapping[str, object]) -> Branches | None:
    """The branch arcs of one file of the analysis report (None: the data has no branch information)."""
    if "executed_branches" not in entry and "missing_branches" not in entry:
        return None
    return Branches(_arcs(entry, "executed_branches"), _arcs(entry, "missing_branches"))


def branch_coverage(branches: Mapping[str, Branches | None],
                    changes: Mapping[str, frozenset[int] | None]) -> tuple[int, int] | None:
    """(taken, total) decision arcs leaving changed lines; None when no file has branch data."""
    known = {p: b for p, b in branches.items() if b is not None and p in changes}
    if not known:
        return None
    taken = total = 0
    for path, arcs in known.items():
        changed = changes[path]
        def leaving(pairs: frozenset[tuple[int, int]], changed: frozenset[int] | None = changed) -> int:
            return sum(1 for start, _ in pairs if changed is None or start in changed)
        hit, missed = leaving(arcs.executed), leaving(arcs.missing)
        taken += hit
        total += hit + missed
    return taken, total


def _functions(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _own_lines(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[int]:
    """Lines of the function's body, without those of functions and classes nested in it."""
    lines: set[int] = set()
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        start, end = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        if start is not None and end is not None:
            lines.update(range(start, end + 1))
        stack.extend(ast.iter_child_nodes(node))
    return lines


def function_coverage(texts: Mapping[str, str], executable: Mapping[str, frozenset[int]],
                      missing: Mapping[str, frozenset[int]],
                      changes: Mapping[str, frozenset[int] | None]) -> tuple[int, int, list[str]]:
    """(entered, total, names not entered) over the changed functions: a function with a changed line (its
    signature or body) counts once; it is entered when one of its own executable body lines ran."""
    entered = total = 0
    missed_names: list[str] = []
    for path in sorted(texts):
        if path not in changes or path not in executable:
            continue
        tree = parse(texts[path], path)
        if tree is None:
            continue
        changed = changes[path]
        for function in _functions(tree):
            end = function.end_lineno or function.lineno
            span = range(min([function.lineno, *(d.lineno for d in function.decorator_list)]), end + 1)
            if changed is not None and not any(line in changed for line in span):
                continue
            body = _own_lines(function) & executable[path]
            if not body:
                continue
            total += 1
            if body - missing.get(path, frozenset()):
                entered += 1
            else:
                missed_names.append(f"{path}:{function.lineno} {function.name}()")
    return entered, total, missed_names
