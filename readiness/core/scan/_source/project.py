"""Project-level facts for the missing-test and missing-docs scanners: declared entry points (console scripts,
`__main__` modules, npm `bin`, Cargo binaries, Go `cmd/` commands), the README and the other documentation files
(CLI sub-commands: `sub_commands`). Each is computed once per run (`ctx.cached`).
"""

from __future__ import annotations

import configparser
import enum
import json
import posixpath
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from readiness.core.paths import path_stem
from readiness.core.scan._source.code import all_paths, is_test, read, setting
from readiness.core.scan._source.grep import grep_literals, word_alternation
from readiness.core.scan.base import ScanContext

SKIP_DIRS = re.compile(r"(^|/)(node_modules|vendor|third_party|examples?|docs?|fixtures?|testdata|site-packages)/")
README_NAMES = ("README.md", "README.rst", "README.txt", "README", "README.markdown", "readme.md", "Readme.md",
                "README.MD")
_README_ORDER = ("md", "markdown", "mdown", "mkd", "rst", "adoc", "asciidoc", "org", "txt", "")
_ANY_README = re.compile(r"(?i)^readme(?:\.(?:" + "|".join(e for e in _README_ORDER if e) + r"))?$")
DOC_SUFFIXES = (".md", ".rst", ".txt", ".adoc", ".markdown", ".1", ".8")
_NOT_DOCS = re.compile(r"(?i)(^|/)(changelog|changes|history|news|license|licence|copying|authors|contributors|"
                       r"code_of_conduct|security|notice|requirements[^/]*)(\.[a-z]+)?$")


class EntryPointKind(enum.StrEnum):
    """How a project is started (what the project scanner found it from)."""

    CONSOLE_SCRIPT = "console-script"  # [project.scripts], setup.cfg/setup.py console_scripts, poetry scripts
    MODULE = "module"  # a `__main__.py`: `python -m pkg`
    BIN = "bin"  # package.json `bin`
    CARGO_BIN = "cargo-bin"  # Cargo.toml `[[bin]]` or src/main.rs
    GO_COMMAND = "go-command"  # cmd/<name>/main.go
    SUB_COMMAND = "sub-command"  # a CLI sub-command declared in code (sub_commands.py)


@dataclass(frozen=True, slots=True)
class EntryPoint:
    name: str  # what a user types: `readiness`, `python -m pkg`
    kind: EntryPointKind
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
    tail = "/" + name
    return [p for p in all_paths(ctx) if (p == name or p.endswith(tail)) and not is_test(ctx, p)
            and not SKIP_DIRS.search(p)]


def _toml_files(ctx: ScanContext, name: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, text, data) of each declaring file of that name that parses as TOML."""
    for path in _declaring_files(ctx, name):
        text = read(ctx, path) or ""
        try:
            yield path, text, tomllib.loads(text)
        except (tomllib.TOMLDecodeError, ValueError, RecursionError):  # RecursionError: hostile nesting
            continue


def entry_points(ctx: ScanContext) -> list[EntryPoint]:
    """Console scripts and other ways the project is started, from its packaging metadata and layout."""
    return ctx.cached("project:entry-points", lambda: _entry_points(ctx))


def _entry_points(ctx: ScanContext) -> list[EntryPoint]:
    found: list[EntryPoint] = []
    for path, text, data in _toml_files(ctx, "pyproject.toml"):
        project = data.get("project", {}) if isinstance(data.get("project"), dict) else {}
        poetry = data.get("tool", {}).get("poetry", {}) if isinstance(data.get("tool"), dict) else {}
        for header, table in (("[project.scripts]", project.get("scripts")),
                              ("[project.gui-scripts]", project.get("gui-scripts")),
                              ("[tool.poetry.scripts]", poetry.get("scripts"))):
            if isinstance(table, dict):
                for name, target in table.items():
                    line, snippet = _line_of(text, name, header)
                    found.append(EntryPoint(name, EntryPointKind.CONSOLE_SCRIPT, path, line, str(target), snippet))
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
                found.append(EntryPoint(name.strip(), EntryPointKind.CONSOLE_SCRIPT, path, line, target.strip(), snippet))
    for path in _declaring_files(ctx, "setup.py"):
        text = read(ctx, path) or ""
        if "console_scripts" in text:
            for match in re.finditer(r"""['"]\s*([\w.-]+)\s*=\s*([\w.]+(?::[\w.]+)?)\s*['"]""", text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(EntryPoint(match.group(1), EntryPointKind.CONSOLE_SCRIPT, path, line, match.group(2),
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
                found.append(EntryPoint(name, EntryPointKind.BIN, path, line, str(target), snippet))
    for path, text, data in _toml_files(ctx, "Cargo.toml"):
        crate = posixpath.dirname(path)
        for entry in data.get("bin", []) if isinstance(data.get("bin"), list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                line, snippet = _line_of(text, entry["name"])
                found.append(EntryPoint(entry["name"], EntryPointKind.CARGO_BIN, path, line, entry.get("path", ""), snippet))
        package = data.get("package", {}) if isinstance(data.get("package"), dict) else {}
        main_rs = posixpath.join(crate, "src/main.rs") if crate else "src/main.rs"
        if main_rs in set(all_paths(ctx)) and isinstance(package.get("name"), str):
            line, snippet = _line_of(text, "name")
            found.append(EntryPoint(package["name"], EntryPointKind.CARGO_BIN, path, line, main_rs, snippet))
    paths = all_paths(ctx)
    for path in paths:
        if is_test(ctx, path) or SKIP_DIRS.search(path):
            continue
        if path.endswith("/__main__.py"):
            module = path[:-len("/__main__.py")].replace("/", ".")
            for root in setting(ctx, "source_roots") or ():
                if module.startswith(root.strip("/").replace("/", ".") + "."):
                    module = module[len(root.strip("/")) + 1:]
            found.append(EntryPoint(f"python -m {module}", EntryPointKind.MODULE, path, None, module))
        go_main = re.match(r"^(?:.*/)?cmd/([\w.-]+)/main\.go$", path)
        if go_main:
            found.append(EntryPoint(go_main.group(1), EntryPointKind.GO_COMMAND, path, None, posixpath.dirname(path)))
    return found


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
    others = sorted((p for p in paths if "/" not in p and p not in README_NAMES and _ANY_README.match(p)),
                    key=lambda p: (_README_ORDER.index(p.partition(".")[2].lower()), p))  # `Readme.markdown`
    for name in (configured, *README_NAMES, *others):
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


_SEPARATORS = re.compile(r"[-_.]+")


def stem_words(path: str) -> str:
    return _SEPARATORS.sub(" ", path_stem(path).lower())
