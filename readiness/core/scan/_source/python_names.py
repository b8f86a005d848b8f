"""Python evidence for the test index that is not an import: a test naming a module's dotted path, one of its
distinctive public names or its distinctive file name, or running it by name (a plugin or command a framework
loads by its file name). A mixin of the index builder (`test_index._Builder`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from readiness.core.scan._source.code import GENERIC_STEMS, read
from readiness.core.scan._source.definitions import python_definitions
from readiness.core.scan._source.grep import grep_literals, word_alternation

if TYPE_CHECKING:
    from readiness.core.scan.base import ScanContext, SourceFile

_NAME_CHUNK = 60  # alternatives per pattern
# CamelCase with two humps and 8+ characters, or snake_case with 8+ characters: names unlikely to collide.
DISTINCTIVE = re.compile(r"^(?:[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)$")


# A folder whose modules a framework discovers and loads by file name (commands, plugins, template tags, hooks...).
_LOADED_BY_NAME = re.compile(r"(?:^|/)\w*(?:commands|plugins|tags|hooks|callbacks|handlers|extensions)/(\w+)\.py$")
# A call that runs something by name (`call_command(`, `run_cli(`, `invoke(`, `execute_from_command_line(`).
_INVOKES = re.compile(r"(?i)\w*(?:command|invoke|run|exec|call|cli)\w*\s*\(")


def called_stem(stem: str) -> bool:
    """Whether a Python module's file name is looked for as a unit run by name (`_called_by_name`)."""
    return len(stem) >= 4 and stem.lower() not in GENERIC_STEMS and stem.isidentifier()


def asked_stem(path: str) -> bool:
    """Whether any question of the index looks for a Python module's file name in the tests (as a distinctive
    name, as a unit run by name, or as a unit a framework loads by name); a generic one (`models`, `utils`) outside
    such a folder never is."""
    stem = PurePosixPath(path).stem
    return DISTINCTIVE.match(stem) is not None or called_stem(stem) or _LOADED_BY_NAME.search(path) is not None


class PythonNameEvidence:
    """Methods of the index builder that find Python tests by name (see `test_index._Builder` for the state)."""

    # Builder state shared by the mixins (set by `test_index._Builder.__init__`).
    ctx: ScanContext
    paths: list[str]
    tests: list[str]
    found: dict[str, set[str]]

    if TYPE_CHECKING:
        def _modules(self) -> dict[str, str]: ...

        def module_names(self, path: str) -> list[str]: ...

        def _pending(self, languages: Iterable[str] | None = None) -> list[SourceFile]: ...

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
            if DISTINCTIVE.match(stem):
                stems[stem].add(source.path)
            for definition in python_definitions(source, ends=False):  # names only: no body ends needed
                if definition.public and definition.kind != "method" and DISTINCTIVE.match(definition.name):
                    owners[definition.name].add(source.path)
        self._mention(self._unique_definitions(owners), owners, py_tests, r"(?<![\w.])")
        self._mention(sorted(stems), stems, self.tests, r"(?<!\w)")  # `pkg.plugins.async_status:` counts
        self._called_by_name()

    def _called_by_name(self) -> None:
        """Plugins invoked by name from test YAML, scripts or templates: a YAML task key (`sysvinit:`), a qualified
        name whose last namespace part is one of the file's folders (`tool.lookup.config` for plugins/lookup/config.py;
        not `db.models.sql.compiler` for backends/mysql/compiler.py), a fully qualified `<package>.<namespace>.<name>`
        whose package is one of the file's folders (`tool.core.apt` for lib/tool/modules/apt.py), or a setting named
        after the plugin's kind set to its name (`TOOL_STDOUT_CALLBACK=oneline` for callback/oneline.py)."""
        wanted: dict[str, list[str]] = defaultdict(list)
        for source in self._pending(["python"]):
            stem = PurePosixPath(source.path).stem
            if called_stem(stem):
                wanted[stem].append(source.path)
        if not wanted:
            return
        for test, _, text in grep_literals(self.ctx, sorted(wanted), self.tests):
            for stem, paths in wanted.items():
                if stem not in text:
                    continue
                key = test.endswith((".yml", ".yaml")) and re.match(rf"^\s*(?:-\s*)?{stem}:\s*(?:#.*)?$", text)
                namespaces = re.findall(rf"(?<![\w.])(?:\w+\.)*(\w+)\.{stem}(?!\w)", text)
                packages = re.findall(rf"(?<![\w.])(\w+)\.\w+\.{stem}(?![\w.])", text)
                for path in paths:
                    folders = set(path.split("/")[:-1])
                    qualified = any(m in folders for m in namespaces) or any(p in folders for p in packages)
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

    # 5b. units a framework loads by their file name
    def _by_name(self) -> None:
        """A module in a folder of units loaded by name (`.../commands/`, `.../plugins/`, `.../templatetags/`,
        `.../hooks/`...) is exercised by a test that quotes its name (`run_command("rebuild")`) and invokes
        something by name, or loads it in a template (`{% load shop_tags %}`)."""
        wanted: dict[str, list[str]] = defaultdict(list)
        for source in self._pending(["python"]):
            match = _LOADED_BY_NAME.search(source.path)
            if match is not None:
                wanted[match.group(1)].append(source.path)
        if not wanted:
            return
        for test, _, text in grep_literals(self.ctx, wanted, self.tests):
            for name, paths in wanted.items():
                if name not in text:
                    continue
                quoted = re.search(rf"""["']{re.escape(name)}["']""", text) is not None
                loaded = re.search(rf"\bload\s[\w\s]*\b{re.escape(name)}\b", text) is not None
                if loaded or (quoted and _INVOKES.search(read(self.ctx, test) or "")):
                    for path in paths:
                        self.found[path].add(test)
