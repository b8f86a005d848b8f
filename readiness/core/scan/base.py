"""The scanner framework: rules, the per-run scan context, and the Scanner protocol.

Files are read and decoded once per run by the context; every scanner receives the same `SourceFile`
objects. Scanners yield `RawFinding`s; `readiness.core.scan.scanners.run` turns them into `Finding`s (scope
filtering, severity overrides, waivers, fingerprints).
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from readiness.core import paths
from readiness.core.models import Severity

_T = TypeVar("_T")

LANGUAGES = {
    ".py": "python",
    ".pyw": "python",
    ".pyi": "python-stub",
    ".java": "java",
    ".kt": "kotlin",
    ".kts": "kotlin",
    ".scala": "scala",
    ".sc": "scala",
    ".cs": "csharp",
    ".go": "go",
    ".rs": "rust",
    ".js": "javascript",
    ".jsx": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".ts": "typescript",
    ".tsx": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".swift": "swift",
    ".c": "c",
    ".h": "c",
    ".cc": "cpp",
    ".cpp": "cpp",
    ".cxx": "cpp",
    ".hpp": "cpp",
    ".hh": "cpp",
    ".hxx": "cpp",
    ".rb": "ruby",
    ".php": "php",
    ".sh": "shell",
    ".bash": "shell",
    ".md": "markdown",
    ".toml": "toml",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
}

SOURCE_LANGUAGES = frozenset(
    {"python", "java", "kotlin", "scala", "csharp", "go", "rust", "javascript", "typescript", "swift", "c", "cpp",
     "ruby", "php", "shell"}
)


def language_of(path: str) -> str | None:
    return LANGUAGES.get(paths.path_suffix(path).lower())


def matches_any(path: str, globs: Iterable[str]) -> bool:
    """Whether a repository-relative path matches the patterns: gitignore semantics (`readiness.core.paths`)."""
    return paths.matches_any(path, globs)


@dataclass(frozen=True, slots=True)
class Rule:
    """A stable, namespaced rule id (`todo-throw/python-stub`) with the text shown by `--explain` and the TUI."""

    id: str
    category: str
    severity: Severity
    title: str
    what: str
    why: str
    fix: str
    example: str = ""


def _split_lines(text: str) -> list[str]:
    """`text` split on \\n, a trailing \\r removed from each line; without any \\r, one split at C speed."""
    parts = text.split("\n")
    if "\r" not in text:
        return parts
    return [line[:-1] if line.endswith("\r") else line for line in parts]


@dataclass(slots=True)
class SourceFile:
    """One decoded file. `changed` is the set of changed 1-based line numbers, or None when every line counts."""

    path: str
    text: str
    changed: frozenset[int] | None = None
    is_test: bool = False
    language: str | None = None
    new: bool = False
    _lines: list[str] | None = field(default=None, repr=False)

    @property
    def lines(self) -> list[str]:
        """Lines split on \\n only (git's and editors' numbering), trailing \\r removed. lines[0] is line 1."""
        if self._lines is None:
            self._lines = _split_lines(self.text)
        return self._lines

    def line(self, number: int) -> str:
        lines = self.lines
        return lines[number - 1] if 1 <= number <= len(lines) else ""

    def is_changed(self, number: int) -> bool:
        return self.changed is None or number in self.changed

    def iter_lines(self) -> Iterator[str]:
        """The lines (as `lines` gives them) for one pass over the file: the split ones when held, else split as the
        caller goes and not kept (a question asked of every file of a large tree must not hold every file's lines,
        and one answered near the top, such as "is anything here public?", must not split the whole file). The
        text is split in pieces of growing size (64, 256, 1024... lines), so a whole pass copies it about twice."""
        if self._lines is not None:
            yield from self._lines
            return
        rest, size = self.text, 64
        carriage = "\r" in rest
        while True:
            parts = rest.split("\n", size)
            more = len(parts) > size  # the last part is the text not split yet
            if more:
                rest = parts.pop()
            if carriage:
                for line in parts:
                    yield line[:-1] if line.endswith("\r") else line
            else:
                yield from parts
            if not more:
                return
            size *= 4

    def release(self) -> None:
        """Drop the split lines (split again when asked). The lines of every file of a large tree take more memory
        than their texts (sympy: 30 MB of text, 72 MB of lines), so the engine keeps them for one file at a time."""
        self._lines = None


@dataclass(frozen=True, slots=True)
class RawFinding:
    """What a scanner reports. `line=None` means a whole-file (or repository) finding.

    `key` replaces the line content in the fingerprint (secret scanners pass a keyed hash, never the value).
    `snippet` replaces the line text in the report (scanners that mask pass the masked line).
    """

    rule: str
    path: str
    line: int | None
    message: str
    severity: Severity | None = None
    snippet: str | None = None
    key: str | None = None
    commit: tuple[str, str] | None = None  # (short sha, masked subject) for a finding in the branch's history


class RepositoryView(Protocol):
    """What scanners may ask of the repository beyond the files in scope (implemented by the repo model)."""

    def all_paths(self) -> list[str]: ...

    def read_text(self, path: str) -> str | None: ...

    def grep(self, pattern: str, pathspecs: Iterable[str] = ()) -> list[tuple[str, int, str]]: ...


@dataclass
class ScanContext:
    files: list[SourceFile]
    repo: RepositoryView
    scope: str = "diff"
    settings: dict = field(default_factory=dict)
    test_globs: tuple[str, ...] = ()
    cache: dict = field(default_factory=dict)
    cancelled: Callable[[], bool] = lambda: False
    config_path: str = ""  # the configuration file, relative to the root (findings about a setting point there)

    def is_test_path(self, path: str) -> bool:
        return matches_any(path, self.test_globs)

    def cached(self, key: str, compute: Callable[[], _T]) -> _T:
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


class Scanner(Protocol):
    """A family of rules. `scan` yields raw findings for the files of the context."""

    name: str
    rules: dict[str, Rule]

    def scan(self, ctx: ScanContext) -> Iterator[RawFinding]: ...


class PerFileScanner(abc.ABC):
    """A scanner that judges each file on its own: `scan_file` for every file it `wants`, then `finish` for what
    it says about the repository as a whole. The engine runs every such scanner over one file before the next
    (`scan.engine`), so a file's split lines are held once, not for the whole tree; `scan` runs it alone."""

    def wants(self, ctx: ScanContext, source: SourceFile) -> bool:
        """Whether the file has lines to scan (changed lines, or all of a new or whole-tree file)."""
        return source.changed is None or bool(source.changed)

    @abc.abstractmethod
    def scan_file(self, ctx: ScanContext, source: SourceFile) -> Iterator[RawFinding]:
        """The findings of one file."""

    def finish(self, ctx: ScanContext) -> Iterator[RawFinding]:
        """Findings about the repository as a whole, after every file (none unless a scanner has some)."""
        return iter(())

    def scan(self, ctx: ScanContext) -> Iterator[RawFinding]:
        for source in ctx.files:
            if ctx.cancelled():
                return
            if self.wants(ctx, source):
                yield from self.scan_file(ctx, source)
        yield from self.finish(ctx)
