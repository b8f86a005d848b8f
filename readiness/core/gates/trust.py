"""Trust: may readiness run code from this repository (tests, coverage, smoke, commands from its configuration)?

A trust record binds the repository's real path to what the gates would execute, not to the bytes of the
configuration file: per gate that runs code, the command it would run (a configured argv, or the built-in command
with the configured arguments and interpreter), its working directory (the repository root) and the environment
the configuration adds to it (none today: gates get the user's own environment), plus the content of every
repository file a configured command names (`./scripts/smoke.sh`). Comments, key order, an all-commented
`[tool.readiness]` table from `readiness init` or a changed threshold do not revoke trust; a changed command does,
and `changes()` says which gate's command changed, in masked display form.

Records keep each command as a sha256 and a masked, cleaned display line (a credential in a configured command is
never written to the store). They live in the user's state directory (`platformdirs.user_state_dir("readiness")/
trust.json`, directory 0700, file 0600, written atomically), never in the repository, and nothing in a repository's
configuration can write or widen them: the configuration loader refuses trust keys outright. A store that another
user could have written, or that cannot be parsed, is ignored (fail closed) and `state()` says so ("unsafe",
"damaged") with what to do.
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
from readiness.core.gates.output import clean_text
from readiness.core.gates.registry import describe_code_commands, needs_trust, spec_for
from readiness.core.gates.selection import known_gates
from readiness.core.gates.settings import settings_for

SCHEMA = b"readiness-trust-v2\n"
LEGACY_SCHEMA = b"readiness-trust-v1\n"
STORE_VERSION = 2
MAX_SCRIPT_BYTES = 64 << 20
CWD = "."  # every gate runs in the repository root


def state_dir() -> Path:
    return Path(platformdirs.user_state_dir("readiness", appauthor=False))


def store_path() -> Path:
    return state_dir() / "trust.json"


@dataclass(frozen=True, slots=True)
class GateCommand:
    """One gate that runs code: what it would execute (as a digest) and how to show it (masked)."""

    gate: str
    digest: str  # sha256 of the canonical {argv, cwd, env} the gate would execute
    display: str  # `tests: python -m pytest -m 'not slow'`, cleaned of control characters, secrets masked


@dataclass(frozen=True, slots=True)
class Subject:
    """What trusting this repository means right now: path, config file, digest, what would run."""

    root: str
    config: str | None
    digest: str
    commands: tuple[str, ...]  # the masked display lines, one per gate that runs code
    scripts: tuple[str, ...]
    gate_commands: tuple[GateCommand, ...] = ()
    script_digests: tuple[tuple[str, str], ...] = ()
    legacy_digest: str = ""  # the digest schema 1 gave this configuration: its records still count as trusted


@dataclass(frozen=True, slots=True)
class TrustState:
    # "trusted"; "changed" (trusted before, a gate command or a script it runs changed since); "untrusted";
    # "unsafe" (the store is writable by others or not yours: ignored); "damaged" (the store cannot be read)
    state: str
    detail: str
    record: dict | None = None
    changes: tuple[str, ...] = ()  # "changed" only: what differs from the trusted record, one masked line each

    @property
    def trusted(self) -> bool:
        return self.state == "trusted"


def _canonical(values: Any) -> bytes:
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def _sha(values: Any) -> str:
    return hashlib.sha256(_canonical(values)).hexdigest()


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


def gate_meaning(gate_id: str, values: dict[str, Any]) -> dict[str, Any]:
    """What the gate would execute, independent of how the configuration file spells it: the configured argv
    (command + args), or the built-in command named by the gate with the configured arguments and interpreter."""
    table = values.get("gates") or {}
    settings = settings_for(gate_id, table)
    meaning: dict[str, Any] = {"gate": gate_id, "cwd": CWD, "env": {}}
    if settings.command:
        meaning["argv"] = [*settings.command, *(settings.args or ())]
        return meaning
    meaning["builtin"] = gate_id
    meaning["args"] = list(settings.args) if settings.args is not None else None
    if gate_id in ("tests", "coverage", "smoke"):
        meaning["python"] = values.get("python") or ""
    if gate_id == "coverage":
        tests_args = settings_for("tests", table).args
        meaning["tests_args"] = list(tests_args) if tests_args is not None else None
    if gate_id == "smoke":
        meaning["smoke_commands"] = [shlex.split(c) if isinstance(c, str) else list(c)
                                     for c in values.get("smoke_commands") or ()]
    return meaning


def gate_commands(root: Path, config: Any) -> tuple[GateCommand, ...]:
    """Each gate that runs code, in the registry's order, with its digest and masked display line."""
    values = config.values
    table = values.get("gates") or {}
    ids = [g for g in known_gates(values) if needs_trust(spec_for(g, values), settings_for(g, table))]
    lines = describe_code_commands(root, config)  # one line per gate needing trust, same order
    displays = {line.partition(":")[0]: line for line in lines}
    return tuple(GateCommand(g, _sha(gate_meaning(g, values)), clean_text(displays.get(g, g)).replace("\n", " "))
                 for g in ids)


def _legacy_digest(real_root: str, rel_config: str | None, values: dict[str, Any],
                   scripts: list[tuple[str, str]]) -> str:
    """Schema 1 hashed the parsed configuration table: kept so its records stay trusted until anything changes."""
    digest = hashlib.sha256()
    digest.update(LEGACY_SCHEMA)
    digest.update(real_root.encode("utf-8", "surrogateescape") + b"\n")
    digest.update((rel_config or "").encode("utf-8", "surrogateescape") + b"\n")
    digest.update(_canonical(values) + b"\n")
    for rel, sha in scripts:
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0" + sha.encode() + b"\n")
    return digest.hexdigest()


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
    commands = gate_commands(Path(real_root), config)
    digest = hashlib.sha256()
    digest.update(SCHEMA)
    digest.update(real_root.encode("utf-8", "surrogateescape") + b"\n")
    for command in commands:
        digest.update(command.gate.encode() + b"\0" + command.digest.encode() + b"\n")
    for rel, sha in scripts:
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0" + sha.encode() + b"\n")
    return Subject(root=real_root, config=rel_config, digest=digest.hexdigest(),
                   commands=tuple(c.display for c in commands), scripts=tuple(rel for rel, _ in scripts),
                   gate_commands=commands, script_digests=tuple(scripts),
                   legacy_digest=_legacy_digest(real_root, rel_config, values, scripts))


