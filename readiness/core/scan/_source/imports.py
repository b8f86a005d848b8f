"""Python imports read by line patterns (no AST): the one import parser of readiness, with the names a file can be
imported by and how a relative import resolves. The missing-test index (which tests import a module) and triage's
import graph (which modules import a blocked one) both read imports here, so they agree on what imports what.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from readiness.core.paths import path_stem, split_path

PYTHON_SUFFIXES = (".py", ".pyw", ".pyi")
_IMPORT_STMT = re.compile(r"^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]*(\([^)]*\)|(?:[^\n\\]|\\\r?\n)*)|"
                          r"import[ \t]+([^\n;#]+))", re.M)

ImportStatement = tuple[str, list[str] | None, tuple[str, ...]]


def import_matches(text: str) -> Iterator[re.Match[str]]:
    """`_IMPORT_STMT.finditer(text)`, 4x faster on a whole file: a statement starts at the start of a line holding
    `import`, so the pattern is tried only there (after the previous statement's end, as finditer resumes)."""
    end = 0
    at = text.find("import")
    while at != -1:
        start = text.rfind("\n", 0, at) + 1
        match = _IMPORT_STMT.match(text, start) if start >= end else None
        if match is not None:
            end = match.end()
            yield match
            at = text.find("import", max(end, at + 1))
        else:
            at = text.find("import", at + 1)


def import_statements(text: str) -> list[ImportStatement]:
    """Import statements of Python text, one regex pass: (module, names, ()) for `from module import names` (each
    name as written, `b as c` included; relative modules keep their dots), and (module, None, (alias,)) for each
    module of `import a.b as c, d` (the alias is the module itself if none). Parenthesised and backslash-continued
    imports are followed; a string that merely contains `import` is not an import."""
    out: list[ImportStatement] = []
    for match in import_matches(text):
        module, names, plain = match.groups()
        if plain is not None:
            for item in plain.split(","):
                name, _, alias = item.strip().partition(" as ")
                name = name.strip()
                if name and all(p.isidentifier() for p in name.split(".")):
                    out.append((name, None, (alias.strip() or name,)))
            continue
        body = re.sub(r"\\\r?\n", " ", names.strip().strip("()"))
        body = re.sub(r"#[^\n]*", "", body)
        items = [" ".join(item.split()) for item in body.split(",")]
        out.append((module, [i for i in items if i and (i == "*" or i.split(" as ")[0].isidentifier())], ()))
    return out


def parse_imports(text: str) -> list[tuple[str, list[str] | None]]:
    """Import statements of Python text: (module, imported names) for `from`, (module, None) for `import`."""
    return [(module, names) for module, names, _ in import_statements(text)]


def imported_name(entry: str) -> str:
    """`b` for the entry `b as c` of a `from` import."""
    return entry.split(" as ", 1)[0].strip()


def resolve_relative(module: str, package: str | None) -> str | None:
    """`..x` relative to package `a.b.c` is `a.b.x`; absolute names are returned as they are."""
    if not module.startswith("."):
        return module or None
    if package is None:
        return None
    dots = len(module) - len(module.lstrip("."))
    parts = package.split(".") if package else []
    if dots - 1 > len(parts):
        return None
    base = parts[:len(parts) - (dots - 1)]
    rest = module[dots:]
    joined = ".".join([*base, rest] if rest else base)
    return joined or None


def python_module_names(path: str, paths: set[str] | frozenset[str], source_roots: tuple[str, ...]) -> list[str]:
    """Names a Python file can be imported by, most specific first: from its package chain (`__init__.py` files),
    with a source root (`src/`) stripped, and its plain dotted path (namespace packages). `pkg/__init__.py` is
    `pkg`; a stub (`.pyi`) is named like its module."""
    dirs, stem, suffix = split_path(path)
    if suffix not in PYTHON_SUFFIXES:
        return []
    tail = [] if stem == "__init__" else [stem]
    k = len(dirs)
    while k > 0 and "/".join(dirs[:k]) + "/__init__.py" in paths:
        k -= 1
    names = []
    if dirs[k:] + tail:
        names.append(".".join(dirs[k:] + tail))
    for root in source_roots:
        root_parts = root.strip("/").split("/")
        if root_parts and dirs[:len(root_parts)] == root_parts and dirs[len(root_parts):] + tail:
            names.append(".".join(dirs[len(root_parts):] + tail))
    if dirs + tail:
        names.append(".".join(dirs + tail))
    return [n for i, n in enumerate(names) if n and n not in names[:i] and all(p.isidentifier() for p in n.split("."))]


def module_name(path: str, source_roots: tuple[str, ...] = ("src",)) -> str | None:
    """The dotted name of a Python file when nothing is known of its packages: every folder a package, a source
    root stripped (`src/pkg/x.py` is `pkg.x`, `pkg/__init__.py` is `pkg`); None if not Python."""
    pure = PurePosixPath(path)
    if pure.suffix not in PYTHON_SUFFIXES:
        return None
    parts = list(pure.with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    for root in source_roots:
        root_parts = root.strip("/").split("/")
        if parts[:len(root_parts)] == root_parts and len(parts) > len(root_parts):
            parts = parts[len(root_parts):]
            break
    return ".".join(parts) if parts and all(p.isidentifier() for p in parts) else None


def package_of(path: str, names: list[str]) -> str | None:
    """The package relative imports of `path` start from, given its module names (`python_module_names`)."""
    if not names:
        return None
    return names[0] if path_stem(path) == "__init__" else names[0].rpartition(".")[0]
