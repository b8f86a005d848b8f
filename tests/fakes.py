"""Stand-ins shared by the tests (importable as `fakes`: tests/ is on sys.path through its conftest)."""

from __future__ import annotations

from typing import Any


class EmptyRepository:
    """A stand-in for `ScanContext.repo` when a scanner test feeds files directly: no other paths, nothing to read,
    no grep hits. The one definition of this fake (use the `empty_repository` fixture)."""

    def all_paths(self) -> list[str]:
        return []

    def read_text(self, path: str) -> str | None:
        return None

    def grep(self, pattern: str, pathspecs=()) -> list:
        return []


def diverge(repo: Any, path: str = "notes.txt", ours: bytes = b"one\nfeature\n", theirs: bytes = b"one\nmain\n",
            readme: str = "# r\n") -> Any:
    """`feature` and `main` both changed line 2 of `path`: merging or rebasing one onto the other stops on a
    conflict. Leaves `feature` checked out."""
    repo.write("README.md", readme)
    repo.write(path, b"one\ntwo\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write(path, ours)
    repo.commit("feature")
    repo.git("checkout", "-q", "main")
    repo.write(path, theirs)
    repo.commit("main moved")
    repo.git("checkout", "-q", "feature")
    return repo