class StoreProblem(StateError):
    """The trust store is unsafe (writable by others, not yours, not a file) or damaged; `state` names which."""

    def __init__(self, message: str, state: str) -> None:
        super().__init__(message)
        self.state = state


def _empty() -> dict:
    return {"version": STORE_VERSION, "repositories": {}}


def _read(path: Path) -> dict:
    """The store's content (empty when there is none). Raises StoreProblem (unsafe, damaged) or StateError."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return _empty()
    except OSError as exc:
        raise StoreProblem(f"cannot read the trust store {path}: {exc.strerror}", "damaged") from None
    unsafe = (not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid())
              or info.st_mode & 0o022)
    if unsafe:
        raise StoreProblem(f"the trust store {path} is not a regular file owned by you and writable only by you, so "
                           "it is ignored: remove it, then trust this repository again", "unsafe")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("repositories"), dict):
            raise ValueError("unexpected structure")
    except (OSError, ValueError) as exc:
        raise StoreProblem(f"the trust store {path} is damaged ({exc.__class__.__name__}), so it is ignored: remove "
                           "it (it only holds trust decisions), then trust this repository again", "damaged") from None
    return data


def _load(path: Path, strict: bool) -> dict:
    """The store's content. Unsafe or unreadable stores are empty (strict: StateError saying what to do)."""
    try:
        return _read(path)
    except StateError:
        if strict:
            raise
        return _empty()


def _save(data: dict) -> Path:
    for record in data["repositories"].values():  # schema 1 kept raw command lines: mask them on the next write
        if isinstance(record, dict) and isinstance(record.get("commands"), list):
            record["commands"] = [clean_text(str(line)) for line in record["commands"]]
    path = store_path()
    directory = path.parent
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(directory, 0o700)
        atomic_write(path, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8"), mode=0o600)
    except OSError as exc:
        raise StateError(f"cannot write the trust store {path}: {exc.strerror or exc}") from None
    return path


def changes(current: Subject, record: dict) -> tuple[str, ...]:
    """What differs between a trusted record and the subject, one line each, in masked display form."""
    before: dict[str, dict] = {str(c.get("gate")): c for c in record.get("gate_commands") or ()
                               if isinstance(c, dict)}
    if not before:  # a schema-1 record kept no per-gate digests
        return ("the record predates per-command trust: what would run now is listed below",)
    lines: list[str] = []
    now = {c.gate: c for c in current.gate_commands}
    for gate in [*now, *(g for g in before if g not in now)]:
        old, new = before.get(gate), now.get(gate)
        if old is None and new is not None:
            lines.append(f"+ {new.display}  (new)")
        elif new is None and old is not None:
            lines.append(f"- {old.get('display', gate)}  (no longer runs)")
        elif old is not None and new is not None and old.get("sha256") != new.digest:
            if old.get("display") == new.display:
                lines.append(f"~ {new.display}  (changed inside a masked value)")
            else:
                lines.extend((f"- {old.get('display', gate)}", f"+ {new.display}"))
    old_scripts = {str(s.get("path")): str(s.get("sha256")) for s in record.get("script_digests") or ()
                   if isinstance(s, dict)}
    for rel, sha in current.script_digests:
        if rel not in old_scripts:
            lines.append(f"+ script {clean_text(rel)}  (new)")
        elif old_scripts[rel] != sha:
            lines.append(f"~ script {clean_text(rel)}  (its content changed)")
    lines.extend(f"- script {clean_text(str(rel))}  (no longer named)" for rel in old_scripts
                 if rel not in dict(current.script_digests))
    return tuple(lines)


def state(current: Subject) -> TrustState:
    """Whether the store holds a current record for the subject. The details are neutral (no command name): each
    front end says how to trust there (`readiness trust` in a shell, a key in the TUI)."""
    try:
        data = _read(store_path())
    except StoreProblem as exc:
        return TrustState(exc.state, str(exc))
    except StateError as exc:
        return TrustState("damaged", str(exc))
    record = data["repositories"].get(current.root)
    if not isinstance(record, dict):
        return TrustState("untrusted", "this repository has not been trusted")
    if record.get("sha256") in (current.digest, current.legacy_digest):
        return TrustState("trusted", f"trusted {record.get('trusted_at', '')}".strip(), record)
    return TrustState("changed", "a gate command or a script it runs changed since this repository was trusted "
                      f"({record.get('trusted_at', 'earlier')}): review what changed", record,
                      changes(current, record))


def is_trusted(current: Subject) -> bool:
    return state(current).trusted


def grant(current: Subject, version: str) -> Path:
    """Record trust for exactly this subject (replacing an older record for the same path). Commands are stored
    as digests with their masked display lines, never raw."""
    data = _load(store_path(), strict=True)
    data["version"] = STORE_VERSION
    data["repositories"][current.root] = {
        "sha256": current.digest,
        "config": current.config,
        "gate_commands": [{"gate": c.gate, "sha256": c.digest, "display": c.display} for c in current.gate_commands],
        "script_digests": [{"path": rel, "sha256": sha} for rel, sha in current.script_digests],
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
