"""Small AST helpers shared by the Python scanners: parsing that never raises, and dotted names."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readiness.core.scan.base import ScanContext, SourceFile


def python_tree(ctx: ScanContext, source: SourceFile) -> ast.Module | None:
    """The file's AST, parsed once per run and shared with every scanner through `ctx.cache` (`ast:<path>`): the
    docstring rule, the parse notes and the negative-test rule's subjects read the same tree."""
    tree = ctx.cached(f"ast:{source.path}", lambda: parse(source.text, source.path))
    return tree if isinstance(tree, ast.Module) else None


def parse(text: str, filename: str = "<unknown>") -> ast.Module | None:
    """The module's AST, or None when the text does not parse (or is too deep or too big to)."""
    try:
        return ast.parse(text, filename=filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def dotted(node: ast.AST) -> str | None:
    """`a.b.c` for a name or a chain of attributes on a name (None for anything else), built without recursion."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))
