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

from readiness.core.scan._source.code import (
    GENERIC_STEMS,
    grep_literals,
    python_definitions,
    python_module_names,
    read,
    word_alternation,
)
from readiness.core.scan.base import SourceFile

_NAME_CHUNK = 60  # alternatives per pattern
_TARGETED_MAX = 40  # up to this many Python files in scope, grep only the import lines that can reach them
_IMPORT_LINE = re.compile(r"^\s*(?:from\s+[.\w]+\s+import|import\s+\w)")
_IMPORT_STMT = re.compile(r"^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]*(\([^)]*\)|(?:[^\n\\]|\\\n)*)|"
                          r"import[ \t]+([^\n;#]+))", re.M)
_DEFINES = re.compile(r"^(?:(?:async[ \t]+)?def|class)[ \t]+(\w+)|^(\w+)[ \t]*[:=]", re.M)
# CamelCase with two humps and 8+ characters, or snake_case with 8+ characters: names unlikely to collide.
_DISTINCTIVE = re.compile(r"^(?:[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)$")
_BY_NAME = re.compile(r"(?:^|/)(management/commands|templatetags)/(\w+)\.py$")
_COMMAND_RUNNER = re.compile(r"call_command|run_django_admin|run_manage|execute_from_command_line|ManagementUtility")


class PythonEvidence:
    """Methods of the index builder that find Python tests (see `_test_index._Builder` for the state)."""

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

    def _dotted(self, py_tests: list[str]) -> None:
        """A test naming the module's dotted path: `mock.patch("pkg.mod.thing")`, `pkg.mod.func()`."""
        modules = self._modules()
        pending = self._pending(["python"])
        names = {n: s.path for s in pending for n in self.module_names(s.path)
                 if "." in n and modules.get(n) == s.path}
        ordered = sorted(names)
        for start in range(0, len(ordered), _NAME_CHUNK):
            chunk = ordered[start:start + _NAME_CHUNK]
            regex = re.compile(r"(?<![\w.])(" + word_alternation(chunk) + r")(?!\w)")
            for test, _, text in grep_literals(self.ctx, chunk, py_tests, regex):
                for match in regex.finditer(text):
                    self.found[names[match.group(1)]].add(test)

    def _distinctive_names(self, py_tests: list[str]) -> None:
        """A test naming one of the module's distinctive public classes or functions (`RefundProcessor`,
        `partial_refund_amount`), or, in any test file (YAML tasks included), its distinctive file name
        (`async_status`): it is exercised through a re-export, a factory or by name even if never imported."""
        owners: dict[str, set[str]] = defaultdict(set)
        stems: dict[str, set[str]] = defaultdict(set)
        for source in self._pending(["python"]):
            stem = PurePosixPath(source.path).stem
            if _DISTINCTIVE.match(stem):
                stems[stem].add(source.path)
            for definition in python_definitions(source):
                if definition.public and definition.kind != "method" and _DISTINCTIVE.match(definition.name):
                    owners[definition.name].add(source.path)
        self._mention(self._unique_definitions(owners), owners, py_tests, r"(?<![\w.])")
        self._mention(sorted(stems), stems, self.tests, r"(?<!\w)")  # `ansible.builtin.async_status:` counts
        self._called_by_name()

    def _called_by_name(self) -> None:
        """Plugins invoked by name from test YAML, scripts or templates: a YAML task key (`sysvinit:`), a qualified
        name whose last namespace part is one of the file's folders (`ansible._protomatter.origin`,
        `ansible.builtin.apt`; not `db.models.sql.compiler` for backends/mysql/compiler.py), or a setting named after
        the plugin's kind set to its name (`ANSIBLE_STDOUT_CALLBACK=oneline` for callback/oneline.py)."""
        wanted: dict[str, list[str]] = defaultdict(list)
        for source in self._pending(["python"]):
            stem = PurePosixPath(source.path).stem
            if len(stem) >= 4 and stem.lower() not in GENERIC_STEMS and stem.isidentifier():
                wanted[stem].append(source.path)
        if not wanted:
            return
        for test, _, text in grep_literals(self.ctx, sorted(wanted), self.tests):
            for stem, paths in wanted.items():
                if stem not in text:
                    continue
                key = test.endswith((".yml", ".yaml")) and re.match(rf"^\s*(?:-\s*)?{stem}:\s*(?:#.*)?$", text)
                for path in paths:
                    folders = set(path.split("/")[:-1]) | {"builtin"}
                    qualified = any(m in folders for m in re.findall(rf"(?<![\w.])(?:\w+\.)*(\w+)\.{stem}(?!\w)", text))
                    kind = re.escape(PurePosixPath(path).parent.name)
                    configured = len(kind) >= 4 and re.search(
                        rf"(?i)\w*{kind}\w*['\"]?\s*[=:]\s*['\"]?{stem}(?![\w-])", text) is not None
                    if key or qualified or configured:
                        self.found[path].add(test)

    def _unique_definitions(self, owners: dict[str, set[str]]) -> list[str]:
        """The names defined (`def`/`class`) in exactly one non-test file of the whole repository: a test naming
        one of them can only mean that file."""
        names = [n for n, paths in owners.items() if len(paths) == 1]
        if not names:
            return []
        tests = set(self.tests)
        sources = [p for p in self.paths if p.endswith(".py") and p not in tests]
        regex = re.compile(r"^\s*(?:async\s+)?(?:def|class)\s+(" + word_alternation(names) + r")\b")
        defined: dict[str, set[str]] = defaultdict(set)
        for path, _, text in grep_literals(self.ctx, [f"{kind} {n}" for n in names for kind in ("def", "class")],
                                           sources, regex):
            match = regex.match(text)
            if match:
                defined[match.group(1)].add(path)
        return sorted(n for n in names if len(defined.get(n, ())) <= 1)

    def _mention(self, words: list[str], owners: dict[str, set[str]], tests: list[str], before: str) -> None:
        for start in range(0, len(words), _NAME_CHUNK):
            chunk = words[start:start + _NAME_CHUNK]
            regex = re.compile(before + "(" + word_alternation(chunk) + r")(?!\w)")
            for test, _, text in grep_literals(self.ctx, chunk, tests, regex):
                for match in regex.finditer(text):
                    for path in owners[match.group(1)]:
                        self.found[path].add(test)

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
        for module, names, aliases in import_statements(text):
            absolute = resolve_relative(module, package)
            if not absolute:
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
                pattern = re.compile(r"(?<![\w.])" + re.escape(alias) + r"((?:\.\w+)+)")
                for chain in set(pattern.findall(text)):
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
        names = self.module_names(path)
        if not names:
            return None
        return names[0] if path.endswith("__init__.py") else names[0].rpartition(".")[0]

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

    # 5b. units loaded by name: Django management commands (`call_command("x")`) and template tag libraries
    def _by_name(self) -> None:
        wanted: dict[str, list[tuple[str, re.Pattern[str]]]] = defaultdict(list)
        for source in self._pending(["python"]):
            match = _BY_NAME.search(source.path)
            if match is None:
                continue
            name = match.group(2)
            if match.group(1) == "management/commands":
                confirm = re.compile(rf"""["']{re.escape(name)}["']""")
            else:
                confirm = re.compile(rf"\bload\s[\w\s]*\b{re.escape(name)}\b")
            wanted[name].append((source.path, confirm))
        if not wanted:
            return
        for test, _, text in grep_literals(self.ctx, wanted, self.tests):
            for name, subjects in wanted.items():
                if name not in text:
                    continue
                for path, confirm in subjects:
                    if confirm.search(text) and (path.find("templatetags/") >= 0 or _COMMAND_RUNNER.search(
                            read(self.ctx, test) or "")):
                        self.found[path].add(test)


