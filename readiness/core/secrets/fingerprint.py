"""Keyed fingerprints: the identity of a secret is an HMAC of its value with a key that never leaves the machine.

The fingerprint key (`fingerprint_key`), in order:
1. `READINESS_SECRET_KEY` in the environment (at least 16 characters): set the same value in CI and on the
   developers' machines when finding ids of secret findings must agree between clones (config waivers by id).
2. `<git common dir>/readiness/secret-key`: 32 random bytes, created once with mode 0600, shared by the linked
   worktrees of the clone. Ids are stable across runs on the same clone and cannot be reversed by someone who
   only sees a report: an unkeyed hash of a low-entropy password can be cracked offline (detect-secrets'
   SHA-1 baseline), a keyed one cannot without the key. Nothing in the repository (its root commit, its paths)
   would do instead: whatever is derived from the repository is known to everyone who sees the report's repo.
3. A random per-process key when there is no git directory or it cannot be written: ids are then stable only
   within one process (documented; inline waivers and the allowlist still work).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets as _random
from collections.abc import Iterable
from pathlib import Path

from readiness.core.errors import ConfigError
from readiness.core.secrets.find import find_secrets, mask_spans
from readiness.core.secrets.values import Secret, SecretMatch

KEY_ENV = "READINESS_SECRET_KEY"
KEY_FILE = ("readiness", "secret-key")

_keys: dict[str, bytes] = {}
_PROCESS_KEY = _random.token_bytes(32)


def _common_dir(git_dir: Path) -> Path:
    try:
        pointer = (git_dir / "commondir").read_text(encoding="utf-8").strip()
    except OSError:
        return git_dir
    return (git_dir / pointer).resolve() if pointer else git_dir


def _load_or_create(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
        if len(data) >= 16:
            if os.name == "posix" and path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)
            return data
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{_random.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, _random.token_bytes(32))
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # atomic and never replaces a key another process created first
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
        data = path.read_bytes()
        return data if len(data) >= 16 else None
    except OSError:
        return None


def fingerprint_key(git_dir: str | os.PathLike[str] | None = None) -> bytes:
    """The HMAC key for secret identities (see the module docstring for the order and the reasons)."""
    configured = os.environ.get(KEY_ENV)
    if configured is not None:
        if len(configured) < 16:
            raise ConfigError(f"{KEY_ENV} must be at least 16 characters (or unset it to use the per-clone key)")
        return hashlib.sha256(configured.encode("utf-8", "surrogatepass")).digest()
    if git_dir is None:
        return _PROCESS_KEY
    path = _common_dir(Path(git_dir)).joinpath(*KEY_FILE)
    cached = _keys.get(str(path))
    if cached is None:
        cached = _load_or_create(path) or _PROCESS_KEY
        _keys[str(path)] = cached
    return cached


def keyed_hash(value: str | Secret, key: bytes) -> str:
    """HMAC-SHA256 of the value, 16 hex digits: an identity that cannot be reversed without the key."""
    plain = value.reveal() if isinstance(value, Secret) else value
    return hmac.new(key, plain.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:16]


def line_key(line: str, key: bytes, matches: Iterable[SecretMatch] | None = None) -> str:
    """Fingerprint material for a line that may hold secrets: the masked line plus the keyed hash of each value.

    Stable while the line and the values are unchanged; a rotated secret on an identical-looking line gets a
    new identity (a waiver of the old value does not silently cover the new one).
    """
    found = list(find_secrets(line) if matches is None else matches)
    if not found:
        return line
    masked = mask_spans(line, [(m.start, m.end, m.masked) for m in found])
    return masked + "\0" + "\0".join(keyed_hash(m.secret, key) for m in found)
