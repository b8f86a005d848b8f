"""Project-level facts for the missing-test and missing-docs scanners: declared entry points (console scripts,
`__main__` modules, npm `bin`, Cargo binaries, Go `cmd/` commands), CLI sub-commands, the README and the other
documentation files. Each is computed once per run (`ctx.cached`).
"""

from __future__ import annotations

import ast
import configparser
import json
import posixpath
import re
import tomllib
from dataclasses import dataclass
from pathlib import PurePosixPath

from readiness.core.scan._source.code import all_paths, grep_literals, is_test, read, setting, word_alternation
from readiness.core.scan.base import ScanContext

_SKIP_DIRS = re.compile(r"(^|/)(node_modules|vendor|third_party|examples?|docs?|fixtures?|testdata|site-packages)/")
README_NAMES = ("README.md", "README.rst", "README.txt", "README", "README.markdown", "readme.md", "Readme.md",
                "README.MD")
DOC_SUFFIXES = (".md", ".rst", ".txt", ".adoc", ".markdown", ".1", ".8")
_NOT_DOCS = re.compile(r"(?i)(^|/)(changelog|changes|history|news|license|licence|copying|authors|contributors|"
                       r"code_of_conduct|security|notice|requirements[^/]*)(\.[a-z]+)?$")


@dataclass(frozen=True, slots=True)
class EntryPoint:
    name: str  # what a user types: `readiness`, `python -m pkg`
    kind: str  # "console-script", "module", "bin", "cargo-bin", "go-command", "sub-command"
    path: str  # the file that declares it
    line: int | None
    target: str = ""  # `pkg.cli:main`, `pkg`, `./bin/cli.js`
    snippet: str = ""


