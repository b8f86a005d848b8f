"""The scan result cache: what the scanners found on this exact tree, kept under the git directory.

A scan's findings depend on the files in scope, on every other file the scanners may look at (the test index, the
class index, the README), on the configuration, on the rules and on the per-clone fingerprint key. The key is a
digest of all of them:

- the tree as git sees it (`gates.store.tree_state`: HEAD, every index entry's blob id from `git ls-files -s`, and
  the bytes of every modified or untracked file, hashed once), folders nobody wrote left out as in the scan;
- the scope, the base and the merge-base;
- the configuration values that shape findings (the gate, interpreter and verdict settings are left out);
- the rule-set version, derived from the source of every module of the core (the scanners and secret rules where
  every rule and its id is defined, and what reads files, diffs, paths and the change signals the entry keeps: an
  edited module changes it without anyone bumping a constant; computed without importing the scanners, so a hit
  never loads them), and readiness's version;
- a digest of the per-clone secret fingerprint key (finding ids of secrets are keyed with it).

What is stored is what the report shows: findings whose messages and snippets are already masked and whose ids are
hashes; the notes of the run's reading stages, masked as they are shown; the change signals (each a place,
`path:line`, with the path as readiness shows it); which files were read and where their flaky markers are, as
positions in the list of files in scope (a file name can hold a token: no raw path is stored); never a file's text
and never a secret value. A hit therefore reads no file at all (`pipeline/sources.py` reads one on demand). Each entry carries an HMAC under the per-clone key, so a
cache copied from another clone, edited by hand, truncated or from another version is ignored (and rewritten by
the next scan), never trusted. `readiness check --no-cache` bypasses it; `readiness cache clear` removes it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness import __version__
from readiness.core import config as config_mod
from readiness.core.atomic import atomic_write
from readiness.core.gates.store import tree_state
from readiness.core.models import Finding, Severity
from readiness.core.names import shown_name
from readiness.core.repo import Repository
from readiness.core.secrets.fingerprint import fingerprint_key

CACHE_VERSION = 3  # 2: files read, reading notes, signals, flaky markers; 3: no raw path (positions in scope)
MAX_ENTRIES = 4  # e.g. the diff and the --all scope of the last two trees
# Settings that do not change what the scanners find (gates and the verdict read them after the scan).
_NOT_SCAN_SETTINGS = frozenset({"gates", "python", "smoke_commands", "performance_baseline", "hot_paths", "fail_on",
                                "strict", "checklists_required", "checklists_dir", "base"})
_rule_set: list[str] = []


def cache_file(git_dir: Path) -> Path:
    return Path(git_dir) / "readiness" / "scan-cache.json"


def rule_files() -> list[tuple[str, Path]]:
    """(name, path) of every module of the core: the rules, and the code that reads, diffs and judges what the
    entry keeps (a review found edited change signals served from an entry keyed on the scanners alone)."""
    core = Path(__file__).resolve().parents[1]
    return [(str(path.relative_to(core)), path) for path in sorted(core.rglob("*.py"))]


def rule_set_version() -> str:
    """A digest of the source of every core module (computed once per process)."""
    if not _rule_set:
        digest = hashlib.sha256()
        for name, path in rule_files():
            digest.update(name.encode() + b"\0" + path.read_bytes())
        _rule_set.append(digest.hexdigest())
    return _rule_set[0]


@dataclass(frozen=True, slots=True)
class Cached:
    findings: list[Finding]
    applicability: dict[str, str | None]
    notes: list[str] = field(default_factory=list)  # what the scan said about its files (a file that does not parse)
    files: list[str] = field(default_factory=list)  # the paths read and scanned, in order
    read_notes: list[str] = field(default_factory=list)  # what reading and the history stage said (skipped files)
    signals: dict[str, str] = field(default_factory=dict)  # checklists/signals.py: signal -> where
    markers: list[tuple[str, int]] = field(default_factory=list)  # checklists/flaky_age.py: (path, line)
    rules: frozenset[str] = frozenset()  # the ids of every known rule (the checklists' universe)


def scan_key(repo: Repository, cfg: config_mod.Config, scope: str) -> str:
    """The key of this scan: everything the findings depend on (see the module doc)."""
    values = {k: v for k, v in cfg.values.items() if k not in _NOT_SCAN_SETTINGS}
    effective = {name: cfg[name] for name in config_mod.KEYS if name not in _NOT_SCAN_SETTINGS}
    state = tree_state(repo)
    material = hashlib.sha256()
    material.update(json.dumps([CACHE_VERSION, __version__, rule_set_version(), scope, repo.base, repo.merge_base,
                                repo.head, {**effective, **values}], sort_keys=True, default=str).encode())
    material.update(hashlib.sha256(fingerprint_key(repo.git_dir)).digest())
    # one update of the joined entries (the same bytes as one update per entry, without a call per file)
    material.update("".join([f"{path}\0{value}\n" for path, value in state.entries]).encode("utf-8", "surrogateescape"))
    return material.hexdigest()


def _mac(git_dir: Path, key: str, payload: str) -> str:
    return hmac.new(fingerprint_key(git_dir), f"{key}\0{payload}".encode("utf-8", "surrogatepass"),
                    hashlib.sha256).hexdigest()


def _entries(git_dir: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(cache_file(git_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or not isinstance(data.get("entries"), list):
        return []
    return [e for e in data["entries"] if isinstance(e, dict) and isinstance(e.get("key"), str)
            and isinstance(e.get("payload"), str) and isinstance(e.get("mac"), str)]


def load(git_dir: Path, key: str, in_scope: Sequence[str]) -> Cached | None:
    """The cached scan under `key`, or None: missing, corrupt, foreign or tampered entries are misses. `in_scope`:
    the paths in scope, sorted, as when the entry was saved (the key covers everything that decides them)."""
    for entry in _entries(git_dir):
        if entry["key"] != key:
            continue
        if not hmac.compare_digest(entry["mac"], _mac(git_dir, key, entry["payload"])):
            return None
        try:
            return _decode(json.loads(entry["payload"]), list(in_scope))
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None
    return None


def save(git_dir: Path, key: str, findings: list[Finding], applicability: dict[str, str | None],
         notes: Sequence[str] = (), *, in_scope: Sequence[str] = (), files: Sequence[str] = (),
         read_notes: Sequence[str] = (), signals: dict[str, str] | None = None,
         markers: Sequence[tuple[str, int]] = (), rules: Iterable[str] = ()) -> None:
    """Keep this scan under `key` (the newest MAX_ENTRIES scans are kept). `files` and `markers` are kept as
    positions in `in_scope` (the sorted paths in scope), notes masked as shown. A cache that cannot be written is
    no error: the next run scans again."""
    position = {path: i for i, path in enumerate(in_scope)}
    if any(path not in position for path in (*files, *(p for p, _ in markers))):
        return  # a file read that is not in scope: nothing to key it by, so nothing kept
    payload = json.dumps({"findings": [_finding(f) for f in findings], "applicability": applicability,
                          "notes": [shown_name(n) for n in notes], "files": [position[p] for p in files],
                          "read_notes": [shown_name(n) for n in read_notes], "signals": dict(signals or {}),
                          "markers": [[position[p], n] for p, n in markers], "rules": sorted(rules)}, sort_keys=True)
    entry = {"key": key, "payload": payload, "mac": _mac(git_dir, key, payload)}
    kept = [e for e in _entries(git_dir) if e["key"] != key][:MAX_ENTRIES - 1]
    path = cache_file(git_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps({"version": CACHE_VERSION, "entries": [entry, *kept]}).encode(), mode=0o600)
    except OSError:
        return


def clear(git_dir: Path) -> bool:
    """Remove the cache; whether there was one."""
    try:
        os.unlink(cache_file(git_dir))
    except FileNotFoundError:
        return False
    return True


def _finding(f: Finding) -> dict[str, Any]:
    return {**f.to_dict(), "waiver_reason": f.waiver_reason}


def _decode(data: dict[str, Any], in_scope: list[str]) -> Cached:
    findings = [Finding(id=str(d["id"]), rule=str(d["rule"]), category=str(d["category"]),
                        severity=Severity(d["severity"]), path=str(d["path"]),
                        line=None if d["line"] is None else int(d["line"]), message=str(d["message"]),
                        snippet=str(d["snippet"]), waived=bool(d["waived"]),
                        waiver_reason=None if d["waiver_reason"] is None else str(d["waiver_reason"]),
                        commit=None if not d.get("commit") else (str(d["commit"]["id"]), str(d["commit"]["subject"])))
                for d in data["findings"]]
    applicability = {str(k): None if v is None else str(v) for k, v in data["applicability"].items()}
    return Cached(findings=findings, applicability=applicability, notes=[str(n) for n in data["notes"]],
                  files=[in_scope[_position(i)] for i in data["files"]],
                  read_notes=[str(n) for n in data["read_notes"]],
                  signals={str(k): str(v) for k, v in data["signals"].items()},
                  markers=[(in_scope[_position(i)], int(n)) for i, n in data["markers"]],
                  rules=frozenset(str(r) for r in data["rules"]))


def _position(value: Any) -> int:
    """A stored position in the paths in scope (a negative or non-integer one is a corrupt entry)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"not a position: {value!r}")
    return value
