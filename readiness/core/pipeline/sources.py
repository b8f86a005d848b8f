"""The files of a scan answered from the result cache: read only when someone asks for their text.

A cache hit (`pipeline/cache.py`) needs no file's text: the findings, the notes, the change signals and the flaky
markers are kept with the entry. What still wants texts later (a repository checklist's `changed_words`, the
baseline's fingerprints, the TUI's save re-scan, `readiness baseline`) gets them here, read the way `read_sources`
reads them: one file through `texts` (a lazy mapping), or every file the first time the sequence is iterated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import overload

from readiness.core.scan.base import SourceFile


class LazySources(Sequence[SourceFile]):
    """The files a cached scan read (`paths`), materialised by `read_all` the first time they are needed.
    `len()` is known without reading; `text(path)` reads one file."""

    def __init__(self, paths: Sequence[str], read_all: Callable[[], list[SourceFile]],
                 read_one: Callable[[str], str | None]) -> None:
        self._paths = tuple(paths)
        self._read_all = read_all
        self._read_one = read_one
        self._files: list[SourceFile] | None = None

    @property
    def read(self) -> bool:
        """Whether the files were read (materialised) already."""
        return self._files is not None

    def _all(self) -> list[SourceFile]:
        if self._files is None:
            self._files = self._read_all()
        return self._files

    def __len__(self) -> int:
        return len(self._files) if self._files is not None else len(self._paths)

    @overload
    def __getitem__(self, index: int) -> SourceFile: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[SourceFile]: ...

    def __getitem__(self, index: int | slice) -> SourceFile | Sequence[SourceFile]:
        return self._all()[index]

    def __iter__(self) -> Iterator[SourceFile]:
        return iter(self._all())

    def texts(self) -> Mapping[str, str]:
        return _Texts(self)


class _Texts(Mapping[str, str]):
    """path -> text of the files in scope, each read on its first lookup (or taken from the materialised files)."""

    def __init__(self, sources: LazySources) -> None:
        self._sources = sources
        self._known = frozenset(sources._paths)
        self._read: dict[str, str | None] = {}
        self._all: dict[str, str] | None = None

    def __getitem__(self, path: str) -> str:
        if self._sources.read:
            if self._all is None:
                self._all = {source.path: source.text for source in self._sources}
            return self._all[path]
        if path not in self._known:
            raise KeyError(path)
        if path not in self._read:
            self._read[path] = self._sources._read_one(path)
        text = self._read[path]
        if text is None:
            raise KeyError(path)
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(s.path for s in self._sources) if self._sources.read else iter(self._sources._paths)

    def __len__(self) -> int:
        return len(self._sources)


def texts_of(files: Sequence[SourceFile]) -> Mapping[str, str]:
    """path -> text of `files`, without reading cached files nobody asks about."""
    if isinstance(files, LazySources) and not files.read:
        return files.texts()
    return {f.path: f.text for f in files}
