"""Which test files exercise which source files: built once per run (`ctx.cached`) for the source files in scope.

A source file is exercised by, in this order of evidence:
1. tests inside the file itself (Rust `#[cfg(test)]`);
2. a test file named after it (`test_<stem>*.py`, `<stem>_test.go`, `<Stem>Test.java`, `<stem>.spec.ts`, ...) at
   or above its place in the tree (test roots like `tests/` and layout folders like `src/main/java` are ignored
   when comparing places), or a folder named after it under a test root (`test/integration/targets/<stem>/`);
3. Python: a test file that imports it, directly (`import pkg.mod`, `from pkg import mod`, relative imports) or by
   importing a name that a package's `__init__.py` re-exports from it, or that names its dotted path
   (`mock.patch("pkg.mod.thing")`);
4. JavaScript/TypeScript: a test file importing or requiring its path (`../src/foo`);
5. Go: a `_test.go` file in the same package directory;
6. other languages: a test file of the same language family naming its class or module (`Foo`, `#include "foo.h"`).

Test files are found by the configured `test_globs`; their contents are searched with `git grep` (never read
whole, except the few Python test files with multi-line imports), so the index costs a handful of git calls.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from readiness.core.paths import path_stem, split_path
from readiness.core.scan._source.code import GENERIC_STEMS, all_paths, family, needs_test, setting, test_paths
from readiness.core.scan._source.grep import grep_literals, word_alternation
from readiness.core.scan._source.imports import ImportStatement
from readiness.core.scan._source.python_index import PythonEvidence
from readiness.core.scan.base import ScanContext, SourceFile

LAYOUT_DIRS = frozenset({"src", "lib", "main", "java", "kotlin", "scala", "groovy", "python", "source", "sources"})
_NAME_CHUNK = 60  # alternatives per pattern
_JS_EXTS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
_JS_SPEC = re.compile(r"""['"](\.{1,2}/[^'"]+)['"]""")
_JS_IMPORT_LINE = re.compile(r"""(?:from|import|require|mock)\s*\(?\s*['"`]\.\.?/""")
_JS_RELATIVE = ("'./", '"./', "'../", '"../', "`./", "`../")
_RUST_INLINE = re.compile(r"#\[cfg\(test\)\]|#\[test\]")


_TEST_PREFIX = re.compile(r"(?i)^tests?_(.+)$")
_UNIT_FORMS = (re.compile(r"^(.+?)_(?:test|tests|spec|unittest|suite)$"),
               re.compile(r"^(.+?)(?:Test|Tests|IT|Spec|Suite|TestCase)$"), re.compile(r"^Test([A-Z]\w*)$"))


def unit_names(test_path: str, test_roots: frozenset[str]) -> set[str]:
    """Lower-cased names of the units a test file's name says it tests."""
    folders, _, suffix = split_path(test_path)
    parts = test_path.rpartition("/")[2].split(".")
    base = parts[0]
    names: set[str] = set()
    if len(parts) >= 3 and parts[1].lower() in ("test", "spec", "tests", "e2e"):
        names.add(base)
    match = _TEST_PREFIX.match(base)
    if match:
        rest = match.group(1).split("__")[0]
        pieces = rest.split("_")
        names.update("_".join(pieces[:i]) for i in range(1, len(pieces) + 1))
    for pattern in _UNIT_FORMS:
        match = pattern.match(base)
        if match:
            names.add(match.group(1))
    parent = folders[-1] if folders else ""
    if parent == "__tests__" or (suffix == ".rs" and parent in test_roots):
        names.add(base)
    return {n.lower() for n in names if n}


_TEST_DIR = re.compile(r"(?i)(?:^|[_.-])(?:tests?|specs?)(?:$|[_.-])")


def is_test_dir(part: str, test_roots: frozenset[str]) -> bool:
    """A folder that holds tests: a configured test root, or a name like `js_tests`, `unit-tests`, `test.d`."""
    return part in test_roots or _TEST_DIR.search(part) is not None


def _folder_keys(folder: str) -> set[str]:
    """Unit names a folder under a test root stands for: `apt`, `test_apt`, `apt_tests`, and the tail after a
    prefix (`lookup_csvfile` -> `csvfile`, `module_utils_Ansible.Basic` -> `ansible.basic`)."""
    name = re.sub(r"(?i)^tests?_|_tests?$", "", folder).lower()
    keys = {name}
    for index, char in enumerate(name):
        if char in "_-" and index + 1 < len(name):
            keys.add(name[index + 1:])
    return keys


def _test_anchor(path: str, test_roots: frozenset[str], layout: frozenset[str]) -> tuple[str, ...]:
    parts = path.split("/")[:-1]
    for index, part in enumerate(parts):
        if is_test_dir(part, test_roots):
            parts = parts[:index]
            break
    return tuple(p for p in parts if p not in layout)


def _source_anchor(path: str, layout: frozenset[str]) -> tuple[str, ...]:
    return tuple(p for p in path.split("/")[:-1] if p not in layout)


@dataclass
class TestIndex:
    tests: list[str]
    tests_for: dict[str, set[str]] = field(default_factory=dict)  # subject path -> exercising test files
    subjects: list[SourceFile] = field(default_factory=list)  # in-scope source files that need tests

    def exercised(self, path: str) -> bool:
        return bool(self.tests_for.get(path))

    def tests_of(self, paths: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for path in paths:
            out |= self.tests_for.get(path, set())
        return out


def test_index(ctx: ScanContext) -> TestIndex:
    return ctx.cached("missing-test:index", lambda: _Builder(ctx).build())


class _Builder(PythonEvidence):
    def __init__(self, ctx: ScanContext) -> None:
        self.ctx = ctx
        self.paths = all_paths(ctx)
        self.path_set = frozenset(self.paths)
        tests = test_paths(ctx)
        self.tests = [p for p in self.paths if p in tests]
        self.test_roots = frozenset(setting(ctx, "test_roots") or ()) | {"__tests__"}
        self.source_roots = tuple(setting(ctx, "source_roots") or ())
        self.layout = LAYOUT_DIRS | {r.strip("/").split("/")[-1] for r in self.source_roots}
        self.subjects = [s for s in ctx.files if needs_test(ctx, s)]
        self.found: dict[str, set[str]] = {s.path: set() for s in self.subjects}
        self.module_files: dict[str, str] | None = None
        self.by_module: dict[str, set[str]] = defaultdict(set)
        self.exports: dict[str, tuple[dict[str, tuple[str, str | None]], list[str]]] = {}
        self.names_cache: dict[str, list[str]] = {}
        self.attribute_users: dict[str, set[tuple[str, str]]] = {}
        self.statements: dict[str, list[ImportStatement]] = {}

    def build(self) -> TestIndex:
        if self.subjects:
            self._inline()
            self._naming()
            self._python()
            self._javascript()
            self._go()
            self._by_name()
            self._words()
            if self.ctx.scope == "all":
                self._package_importers()
        return TestIndex(self.tests, self.found, self.subjects)

    def _pending(self, languages: Iterable[str] | None = None) -> list[SourceFile]:
        langs = set(languages) if languages is not None else None
        return [s for s in self.subjects if not self.found[s.path] and (langs is None or s.language in langs)]

    # 1. tests in the file itself
    def _inline(self) -> None:
        for source in self.subjects:
            if source.language == "rust" and _RUST_INLINE.search(source.text):
                self.found[source.path].add(source.path)

    # 2. naming convention and folders named after the unit
    def _naming(self) -> None:
        by_unit: dict[str, list[str]] = defaultdict(list)
        by_folder: dict[str, set[str]] = defaultdict(set)
        for test in self.tests:
            for name in unit_names(test, self.test_roots):
                by_unit[name].append(test)
            parts = test.split("/")[:-1]
            under_root = False
            for part in parts:
                if under_root:
                    for key in _folder_keys(part):
                        by_folder[key].add(test)
                under_root = under_root or is_test_dir(part, self.test_roots)
        for source in self.subjects:
            folders, stem, _ = split_path(source.path)
            stem = stem.lower()
            anchor = _source_anchor(source.path, self.layout)
            fam = family(source.path)
            cross = stem not in GENERIC_STEMS and len(stem) >= 5  # browser tests in Python for a JS file...
            for test in by_unit.get(stem, ()):
                if (family(test) == fam or cross) and self._related(test, anchor):
                    self.found[source.path].add(test)
            keys = [f"{(folders[-1] if folders else '').lower()}_{stem.lstrip('_')}"]  # `lookup_config/` for plugins/lookup/config.py
            if stem not in GENERIC_STEMS and len(stem) >= 3:
                keys.append(stem)
            for key in keys:
                for test in sorted(by_folder.get(key, ()))[:50]:
                    if self._related(test, anchor):
                        self.found[source.path].add(test)

    def _related(self, test: str, source_anchor: tuple[str, ...]) -> bool:
        test_anchor = _test_anchor(test, self.test_roots, self.layout)
        return source_anchor[:len(test_anchor)] == test_anchor

    # 3. Python import graph
    # 4. JavaScript / TypeScript relative imports
    def _javascript(self) -> None:
        subjects = {s.path for s in self.subjects if s.language in ("javascript", "typescript")}
        js_tests = [t for t in self.tests if family(t) == "js"]
        if not subjects or not js_tests:
            return
        for test, _, text in grep_literals(self.ctx, _JS_RELATIVE, js_tests, _JS_IMPORT_LINE):
            for spec in _JS_SPEC.findall(text):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(test), spec))
                for candidate in _js_candidates(target):
                    if candidate in subjects:
                        self.found[candidate].add(test)
                        break

    # 5. Go package tests
    def _go(self) -> None:
        by_dir: dict[str, list[str]] = defaultdict(list)
        for test in self.tests:
            if test.endswith("_test.go"):
                by_dir[posixpath.dirname(test)].append(test)
        for source in self.subjects:
            if source.language == "go":
                self.found[source.path].update(by_dir.get(posixpath.dirname(source.path), ()))

    # 6. other languages: a test of the same family names the unit
    def _words(self) -> None:
        pending = [s for s in self._pending() if s.language not in ("python", "go")]
        stems: dict[tuple[str | None, str], list[str]] = defaultdict(list)
        for source in pending:
            stem = path_stem(source.path)
            if stem.lower() in GENERIC_STEMS or len(stem) < 3 or not re.fullmatch(r"\w+", stem):
                continue
            fam = family(source.path)
            stems[(fam, stem)].append(source.path)
            if source.language == "ruby" and "_" in stem:
                stems[(fam, "".join(p.capitalize() for p in stem.split("_")))].append(source.path)
        families = {fam for fam, _ in stems}
        for fam in families:
            words = sorted({stem for f, stem in stems if f == fam})
            tests = [t for t in self.tests if family(t) == fam]
            for start in range(0, len(words), _NAME_CHUNK):
                chunk = words[start:start + _NAME_CHUNK]
                regex = re.compile(r"(?<!\w)(" + word_alternation(chunk) + r")(?!\w)")
                for test, _, text in grep_literals(self.ctx, chunk, tests, regex):
                    for match in regex.finditer(text):
                        for path in stems.get((fam, match.group(1)), ()):
                            self.found[path].add(test)


def _js_candidates(target: str) -> list[str]:
    out = [target]
    stem, ext = posixpath.splitext(target)
    if ext in (".js", ".mjs", ".cjs", ".jsx"):
        out.extend(stem + e for e in _JS_EXTS)
    out.extend(target + e for e in _JS_EXTS)
    out.extend(f"{target}/index{e}" for e in _JS_EXTS)
    return out


