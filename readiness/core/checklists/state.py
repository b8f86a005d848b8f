"""Manual checklist state: check-offs and notes per repository and branch, under the repository's git directory.

The state lives in `<git_dir>/readiness/checklists.json`, never in the work tree. Each check-off records the HEAD
and a digest of the files it covers (the branch's changed files, or those matching the item's `paths`); when the
digest no longer matches, the engine turns the item back to `manual` ("stale"). Writes are atomic and refuse to
overwrite a file another process changed meanwhile (they re-read and retry). A file that cannot be parsed is moved
aside and reported as a note: reading state never raises.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from readiness.core.atomic import atomic_write, digest
from readiness.core.errors import StateError
from readiness.core.scan.base import matches_any
from readiness.core.writer import writer_lock

SCHEMA_VERSION = 1
STATE_DIR = "readiness"
MANUAL_FILE = "checklists.json"
MAX_STATE_SIZE = 16 << 20
CONFIRMED, NOT_APPLICABLE = "confirmed", "not-applicable"
_READ_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class ManualEntry:
    """One check-off: `status` is "confirmed" or "not-applicable"; `digest` covers the files it was made on."""

    status: str
    digest: str
    head: str | None
    at: str  # UTC, ISO 8601 ("2026-11-26T10:00:00Z")
    note: str = ""
    files: int = 0

    @property
    def date(self) -> str:
        return self.at[:10]


def branch_key(branch: str | None, head: str | None) -> str:
    """Where a branch's check-offs are kept: the branch name, or the commit of a detached HEAD."""
    if branch:
        return branch
    return f"(detached {head})" if head else "(no commits)"


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- digests of the files a check-off covers ------------------------------------------------------------------------
def file_digest(root: Path, path: str) -> str:
    """A content digest of one work-tree file; deleted, symlinked and special files get a stable marker."""
    full = os.path.join(root, path)
    try:
        info = os.lstat(full)
    except FileNotFoundError:
        return "deleted"
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    if stat.S_ISLNK(info.st_mode):
        try:
            return "symlink:" + hashlib.sha256(os.readlink(full).encode("utf-8", "surrogateescape")).hexdigest()
        except OSError as exc:
            return f"unreadable:{exc.errno}"
    if not stat.S_ISREG(info.st_mode):
        return "special"
    hasher = hashlib.sha256()
    try:
        fd = os.open(full, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            while chunk := handle.read(_READ_CHUNK):
                hasher.update(chunk)
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    return hasher.hexdigest()


def digest_paths(root: Path, paths: Iterable[str]) -> dict[str, str]:
    return {path: file_digest(root, path) for path in paths}


def relevant_paths(digests: Mapping[str, str], globs: Iterable[str] = ()) -> list[str]:
    globs = tuple(globs)
    return sorted(p for p in digests if not globs or matches_any(p, globs))


def relevant_digest(digests: Mapping[str, str], globs: Iterable[str] = ()) -> str:
    """The digest a check-off is compared against: the changed files (matching `globs`, when given)."""
    hasher = hashlib.sha256()
    for path in relevant_paths(digests, globs):
        hasher.update(f"{path}\0{digests[path]}\n".encode("utf-8", "surrogateescape"))
    return hasher.hexdigest()


# -- the state file -------------------------------------------------------------------------------------------------
class _Corrupt(Exception):
    pass


def _entry(value: object) -> ManualEntry:
    if not isinstance(value, dict):
        raise _Corrupt("an entry is not an object")
    try:
        entry = ManualEntry(status=value["status"], digest=value["digest"], head=value.get("head"),
                            at=value["at"], note=value.get("note", ""), files=value.get("files", 0))
    except (KeyError, TypeError) as exc:
        raise _Corrupt(f"an entry lacks {exc}") from None
    if entry.status not in (CONFIRMED, NOT_APPLICABLE) or not all(
            isinstance(v, str) for v in (entry.digest, entry.at, entry.note)) or not isinstance(entry.files, int) \
            or not (entry.head is None or isinstance(entry.head, str)):
        raise _Corrupt("an entry has a value of the wrong type")
    return entry


def _parse(data: bytes) -> dict[str, dict[str, ManualEntry]]:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _Corrupt("not valid JSON") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("branches"), dict):
        raise _Corrupt("not a readiness state file")
    if doc.get("schema_version") != SCHEMA_VERSION:
        raise _Corrupt(f"unknown schema_version {doc.get('schema_version')!r}")
    branches: dict[str, dict[str, ManualEntry]] = {}
    for branch, items in doc["branches"].items():
        if not isinstance(items, dict):
            raise _Corrupt("a branch is not an object")
        branches[branch] = {key: _entry(value) for key, value in items.items()}
    return branches


