"""Atomic file replacement: temp file in the same directory, fsync, keep the mode, os.replace."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from readiness.core.errors import StateError


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_unchanged(path: Path, expected_digest: str) -> None:
    try:
        current = digest(path.read_bytes())
    except FileNotFoundError:
        current = digest(b"")
    if current != expected_digest:
        raise StateError(f"{path} changed while readiness was working on it: nothing was written, try again")


def atomic_write(path: Path, data: bytes, *, expected_digest: str | None = None, mode: int | None = None) -> None:
    """Replace `path` with `data` so a reader sees the old or the new file, never a partial one.

    With `expected_digest`, refuse (StateError) when the file changed since it was read (a missing file counts
    as empty). The check runs after the new content is safely on disk, just before the replace, and the temporary
    file is removed when it fails.
    """
    path = Path(path)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if expected_digest is not None:
            _check_unchanged(path, expected_digest)  # as late as possible: the window left is the replace itself
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass  # some filesystems refuse fsync on directories; the replace itself is already atomic
    finally:
        os.close(dir_fd)