def import_statements(text: str) -> list[tuple[str, list[str] | None, tuple[str, ...]]]:
    """Import statements of Python text, one regex pass: (module, names, ()) for `from module import names`, and
    (module, None, (alias,)) for each module of `import a.b as c, d` (the alias is the module itself if none)."""
    out: list[tuple[str, list[str] | None, tuple[str, ...]]] = []
    for match in _IMPORT_STMT.finditer(text):
        module, names, plain = match.groups()
        if plain is not None:
            for item in plain.split(","):
                name, _, alias = item.strip().partition(" as ")
                name = name.strip()
                if name and all(p.isidentifier() for p in name.split(".")):
                    out.append((name, None, (alias.strip() or name,)))
            continue
        body = names.strip().strip("()").replace("\\\n", " ")
        body = re.sub(r"#[^\n]*", "", body)
        items = [" ".join(item.split()) for item in body.split(",")]
        out.append((module, [i for i in items if i and (i == "*" or i.split(" as ")[0].isidentifier())], ()))
    return out


def parse_imports(text: str) -> list[tuple[str, list[str] | None]]:
    """Import statements of Python text: (module, imported names) for `from`, (module, None) for `import`."""
    return [(module, names) for module, names, _ in import_statements(text)]


def _is_private(source: SourceFile) -> bool:
    stem = PurePosixPath(source.path).stem
    if stem.startswith("_") and not stem.startswith("__"):
        return True
    top = [d for d in python_definitions(source) if d.kind != "method"]
    return bool(top) and not any(d.public for d in top)


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