def _dump(branches: Mapping[str, Mapping[str, ManualEntry]]) -> bytes:
    doc = {"schema_version": SCHEMA_VERSION,
           "branches": {b: {k: asdict(e) for k, e in sorted(items.items())}
                        for b, items in sorted(branches.items()) if items}}
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


class ManualState:
    """Check-offs of one repository (its git directory), per branch, keyed "checklist-id/item-id"."""

    def __init__(self, git_dir: Path) -> None:
        self.path = Path(git_dir) / STATE_DIR / MANUAL_FILE

    def _read(self, notes: list[str]) -> tuple[dict[str, dict[str, ManualEntry]], str]:
        """The parsed file and the digest of its bytes; a corrupt file is moved aside (noted), never raised."""
        try:
            info = os.lstat(self.path)
            if not stat.S_ISREG(info.st_mode):
                raise _Corrupt("not a regular file")
            if info.st_size > MAX_STATE_SIZE:
                raise _Corrupt("larger than 16 MiB")
            data = self.path.read_bytes()
        except FileNotFoundError:
            return {}, digest(b"")
        except _Corrupt as exc:
            return {}, self._set_aside(str(exc), notes)
        except OSError as exc:
            notes.append(f"cannot read {self.path} ({exc.strerror}): manual check-offs are ignored for now")
            return {}, ""
        try:
            return _parse(data), digest(data)
        except _Corrupt as exc:
            return {}, self._set_aside(str(exc), notes)

    def _set_aside(self, why: str, notes: list[str]) -> str:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%f')}")
        try:
            os.replace(self.path, aside)
        except OSError as exc:
            notes.append(f"{self.path} is corrupt ({why}) and could not be moved aside ({exc.strerror}): "
                         "manual check-offs are ignored; delete the file to start over")
            return ""
        notes.append(f"{self.path} was corrupt ({why}): moved aside to {aside.name}; manual check-offs start over")
        return digest(b"")

    def load(self, branch: str) -> tuple[dict[str, ManualEntry], list[str]]:
        """The check-offs of `branch` and notes about the state file. Never raises."""
        notes: list[str] = []
        branches, _ = self._read(notes)
        return dict(branches.get(branch, {})), notes

    def update(self, branch: str, key: str, entry: ManualEntry | None, *, attempts: int = 3) -> list[str]:
        """Set (or with None, remove) one check-off. Returns notes; raises StateError when it cannot write."""
        with writer_lock(self.path.parent.parent) as lock_notes:  # concurrent check-offs queue (one writer)
            return [*lock_notes, *self._update(branch, key, entry, attempts)]

    def _update(self, branch: str, key: str, entry: ManualEntry | None, attempts: int) -> list[str]:
        notes: list[str] = []
        for _ in range(attempts):
            branches, expected = self._read(notes)
            if expected == "":
                raise StateError(f"cannot update {self.path}: it could not be read; fix its permissions or delete it")
            items = branches.setdefault(branch, {})
            if entry is None:
                items.pop(key, None)
            else:
                items[key] = entry
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(self.path, _dump(branches), expected_digest=expected, mode=0o600)
                return notes
            except StateError:
                continue  # another process wrote meanwhile: read again and re-apply
            except OSError as exc:
                raise StateError(f"cannot write {self.path} ({exc.strerror}): check the permissions of "
                                 f"{self.path.parent}") from None
        raise StateError(f"{self.path} kept changing while readiness tried to update it: try again")
