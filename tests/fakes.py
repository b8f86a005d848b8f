"""Stand-ins shared by the tests (importable as `fakes`: tests/ is on sys.path through its conftest)."""

from __future__ import annotations


class EmptyRepository:
    """A stand-in for `ScanContext.repo` when a scanner test feeds files directly: no other paths, nothing to read,
    no grep hits. The one definition of this fake (use the `empty_repository` fixture)."""

    def all_paths(self) -> list[str]:
        return []

    def read_text(self, path: str) -> str | None:
        return None

    def grep(self, pattern: str, pathspecs=()) -> list:
        return []