def _line_of(text: str, needle: str, after: str = "") -> tuple[int | None, str]:
    """The first line containing `needle` (as a key, `needle =`, when there is one) after the line `after`."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if after and line.strip() == after), 0)
    key = re.compile(rf"""^\s*["']?{re.escape(needle)}["']?\s*=""")
    for matcher in (key.match, lambda line: needle in line):
        for number in range(start, len(lines)):
            if matcher(lines[number]):
                return number + 1, lines[number].strip()
    return None, ""


def _declaring_files(ctx: ScanContext, name: str) -> list[str]:
    return [p for p in all_paths(ctx) if posixpath.basename(p) == name and not is_test(ctx, p)
            and not _SKIP_DIRS.search(p)]


def entry_points(ctx: ScanContext) -> list[EntryPoint]:
    """Console scripts and other ways the project is started, from its packaging metadata and layout."""
    return ctx.cached("project:entry-points", lambda: _entry_points(ctx))


def _entry_points(ctx: ScanContext) -> list[EntryPoint]:
    found: list[EntryPoint] = []
    for path in _declaring_files(ctx, "pyproject.toml"):
        text = read(ctx, path) or ""
        try:
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, ValueError):
            continue
        project = data.get("project", {}) if isinstance(data.get("project"), dict) else {}
        poetry = data.get("tool", {}).get("poetry", {}) if isinstance(data.get("tool"), dict) else {}
        for header, table in (("[project.scripts]", project.get("scripts")),
                              ("[project.gui-scripts]", project.get("gui-scripts")),
                              ("[tool.poetry.scripts]", poetry.get("scripts"))):
            if isinstance(table, dict):
                for name, target in table.items():
                    line, snippet = _line_of(text, name, header)
                    found.append(EntryPoint(name, "console-script", path, line, str(target), snippet))
    for path in _declaring_files(ctx, "setup.cfg"):
        text = read(ctx, path) or ""
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(text)
            scripts = parser.get("options.entry_points", "console_scripts", fallback="")
        except configparser.Error:
            continue
        for entry in scripts.strip().splitlines():
            name, _, target = entry.partition("=")
            if name.strip() and target.strip():
                line, snippet = _line_of(text, entry.strip())
                found.append(EntryPoint(name.strip(), "console-script", path, line, target.strip(), snippet))
    for path in _declaring_files(ctx, "setup.py"):
        text = read(ctx, path) or ""
        if "console_scripts" in text:
            for match in re.finditer(r"""['"]\s*([\w.-]+)\s*=\s*([\w.]+(?::[\w.]+)?)\s*['"]""", text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(EntryPoint(match.group(1), "console-script", path, line, match.group(2),
                                        text.split("\n")[line - 1].strip()))
    for path in _declaring_files(ctx, "package.json"):
        text = read(ctx, path) or ""
        try:
            data = json.loads(text)
        except ValueError:
            continue
        if not isinstance(data, dict) or data.get("private") is True and "bin" not in data:
            continue
        bins = data.get("bin")
        if isinstance(bins, str) and isinstance(data.get("name"), str):
            bins = {data["name"].split("/")[-1]: bins}
        if isinstance(bins, dict):
            for name, target in bins.items():
                line, snippet = _line_of(text, f'"{name}"')
                found.append(EntryPoint(name, "bin", path, line, str(target), snippet))
    for path in _declaring_files(ctx, "Cargo.toml"):
        text = read(ctx, path) or ""
        try:
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, ValueError):
            continue
        crate = posixpath.dirname(path)
        for entry in data.get("bin", []) if isinstance(data.get("bin"), list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                line, snippet = _line_of(text, entry["name"])
                found.append(EntryPoint(entry["name"], "cargo-bin", path, line, entry.get("path", ""), snippet))
        package = data.get("package", {}) if isinstance(data.get("package"), dict) else {}
        main_rs = posixpath.join(crate, "src/main.rs") if crate else "src/main.rs"
        if main_rs in set(all_paths(ctx)) and isinstance(package.get("name"), str):
            line, snippet = _line_of(text, "name")
            found.append(EntryPoint(package["name"], "cargo-bin", path, line, main_rs, snippet))
    paths = all_paths(ctx)
    for path in paths:
        if is_test(ctx, path) or _SKIP_DIRS.search(path):
            continue
        if path.endswith("/__main__.py"):
            module = path[:-len("/__main__.py")].replace("/", ".")
            for root in setting(ctx, "source_roots") or ():
                if module.startswith(root.strip("/").replace("/", ".") + "."):
                    module = module[len(root.strip("/")) + 1:]
            found.append(EntryPoint(f"python -m {module}", "module", path, None, module))
        match = re.match(r"^(?:.*/)?cmd/([\w.-]+)/main\.go$", path)
        if match:
            found.append(EntryPoint(match.group(1), "go-command", path, None, posixpath.dirname(path)))
    return found


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
        if entry.kind == "console-script":
            top = entry.target.partition(":")[0].strip().split(".")[0]
            for prefix in ("", *(r.strip("/") + "/" for r in setting(ctx, "source_roots") or ())):
                if f"{prefix}{top}/__init__.py" in paths or f"{prefix}{top}.py" in paths:
                    roots.add(f"{prefix}{top}")
        elif entry.kind == "go-command":
            roots.add("")  # cobra commands live anywhere in the module
        else:  # `__main__.py`'s package; npm and Cargo manifests: their whole package
            roots.add(posixpath.dirname(entry.path))
    return sorted(roots)


def _sub_commands(ctx: ScanContext) -> list[EntryPoint]:
    roots = _cli_roots(ctx)
    if not roots:
        return []
    files = [p for p in all_paths(ctx) if p.endswith((".py", ".js", ".mjs", ".cjs", ".ts", ".go"))
             and not is_test(ctx, p) and not _SKIP_DIRS.search(p)
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
                found.extend(EntryPoint(" ".join(name), "sub-command", path, line, "", text.strip())
                             for name in names)
            continue
        for line, text in lines:
            for name in _line_sub_commands(ctx, path, line, text):
                found.append(EntryPoint(name, "sub-command", path, line, "", text.strip()))
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
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    out: dict[int, list[tuple[str, ...]]] = {}
    groups: dict[str, tuple[str, ...]] = {}  # click group function name -> its path (module-wide)

    def record(line: int, path: tuple[str, ...]) -> None:
        if path and len(path[-1]) > 1 and path not in out.setdefault(line, []):
            out[line].append(path)

    def scope(body: list[ast.stmt], parsers: dict[str, tuple[str, ...]], subparsers: dict[str, tuple[str, ...]]):
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
        for node in _walk_scope(body, functions=True):
            _decorated(node, groups, record)
            scope(node.body, parsers, subparsers)

    try:
        scope(tree.body, {}, {})
    except RecursionError:  # absurdly chained or nested code: judge its lines instead
        return None
    return out


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


def _first_string(call: ast.Call) -> str | None:
    args = [*call.args[:1], *(k.value for k in call.keywords if k.arg == "name")]
    value = args[0] if args else None
    if isinstance(value, ast.Constant) and isinstance(value.value, str) and re.fullmatch(r"[\w-]+", value.value):
        return value.value
    return None


def _walk_scope(body: list[ast.stmt], functions: bool = False):
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


def _decorated(node: ast.FunctionDef | ast.AsyncFunctionDef, groups: dict[str, tuple[str, ...]], record) -> None:
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


def in_work_tree(ctx: ScanContext, path: str) -> bool:
    """Whether a listed path is in the work tree: git keeps listing a file deleted there until the deletion is
    staged. Asked of the repository model's `read` (an lstat, nothing is read with a size limit of 0); a repository
    view without it is trusted."""
    reader = getattr(ctx.repo, "read", None)
    if reader is None:
        return True
    return bool(ctx.cached(f"project:present:{path}", lambda: reader(path, 0).skipped != "deleted"))


def readme_path(ctx: ScanContext) -> tuple[str, bool]:
    """The README to judge and whether it exists: the configured `docs_file`, else a README variant at the root.
    A README deleted in the work tree does not exist (its path is returned when no other README does)."""
    paths = set(all_paths(ctx))
    configured = setting(ctx, "docs_file") or "README.md"
    deleted = None
    for name in (configured, *README_NAMES):
        if name in paths:
            if in_work_tree(ctx, name):
                return name, True
            deleted = deleted or name
    return deleted or configured, False


def doc_files(ctx: ScanContext) -> list[str]:
    """Documentation other than code: READMEs anywhere, top-level text files, everything under docs/ doc/ man/."""
    def compute() -> list[str]:
        out = []
        for path in all_paths(ctx):
            name = posixpath.basename(path)
            if _NOT_DOCS.search(path) or is_test(ctx, path):
                continue
            top = path.split("/", 1)[0]
            if (name.lower().startswith("readme") or (path.endswith(DOC_SUFFIXES) and
                                                      ("/" not in path or top in ("docs", "doc", "man", "documentation")))):
                out.append(path)
        return out

    return ctx.cached("project:doc-files", compute)


def mentioned(ctx: ScanContext, names: set[str]) -> set[str]:
    """Which of the names appear as words in the documentation files."""
    if not names:
        return set()
    docs = doc_files(ctx)
    found: set[str] = set()
    ordered = sorted(names)
    for start in range(0, len(ordered), 60):
        chunk = ordered[start:start + 60]
        regex = re.compile(r"(?<![\w-])(" + word_alternation(chunk) + r")(?![\w-])")
        for _, _, text in grep_literals(ctx, chunk, docs, regex):
            found.update(regex.findall(text))
    return found


def stem_words(path: str) -> str:
    return re.sub(r"[-_.]+", " ", PurePosixPath(path).stem.lower())
