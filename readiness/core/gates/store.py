"""Gate results kept under the git directory, read by every command and the TUI until their inputs change.

`<git dir>/readiness/gates-cache.json` holds the last result of each gate with the key it was computed under: a
digest of the files the gate depends on (HEAD's tree entries, the index and every modified or untracked file's
bytes, restricted to the gate's inputs), the configuration, the scope, the merge-base, the interpreter and the
version of readiness. A result whose key still matches is *fresh*: `readiness check`, `checklist show`, `report` and
the TUI show it as the gate's result without running anything; one whose key moved is *stale*. A passing fresh
result is also what lets `run_gates` skip a gate (the cache).

Documentation files (`*.md`, `*.rst`, `docs/`, …) are not inputs of the gates that test or lint code, so a README
edit (`readiness blocker add`) does not make the tests gate stale; the build and docs gates depend on every file.
A corrupt or foreign file is ignored (and replaced on the next write), never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from readiness.core.atomic import atomic_write
from readiness.core.models import GateResult, GateStatus
from readiness.core.names import masked_text
from readiness.core.paths import matcher

STORE_VERSION = 2
# Files that do not change what a code gate (lint, tests, coverage, security, smoke, performance) sees.
DOCUMENTATION = ("*.md", "*.markdown", "*.rst", "*.adoc", "*.txt", "!requirements*.txt", "!constraints*.txt",
                 "docs/", "doc/", "LICENSE*", "COPYING*", "AUTHORS*", "CHANGELOG*", "CHANGES*", "NEWS*",
                 "screenshots/", "*.svg", "*.png", "*.jpg", "*.gif")
EVERY_FILE_GATES = frozenset({"build", "docs"})
_DOCS = matcher(DOCUMENTATION)


class GitView(Protocol):
    """What the store needs of an open repository."""

    @property
    def root(self) -> Path: ...

    @property
    def git_dir(self) -> Path: ...

    @property
    def head(self) -> str | None: ...

    def git(self, *args: str) -> str: ...


def store_file(git_dir: Path) -> Path:
    return Path(git_dir) / "readiness" / "gates-cache.json"


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


@dataclass(frozen=True, slots=True)
class TreeState:
    """The work tree as git sees it, one digest per path: computed once, then restricted per gate."""

    head: str
    entries: tuple[tuple[str, str], ...]  # (path, digest of what git and the work tree hold for it)

    def digest(self, gate_id: str) -> str:
        every = gate_id in EVERY_FILE_GATES or gate_id not in _CODE_GATES
        digest = hashlib.sha256(_encode(self.head) + b"\n")
        for path, value in self.entries:
            if every or not _DOCS.match(path):
                digest.update(_encode(path) + b"\0" + value.encode() + b"\n")
        return digest.hexdigest()


_CODE_GATES = frozenset({"lint", "tests", "coverage", "security", "smoke", "performance"})


def _file_digest(path: Path) -> str:
    try:
        if path.is_symlink():
            return "link:" + hashlib.sha256(_encode(os.readlink(path))).hexdigest()
        if path.is_file():
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            return digest.hexdigest()
        return "<absent>"
    except OSError:
        return "<unreadable>"


def tree_state(repo: GitView) -> TreeState:
    """The state below, asked once per one-shot run (`Repository.once`: the scan cache's key and the gates' keys
    both need it) and every time in the TUI."""
    once = getattr(repo, "once", None)
    return once("tree-state", lambda: _tree_state(repo)) if once is not None else _tree_state(repo)


def _tree_state(repo: GitView) -> TreeState:
    """HEAD, the index (`git ls-files -s`) and the bytes of every modified or untracked file, per path; also the
    bytes of assume-unchanged and skip-worktree entries, whose edits `git status` does not report."""
    entries: dict[str, str] = {}
    stage = getattr(repo, "stage_entries", None)  # the repository's own listing, when it keeps one
    listed = stage() if stage is not None else [
        (meta, path) for meta, _, path in (r.partition("\t") for r in repo.git("ls-files", "-s", "-z").split("\0"))
        if path]
    for meta, path in listed:
        entries[path] = meta
    hidden = getattr(repo, "hidden_entries", None)  # assume-unchanged / skip-worktree: git status never looks
    for path in sorted(hidden() if hidden is not None else ()):
        entries[path] = f"{entries.get(path, '')}|hidden|{_file_digest(repo.root / path)}"
    status = repo.git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignore-submodules=all",
                      "--no-renames", "--", *getattr(repo, "pathspec_excludes", list)())  # not folders nobody wrote
    for record in status.split("\0"):
        if len(record) < 4:
            continue
        path = record[3:]
        entries[path] = f"{entries.get(path, '')}|{record[:2]}|{_file_digest(repo.root / path)}"
    return TreeState(head=repo.head or "no-head", entries=tuple(sorted(entries.items())))


def result_from(data: Mapping[str, Any]) -> GateResult | None:
    try:
        return GateResult(id=str(data["id"]), status=GateStatus(data["status"]), command=str(data["command"]),
                          duration_s=float(data["duration_s"]), summary=str(data["summary"]),
                          exit_code=data.get("exit_code"), output=str(data.get("output", "")),
                          details=tuple(str(d) for d in data.get("details", ())),
                          measures=tuple((str(m[0]), int(m[1]), int(m[2])) for m in data.get("measures", ())))
    except (KeyError, ValueError, TypeError):
        return None


def result_to(result: GateResult) -> dict[str, Any]:
    """The stored form: command, summary, output and details masked again (`names.masked_text`), so the cache
    never keeps a secret a command line or its echo (`$ echo ghp_...`) carried."""
    data = {**result.to_dict(), "duration_s": result.duration_s, "exit_code": result.exit_code,
            "output": result.output, "details": list(result.details)}
    for key in ("command", "summary", "output"):
        if isinstance(data.get(key), str):
            data[key] = masked_text(data[key])
    data["details"] = [masked_text(d) for d in result.details]
    data["measures"] = [list(m) for m in result.measures]  # numbers only: (name, covered, total)
    return data


def load(git_dir: Path) -> dict[str, dict[str, Any]]:
    """The stored entries by gate id ({} when the file is missing, corrupt or from another version)."""
    try:
        data = json.loads(store_file(git_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != STORE_VERSION or not isinstance(data.get("gates"), dict):
        return {}
    return {k: v for k, v in data["gates"].items() if isinstance(v, dict)}


def save(git_dir: Path, entries: Mapping[str, Mapping[str, Any]]) -> None:
    path = store_file(git_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps({"version": STORE_VERSION, "gates": entries}, indent=1).encode(), mode=0o600)
    except OSError:
        return  # a read-only git directory only costs the memory of results; the results themselves are complete


def record(git_dir: Path, results: Iterable[tuple[GateResult, str]]) -> None:
    """Keep each (result, key); entries of other gates stay. Skipped and cancelled runs tell nothing: not kept."""
    entries = load(git_dir)
    changed = False
    for result, key in results:
        if result.status == GateStatus.SKIP or result.cancelled:
            continue
        entries[result.id] = {"key": key, "result": result_to(result)}
        changed = True
    if changed:
        save(git_dir, entries)


@dataclass(frozen=True, slots=True)
class Stored:
    """The last results: fresh (their inputs are unchanged) and stale (files changed since they ran)."""

    fresh: Mapping[str, GateResult]
    stale: Mapping[str, GateResult]


def stored(git_dir: Path, keys: Mapping[str, str]) -> Stored:
    """The stored result of each gate in `keys` (gate id -> the key it would have now), fresh or stale."""
    fresh: dict[str, GateResult] = {}
    stale: dict[str, GateResult] = {}
    for gate_id, entry in load(git_dir).items():
        if gate_id not in keys:
            continue
        result = result_from(entry.get("result") or {})
        if result is None:
            continue
        (fresh if entry.get("key") == keys[gate_id] else stale)[gate_id] = result
    return Stored(fresh=fresh, stale=stale)
