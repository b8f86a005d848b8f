"""Trust: may readiness run code from this repository (tests, coverage, smoke, commands from its configuration)?

A trust record binds the repository's real path to a digest of exactly what would run: the parsed
`[tool.readiness]` table (not the whole pyproject.toml, so a version bump does not ask again) and the content of
every repository file a configured command names (`./scripts/smoke.sh`). Any change to either makes the record stale:
the gates that run code are skipped again until the user runs `readiness trust`.

Records live in the user's state directory (`platformdirs.user_state_dir("readiness")/trust.json`, directory 0700,
file 0600, written atomically), never in the repository, and nothing in a repository's configuration can write or
widen them: the configuration loader refuses trust keys outright. A store that another user could have written is
ignored (fail closed).
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from readiness.core.atomic import atomic_write
from readiness.core.errors import StateError
from readiness.core.gates.registry import describe_code_commands

SCHEMA = b"readiness-trust-v1\n"
STORE_VERSION = 1
MAX_SCRIPT_BYTES = 64 << 20


def state_dir() -> Path:
    return Path(platformdirs.user_state_dir("readiness", appauthor=False))


def store_path() -> Path:
    return state_dir() / "trust.json"


@dataclass(frozen=True, slots=True)
class Subject:
    """What trusting this repository means right now: path, config file, digest, what would run."""

    root: str
    config: str | None
    digest: str
    commands: tuple[str, ...]
    scripts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TrustState:
    state: str  # "trusted", "changed" (trusted before, the configuration or a script changed since), "untrusted"
    detail: str
    record: dict | None = None

    @property
    def trusted(self) -> bool:
        return self.state == "trusted"


def _canonical(values: dict[str, Any]) -> bytes:
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def _argv_words(values: dict[str, Any]) -> Iterator[str]:
    """Every word of every command the configuration defines (and the configured interpreter)."""
    for table in (values.get("gates") or {}).values():
        if isinstance(table, dict):
            command = table.get("command")
            if isinstance(command, str):
                try:
                    yield from shlex.split(command)
                except ValueError:
                    yield command
            elif isinstance(command, list):
                yield from (w for w in command if isinstance(w, str))
            yield from (w for w in table.get("args") or () if isinstance(w, str))
    for command in values.get("smoke_commands") or ():
        try:
            yield from shlex.split(command) if isinstance(command, str) else command
        except ValueError:
            yield command
    if isinstance(values.get("python"), str):
        yield values["python"]


def repository_scripts(root: Path, values: dict[str, Any]) -> list[tuple[str, str]]:
    """(relative path, sha256) of each regular file inside the repository that a configured command names."""
    real_root = os.path.realpath(root)
    found: dict[str, str] = {}
    for word in _argv_words(values):
        for candidate in {word, word.partition("=")[2]} - {""}:
            full = os.path.realpath(candidate if os.path.isabs(candidate) else os.path.join(real_root, candidate))
            if not full.startswith(real_root + os.sep):
                continue
            try:
                info = os.stat(full)
            except OSError:
                continue
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SCRIPT_BYTES:
                continue
            rel = os.path.relpath(full, real_root).replace(os.sep, "/")
            try:
                with open(full, "rb") as handle:
                    found[rel] = hashlib.sha256(handle.read()).hexdigest()
            except OSError:
                found[rel] = "unreadable"
    return sorted(found.items())


def subject(root: Path, config: Any) -> Subject:
    """The trust subject for a repository root and its loaded configuration (`readiness.core.config.Config`)."""
    real_root = os.path.realpath(root)
    values = dict(config.values)
    source = config.source
    rel_config = None
    if source is not None:
        real_source = os.path.realpath(source)
        rel_config = (os.path.relpath(real_source, real_root) if real_source.startswith(real_root + os.sep)
                      else real_source).replace(os.sep, "/")
    scripts = repository_scripts(Path(real_root), values)
    digest = hashlib.sha256()
    digest.update(SCHEMA)
    digest.update(real_root.encode("utf-8", "surrogateescape") + b"\n")
    digest.update((rel_config or "").encode("utf-8", "surrogateescape") + b"\n")
    digest.update(_canonical(values) + b"\n")
    for rel, sha in scripts:
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0" + sha.encode() + b"\n")
    return Subject(root=real_root, config=rel_config, digest=digest.hexdigest(),
                   commands=tuple(describe_code_commands(Path(real_root), config)),
                   scripts=tuple(rel for rel, _ in scripts))


def _load(path: Path, strict: bool) -> dict:
    """The store's content. Unsafe or unreadable stores are empty (strict: StateError saying what to do)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return {"version": STORE_VERSION, "repositories": {}}
    except OSError as exc:
        if strict:
            raise StateError(f"cannot read the trust store {path}: {exc.strerror}") from None
        return {"version": STORE_VERSION, "repositories": {}}
    unsafe = (not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid())
              or info.st_mode & 0o022)
    if unsafe:
        if strict:
            raise StateError(f"the trust store {path} is not a regular file owned by you and writable only by you: "
                             "remove it and run `readiness trust` again")
        return {"version": STORE_VERSION, "repositories": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("repositories"), dict):
            raise ValueError("unexpected structure")
    except (OSError, ValueError) as exc:
        if strict:
            raise StateError(f"the trust store {path} is damaged ({exc.__class__.__name__}): remove it (it only holds "
                             "trust decisions) and run `readiness trust` again") from None
        return {"version": STORE_VERSION, "repositories": {}}
    return data


def _save(data: dict) -> Path:
    path = store_path()
    directory = path.parent
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(directory, 0o700)
        atomic_write(path, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8"), mode=0o600)
    except OSError as exc:
        raise StateError(f"cannot write the trust store {path}: {exc.strerror or exc}") from None
    return path


def state(current: Subject) -> TrustState:
    record = _load(store_path(), strict=False)["repositories"].get(current.root)
    if not isinstance(record, dict):
        return TrustState("untrusted", "this repository has not been trusted: run `readiness trust`")
    if record.get("sha256") == current.digest:
        return TrustState("trusted", f"trusted {record.get('trusted_at', '')}".strip(), record)
    return TrustState("changed", "the configuration or a script it runs changed since it was trusted "
                      f"({record.get('trusted_at', 'earlier')}): review it, then run `readiness trust`", record)


def is_trusted(current: Subject) -> bool:
    return state(current).trusted


def grant(current: Subject, version: str) -> Path:
    """Record trust for exactly this subject (replacing an older record for the same path)."""
    data = _load(store_path(), strict=True)
    data["version"] = STORE_VERSION
    data["repositories"][current.root] = {
        "sha256": current.digest,
        "config": current.config,
        "commands": list(current.commands),
        "scripts": list(current.scripts),
        "trusted_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "readiness_version": version,
    }
    return _save(data)


def revoke(root: Path) -> bool:
    """Forget the record for this repository path; False when there was none."""
    data = _load(store_path(), strict=True)
    if data["repositories"].pop(os.path.realpath(root), None) is None:
        return False
    _save(data)
    return True
