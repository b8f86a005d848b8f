"""Python evidence for the test index: which test files import a module, directly, through a package's
re-exports, through attributes of an imported package, by dotted name, by a distinctive class or function name,
or through the tested module that imports a private helper. A mixin of the index builder (`_test_index`).

Test files are searched with `git grep` for plain literals (`import`, names) and the few lines found are parsed
in Python; only test files with multi-line imports are read whole.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from pathlib import PurePosixPath

from readiness.core.scan._source.code import read
from readiness.core.scan._source.definitions import iter_python_definitions
from readiness.core.scan._source.grep import grep_literals, word_alternation
from readiness.core.scan._source.imports import (
    ImportStatement,
    import_statements,
    package_of,
    parse_imports,
    python_module_names,
    resolve_relative,
)
from readiness.core.scan._source.python_names import PythonNameEvidence
from readiness.core.scan.base import SourceFile

_TARGETED_MAX = 40  # up to this many Python files in scope, grep only the import lines that can reach them
_IMPORT_LINE = re.compile(r"^\s*(?:from\s+[.\w]+\s+import|import\s+\w)")
_DEFINES = re.compile(r"^(?:(?:async[ \t]+)?def|class)[ \t]+(\w+)|^(\w+)[ \t]*[:=]", re.M)

class PythonEvidence(PythonNameEvidence):
    """Methods of the index builder that find Python tests (see `_test_index._Builder` for the state)."""

    # Builder state (set by `test_index._Builder.__init__`); `ctx`, `paths`, `tests`, `found` are declared on
    # `PythonNameEvidence`.
    path_set: frozenset[str]
    source_roots: tuple[str, ...]
    subjects: list[SourceFile]
    module_files: dict[str, str] | None
    by_module: dict[str, set[str]]
    exports: dict[str, tuple[dict[str, tuple[str, str | None]], list[str]]]
    names_cache: dict[str, list[str]]
    attribute_users: dict[str, set[tuple[str, str]]]
    inert: _Inert | None = None  # pull-request-sized scans: imports that cannot reach the modules asked about
    statements: dict[str, list[ImportStatement]]  # import statements parsed, by line (or file) text

    def module_names(self, path: str) -> list[str]:
        if path not in self.names_cache:
            self.names_cache[path] = python_module_names(path, self.path_set, self.source_roots)
        return self.names_cache[path]

    def _modules(self) -> dict[str, str]:
        if self.module_files is None:
            files: dict[str, str] = {}
            for path in self.paths:
                if path.endswith(".py"):
                    for name in self.module_names(path):
                        files.setdefault(name, path)
            self.module_files = files
        return self.module_files

    def _python(self) -> None:
        subjects = [s for s in self.subjects if s.language == "python"]
        py_tests = [t for t in self.tests if t.endswith(".py")]
        if not subjects or not py_tests:
            return
        importers = self._private_importers([s for s in subjects if _is_private(s)])
        extra = sorted({p for paths in importers.values() for p in paths})
        full_read: set[str] = set()
        pattern = self._import_pattern([s.path for s in subjects] + extra)
        targeted = pattern is not _IMPORT_LINE
        wanted = [self.module_names(p) for p in [s.path for s in subjects] + extra]
        self.inert = _Inert(self._modules(), {n for names in wanted for n in names}) if targeted else None
        previous = None
        for test, _, text in grep_literals(self.ctx, ["import"], py_tests, pattern):
            if targeted and test != previous and previous is not None and self._all_reached(wanted):
                break  # pull-request-sized scan: every subject already has a test importing it
            previous = test
            if text.count("(") > text.count(")") or text.rstrip().endswith("\\"):
                full_read.add(test)
                continue
            self._imports(test, text)
        for test in sorted(full_read):
            if targeted and self._all_reached(wanted):
                break
            self._imports(test, read(self.ctx, test) or "")
        self._attributes()
        self._apply_modules(subjects)
        self._propagate(importers)
        self._dotted(py_tests)
        self._distinctive_names(py_tests)

    def _all_reached(self, wanted: list[list[str]]) -> bool:
        return all(any(name in self.by_module for name in names) for names in wanted)

    def _apply_modules(self, subjects: list[SourceFile]) -> None:
        for source in subjects:
            for name in self.module_names(source.path):
                self.found[source.path] |= self.by_module.get(name, set())

    def _private_importers(self, private: list[SourceFile]) -> dict[str, set[str]]:
        """Non-test modules importing each private module (`_impl.py`, or one defining only `_names`): a private
        module is an implementation detail, exercised by the tests of the modules that use it."""
        return self._importers(private, same_package=False)

    def _importers(self, subjects: list[SourceFile], same_package: bool) -> dict[str, set[str]]:
        """Non-test Python modules importing each subject, by statement or by dotted name in quotes (with
        `same_package`, only from its own folder or an enclosing one)."""
        if not subjects:
            return {}
        stems: dict[str, list[str]] = defaultdict(list)
        for source in subjects:
            stems[PurePosixPath(source.path).stem].append(source.path)
        tests = set(self.tests)
        sources = [p for p in self.paths if p.endswith(".py") and p not in tests]
        out: dict[str, set[str]] = defaultdict(set)
        regex = re.compile(r"(?<!\w)(" + word_alternation(sorted(stems)) + r")(?!\w)")
        for importer, _, text in grep_literals(self.ctx, sorted(stems), sources, regex):
            package = self._package_of(importer)
            folder = posixpath.dirname(importer)
            # `import x` statements, and dotted names in quotes (`import_module("pkg.mod")`, `"pkg.mod.Class"`)
            statements = parse_imports(text) if "import" in text else []
            statements += [(name, None) for name in re.findall(r"""["']([\w.]+\.\w+)["']""", text)]
            for module, names in statements:
                absolute = resolve_relative(module, package)
                if absolute is None:
                    continue
                targets = {absolute, absolute.rpartition(".")[0],
                           *(f"{absolute}.{n.split(' as ')[0].strip()}" for n in names or ())}
                for stem in regex.findall(text):
                    for path in stems.get(stem, ()):
                        subject_folder = posixpath.dirname(path)
                        if path == importer or (same_package and not (
                                folder == subject_folder or subject_folder.startswith(folder + "/") or not folder)):
                            continue
                        if targets & set(self.module_names(path)):
                            out[path].add(importer)
        return out

    def _package_importers(self) -> None:
        """Whole-tree audits (`--all`) only: a module imported by a tested module of its own package is exercised
        by that module's tests (an implementation detail of tested code). Diff scans stay strict: new logic wants
        its own test."""
        self._propagate(self._importers(self._pending(["python"]), same_package=True))

    def _propagate(self, importers: dict[str, set[str]]) -> None:
        """Give each module the tests of a tested importer, until nothing changes (a private module used by a
        private module used by tested code is reached in a few rounds)."""
        for _ in range(6):
            changed = False
            for path, paths in importers.items():
                if self.found.get(path):
                    continue
                for importer in sorted(paths):
                    tests = set(self.found.get(importer, set()))
                    for name in self.module_names(importer):
                        tests |= self.by_module.get(name, set())
                    if tests:
                        self.found[path] |= tests
                        changed = True
                        break
            if not changed:
                return

    def _import_pattern(self, paths: list[str]) -> re.Pattern[str]:
        """All import lines for a large scope; for a pull-request-sized one, only the import lines that can reach
        the subjects: naming their module, their parent package (`from pkg import (`), a package whose
        `__init__.py` re-exports from them, or relative."""
        if len(paths) > _TARGETED_MAX:
            return _IMPORT_LINE
        words: set[str] = set()
        for path in paths:
            for name in self.module_names(path):
                words.add(name.rsplit(".", 1)[-1])
                parent = name.rpartition(".")[0]
                if "." in parent:
                    words.add(parent)
                words.update(self._reexporters(name))
        words.discard("__init__")
        if not words:
            return _IMPORT_LINE
        return re.compile(r"^\s*(?:from\s+\.|(?:from|import)\s.*(?<!\w)(?:" + word_alternation(sorted(words)) +
                          r")(?!\w))")

    def _reexporters(self, module: str) -> set[str]:
        """Ancestor packages whose `__init__.py` re-exports names from `module` (directly or through each other)."""
        modules = self._modules()
        found: set[str] = set()
        reached = {module}
        parts = module.split(".")
        for end in range(len(parts) - 1, 0, -1):
            package = ".".join(parts[:end])
            path = modules.get(package)
            if path is None or not path.endswith("__init__.py"):
                continue
            exports, stars = self._exports(package, path)
            if any(origin in reached for origin, _ in exports.values()) or any(star in reached for star in stars):
                found.add(package)
                reached.add(package)
        return found

    def _imports(self, test: str, text: str) -> None:
        package = self._package_of(test)
        modules = self._modules()
        statements = self.statements.get(text)
        if statements is None:  # the same import line in many test files is parsed once
            statements = self.statements[text] = import_statements(text)
        for module, names, aliases in statements:
            absolute = resolve_relative(module, package)
            if not absolute or (self.inert is not None and self.inert(absolute)):
                continue
            self._mark_import(absolute, names, test)
            if names is None:  # `import a.b as c`: c.thing(...) uses a.b's attributes
                if absolute in modules:
                    self.attribute_users.setdefault(test, set()).add((absolute, aliases[0]))
                continue
            for entry in names:  # `from a import b as c` where a.b is a module: c.thing(...)
                original, _, alias = entry.partition(" as ")
                full = f"{absolute}.{original.strip()}"
                if full in modules:
                    self.attribute_users.setdefault(test, set()).add((full, (alias or original).strip()))

    def _attributes(self) -> None:
        """`import pkg` then `pkg.thing(...)`: resolve the attributes a test uses on a package it imported."""
        modules = self._modules()
        for test, pairs in sorted(self.attribute_users.items()):
            text = read(self.ctx, test) or ""
            for module, alias in pairs:
                for chain in _chains(alias, text):
                    current = module
                    for part in chain.strip(".").split("."):
                        full = f"{current}.{part}"
                        if full in modules:
                            self._mark_module(full, test)
                            current = full
                            continue
                        self._resolve_name(current, part, test, 0)
                        break

    def _package_of(self, path: str) -> str | None:
        return package_of(path, self.module_names(path))

    def _mark_module(self, name: str, test: str) -> None:
        parts = name.split(".")
        for end in range(len(parts), 0, -1):
            self.by_module[".".join(parts[:end])].add(test)

    def _mark_import(self, module: str, names: list[str] | None, test: str) -> None:
        self._mark_module(module, test)
        for name in names or ():
            if name != "*":
                self._resolve_name(module, name.split(" as ")[0].strip(), test, 0)

    def _resolve_name(self, module: str, name: str, test: str, depth: int) -> None:
        modules = self._modules()
        full = f"{module}.{name}"
        if full in modules:
            self._mark_module(full, test)
            return
        path = modules.get(module)
        if depth > 8 or path is None:
            return
        if not path.endswith("__init__.py"):
            return
        exports, stars = self._exports(module, path)
        if name in exports:
            origin, original = exports[name]
            self._mark_module(origin, test)
            if original:
                self._resolve_name(origin, original, test, depth + 1)
            return
        for star in stars:
            star_path = modules.get(star)
            if star_path is None:
                continue
            if star_path.endswith("__init__.py") or self._defines(star_path, name):
                before = len(self.by_module.get(star, ()))
                if not star_path.endswith("__init__.py"):
                    self._mark_module(star, test)
                    return
                self._resolve_name(star, name, test, depth + 1)
                if len(self.by_module.get(star, ())) > before:
                    return

    def _exports(self, module: str, path: str) -> tuple[dict[str, tuple[str, str | None]], list[str]]:
        if module not in self.exports:
            exports: dict[str, tuple[str, str | None]] = {}
            stars: list[str] = []
            for origin, names in parse_imports(read(self.ctx, path) or ""):
                absolute = resolve_relative(origin, module)
                if absolute is None or names is None:
                    continue
                for entry in names:
                    if entry == "*":
                        stars.append(absolute)
                    else:
                        original, _, alias = entry.partition(" as ")
                        exports[(alias or original).strip()] = (absolute, original.strip())
            self.exports[module] = (exports, stars)
        return self.exports[module]

    def _defines(self, path: str, name: str) -> bool:
        """Whether a plain module defines `name` at its top level (def, class, assignment, import)."""
        key = f"defines:{path}"
        names = self.ctx.cache.get(key)
        if names is None:
            text = read(self.ctx, path) or ""
            names = {a or b for a, b in _DEFINES.findall(text)}
            for _, imported in parse_imports(text):
                names.update(i.split(" as ")[-1].strip() for i in imported or ())
            self.ctx.cache[key] = names
        return name in names

class _Inert:
    """Whether an import of `module` can tell nothing about the modules asked about (`wanted`): it is a plain
    module of the repository (not a package: no re-exports, no submodules) that is none of them, inside none of
    them and contains none of them. Marking it, its names or its attributes only marks `module` and its parents,
    which no question reads; skipping it leaves every answer as it was."""

    def __init__(self, modules: dict[str, str], wanted: set[str]) -> None:
        self.modules = modules
        self.parents = {name.rpartition(".")[0] for name in modules}
        self.wanted = wanted
        self.prefixes = {n.rsplit(".", i)[0] for n in wanted for i in range(n.count(".") + 1)}  # wanted and parents

    def __call__(self, module: str) -> bool:
        path = self.modules.get(module)
        if path is None or path.endswith("__init__.py") or module in self.parents or module in self.prefixes:
            return False
        parts = module.split(".")
        return not any(".".join(parts[:end]) in self.wanted for end in range(1, len(parts)))


_WORD_OR_DOT = re.compile(r"[\w.]")
_CHAIN = re.compile(r"(?:\.\w+)+")


def _chains(alias: str, text: str) -> set[str]:
    r"""The attribute chains used on `alias` (`alias.a.b` -> `.a.b`), not preceded by a word character or a dot:
    what `re.findall(r"(?<![\w.])" + alias + r"((?:\.\w+)+)", text)` finds, 15x faster on a large test file.

    `str.find` jumps from one occurrence of the alias to the next (no pattern to compile per alias), the chain is
    matched right after it and the look-behind checked on the one character before. Like the pattern, a match
    resumes after its chain and a failed one at the next character; no match is lost by skipping a chain, since
    every position inside it is preceded by a word character or a dot."""
    found: set[str] = set()
    size = len(alias)
    start = text.find(alias)
    while start != -1:
        chain = _CHAIN.match(text, start + size)
        if chain is None:
            start = text.find(alias, start + 1)
            continue
        if start == 0 or _WORD_OR_DOT.match(text, start - 1) is None:
            found.add(chain.group())
        start = text.find(alias, chain.end())
    return found


def _is_private(source: SourceFile) -> bool:
    stem = PurePosixPath(source.path).stem
    if stem.startswith("_") and not stem.startswith("__"):
        return True
    defines = False  # private: it defines functions or classes, none of them public
    for definition in iter_python_definitions(source, ends=False):
        if definition.kind != "method":
            if definition.public:
                return False  # the first public one answers: the rest of the file is not read
            defines = True
    return defines
