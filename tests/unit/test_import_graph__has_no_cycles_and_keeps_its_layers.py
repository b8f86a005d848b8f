"""The import graph of readiness, read with function-local imports included (imports under `if TYPE_CHECKING:` aside),
has no cycle, and its layers hold: the core imports no front end, the TUI imports neither the commands nor the CLI.

import-linter's contracts in pyproject.toml check the layers in CI; this test also reads every cycle, which sibling
contracts cannot express."""

from __future__ import annotations

import functools

import grimp

FRONT_ENDS = ("readiness.cli", "readiness.commands", "readiness.render", "readiness.tui")  # cli_options, cli_records too


@functools.cache
def _graph() -> dict[str, set[str]]:
    graph = grimp.build_graph("readiness", exclude_type_checking_imports=True)
    return {m: {i for i in graph.find_modules_directly_imported_by(m) if i.startswith("readiness")}
            for m in graph.modules}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_back() -> None:
    assert _cycles(_graph()) == []


def test_the_core_imports_no_front_end_and_the_tui_no_command() -> None:
    graph = _graph()
    breaches = [(m, i) for m, imports in graph.items() for i in imports
                if (m.startswith("readiness.core") and i.startswith(FRONT_ENDS))
                or (m.startswith("readiness.tui") and i.startswith(("readiness.commands", "readiness.cli")))]
    assert breaches == []
