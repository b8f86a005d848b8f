"""Checklists: the TOML schema, loading (built-ins, then the repository's own by id), and the pure evaluation engine.

A checklist file (`schema_version = 1`) has an id, a title, a description and `[[items]]`; each item has an id, a
title, `why` (the methodology's sentence), `how` (what to do when it fails), an optional `source` (the methodology's
section), a `check` and an optional `applies_when`. Checks: `findings` (categories or rule-id prefixes, passes when
none unwaived at or above `severity` is in scope), `gate` (a quality gate's result; pending until it ran), `manual`
(the developer confirms), `changed` (a file in scope matches a glob), or `all`/`any` of those. Unknown keys, wrong
types, duplicate ids and unknown gates or categories are errors naming the file and line.

`evaluate` is pure: findings, gate results, manual check-offs and the files in scope in, ChecklistResults out.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from importlib.resources import files as package_files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.core import safe_regex
from readiness.core.checklists import flaky_age
from readiness.core.checklists.engine import MEASURES, Inputs, evaluate
from readiness.core.checklists.model import (  # re-exported: the data types used to live here
    Check as Check,
)
from readiness.core.checklists.model import (
    Checklist as Checklist,
)
from readiness.core.checklists.model import (
    Condition as Condition,
)
from readiness.core.checklists.model import (
    Item as Item,
)
from readiness.core.checklists.signals import SIGNALS, change_signals
from readiness.core.checklists.state import ManualState, branch_key, digest_paths
from readiness.core.config import _read, parse_toml
from readiness.core.errors import ConfigError, UsageError
from readiness.core.models import CATEGORIES, GATE_IDS, ItemKind, Severity, Status
from readiness.core.paths import invalid_pattern
from readiness.core.pipeline.sources import texts_of

if TYPE_CHECKING:
    from readiness.core.config import Config
    from readiness.core.models import ChecklistResult, GateResult
    from readiness.core.pipeline.run import ScanResult
    from readiness.core.repo import Repository

SCHEMA_VERSION = 1
BUILTIN_ORDER = ("ready-for-review", "merge", "quality-gates", "implemented", "minimum-per-feature")
KINDS = tuple(ItemKind)  # the keys that name a check
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Modifiers each check kind accepts besides its own key: (name, type, allowed values or None).
_MODIFIERS: dict[ItemKind, dict[str, tuple[type, tuple[str, ...] | None]]] = {
    ItemKind.FINDINGS: {"severity": (str, tuple(Severity)), "exclude": (list, None), "paths": (list, None),
                 "on_findings": (str, (Status.FAIL, Status.WARN)), "label": (str, None)},
    ItemKind.GATE: {"on_skip": (str, (Status.SKIP, Status.WARN, Status.MANUAL, Status.FAIL)),
                    "measure": (str, tuple(MEASURES)), "at_least": (int, None)},
    ItemKind.MANUAL: {"paths": (list, None)},
    ItemKind.CHANGED: {"otherwise": (str, (Status.FAIL, Status.WARN))}, ItemKind.ALL: {}, ItemKind.ANY: {},
    ItemKind.SIGNAL: {"on_findings": (str, (Status.FAIL, Status.WARN))},
}
_TOP = {"schema_version": int, "id": str, "title": str, "description": str, "source": str, "items": list}
_ITEM = {"id": str, "title": str, "why": str, "how": str, "source": str, "check": dict, "applies_when": dict}
_WHEN = {"changed": list, "exclude": list, "changed_at_least": int, "changed_words": list, "changed_text": str,
         "findings": list, "signals": list, "description": str}
_TYPE_NAMES = {str: "a string", int: "an integer", list: "an array", dict: "a table"}


# -- parsing and validation -----------------------------------------------------------------------------------------
class _Source:
    """The file being validated, for `file:line` error messages (tomllib keeps no positions)."""

    def __init__(self, label: str, text: str) -> None:
        self.label, self.lines = label, text.splitlines()
        self.items = [n for n, line in enumerate(self.lines) if re.match(r"\s*\[\[\s*items\s*\]\]", line)]

    def line(self, key: str, item: int | None = None) -> int | None:
        start, end = 0, len(self.lines)
        if item is not None and item < len(self.items):
            start = self.items[item]
            end = self.items[item + 1] if item + 1 < len(self.items) else end
        pattern = re.compile(rf"(^|[\s{{,.])[\"']?{re.escape(key)}[\"']?\s*=")
        hit = next((n for n in range(start, end) if pattern.search(self.lines[n])), None)
        if hit is None and item is not None and item < len(self.items):
            hit = start
        return None if hit is None else hit + 1

    def error(self, message: str, key: str = "", item: int | None = None) -> ConfigError:
        line = self.line(key, item) if key else (self.items[item] + 1 if item is not None and
                                                  item < len(self.items) else None)
        return ConfigError(f"{self.label}:{line or '?'}: {message}")


def _typed(src: _Source, table: dict[str, Any], schema: Mapping[str, type], where: str, item: int | None) -> None:
    for key, value in table.items():
        expected = schema.get(key)
        if expected is None:
            raise src.error(f"unknown key {key!r} in {where} (known: {', '.join(schema)})", key, item)
        if not isinstance(value, expected) or isinstance(value, bool):
            raise src.error(f"{where}: {key} must be {_TYPE_NAMES[expected]}, got {type(value).__name__}", key, item)
        if isinstance(value, list) and key != "items" and not all(isinstance(v, str) for v in value):
            raise src.error(f"{where}: {key} must be an array of strings", key, item)


def _refs(src: _Source, refs: list[str], key: str, item: int) -> tuple[str, ...]:
    for ref in refs:
        category = ref.split("/", 1)[0]
        if category not in CATEGORIES:
            raise src.error(f"unknown category {category!r} in {key} (known: {', '.join(CATEGORIES)})", key, item)
    return tuple(refs)


def _check(src: _Source, table: dict, item: int, gates: Collection[str], where: str = "check") -> Check:
    kinds = [k for k in table if k in KINDS]
    if len(kinds) != 1:
        found = f"{' and '.join(kinds)}" if kinds else "none"
        raise src.error(f"{where} needs exactly one of {', '.join(KINDS)} (found {found})",
                        kinds[-1] if kinds else "check", item)
    kind = ItemKind(kinds[0])
    allowed = _MODIFIERS[kind]
    table = dict(table)
    for key, value in table.items():
        if key in (kind, "when"):
            continue
        if key not in allowed:
            known = [m for mods in _MODIFIERS.values() for m in mods]
            problem = f"{key} does not apply to a {kind} check" if key in known else f"unknown key {key!r}"
            raise src.error(f"{problem} in {where} (known here: {', '.join([kind, *allowed])})", key, item)
        expected, choices = allowed[key]
        if not isinstance(value, expected) or (isinstance(value, list) and not all(isinstance(v, str) for v in value)):
            raise src.error(f"{where}: {key} must be {_TYPE_NAMES[expected]}"
                            f"{' of strings' if expected is list else ''}, got {type(value).__name__}", key, item)
        if choices and value not in choices:
            raise src.error(f"{where}: {key} must be one of {', '.join(choices)}, got {value!r}", key, item)
    when = _signals(src, table.pop("when", []), "when", item)
    check = _check_kind(src, table, kind, item, gates, where)
    return replace(check, when=when) if when else check


def _signals(src: _Source, names: object, key: str, item: int) -> tuple[str, ...]:
    """The change signals a check (`when`) or an item (`applies_when.signals`) is asked under."""
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise src.error(f"{key} must be an array of strings", key, item)
    unknown = [n for n in names if n not in SIGNALS]
    if unknown:
        raise src.error(f"unknown signal {unknown[0]!r} in {key} (known: {', '.join(SIGNALS)})", key, item)
    return tuple(names)


def _globs(src: _Source, values: Any, key: str, item: int) -> tuple[str, ...]:
    """A list of path patterns, refused with the item's place when one does not compile (`[z-a]`)."""
    problem = invalid_pattern(list(values)) if isinstance(values, list | tuple) else None
    if problem is not None:
        raise src.error(f"{key} {problem}", key, item)
    return tuple(values)


def _check_kind(src: _Source, table: dict, kind: ItemKind, item: int, gates: Collection[str], where: str) -> Check:
    value = table[kind]
    mods: dict[str, Any] = {k: v for k, v in table.items() if k != kind}
    if "paths" in mods:
        mods["paths"] = _globs(src, mods["paths"], "paths", item)
    if kind.combines:
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            raise src.error(f"{where}: {kind} must be a non-empty array of check tables", kind, item)
        children = tuple(_check(src, child, item, gates, f"{where}.{kind}[{n}]") for n, child in enumerate(value))
        return Check(kind, children=children)
    expected = str if kind in (ItemKind.GATE, ItemKind.MANUAL, ItemKind.SIGNAL) else list
    if not isinstance(value, expected) or (expected is list and not all(isinstance(v, str) for v in value)):
        raise src.error(f"{where}: {kind} must be {_TYPE_NAMES[expected]}{' of strings' if expected is list else ''}"
                        f", got {type(value).__name__}", kind, item)
    if not value:
        raise src.error(f"{where}: {kind} must not be empty", kind, item)
    if kind == ItemKind.GATE:
        if value not in gates:
            raise src.error(f"unknown gate {value!r} (known: {', '.join(sorted(gates))})", kind, item)
        if "at_least" in mods and not 0 <= mods["at_least"] <= 100:
            raise src.error(f"{where}: at_least must be a percentage from 0 to 100", "at_least", item)
        return Check(kind, gate=str(value), on_skip=Status(mods.get("on_skip", Status.SKIP)),
                     measure=mods.get("measure", ""), at_least=mods.get("at_least", 0))
    if kind == ItemKind.MANUAL:
        return Check(kind, prompt=str(value), paths=tuple(mods.get("paths", ())))
    if kind == ItemKind.SIGNAL:  # fails (or warns, `on_findings`) when the change shows the signal
        if value not in SIGNALS:
            raise src.error(f"unknown signal {value!r} (known: {', '.join(SIGNALS)})", kind, item)
        return Check(kind, refs=(str(value),), on_findings=Status(mods.get("on_findings", Status.FAIL)))
    if kind == ItemKind.CHANGED:  # `otherwise`: the status when no file matches (fail)
        return Check(kind, refs=_globs(src, value, "changed", item), on_findings=Status(mods.get("otherwise", Status.FAIL)))
    return Check(kind, refs=_refs(src, list(value), kind, item), exclude=_refs(src, mods.get("exclude", []), "exclude",
                 item), paths=tuple(mods.get("paths", ())), severity=Severity(mods.get("severity", "warning")),
                 on_findings=Status(mods.get("on_findings", Status.FAIL)), label=mods.get("label", ""))


def _condition(src: _Source, table: dict, item: int) -> Condition:
    _typed(src, table, _WHEN, "applies_when", item)
    if not set(table) & {"changed", "changed_words", "changed_text", "findings", "signals"}:
        raise src.error("applies_when needs changed, changed_words, changed_text, findings or signals",
                        "applies_when", item)
    if table.get("changed_at_least", 1) < 1:
        raise src.error("applies_when: changed_at_least must be 1 or more", "changed_at_least", item)
    text = table.get("changed_text")
    if text is not None:
        problem = safe_regex.check(text)  # the time-bounded engine the checklist engine runs it on
        if problem is not None:
            raise src.error(f"applies_when: changed_text is not a valid regular expression ({problem})",
                            "changed_text", item)
    return Condition(changed=_globs(src, table.get("changed", []), "changed", item),
                     exclude=_globs(src, table.get("exclude", []), "exclude", item),
                     changed_at_least=table.get("changed_at_least", 1), changed_text=text,
                     changed_words=tuple(w.lower() for w in table.get("changed_words", ()) if w),
                     findings=_refs(src, table.get("findings", []), "findings", item),
                     signals=_signals(src, table.get("signals", []), "signals", item),
                     description=table.get("description", ""))


def parse_checklist(text: str, label: str, gates: Collection[str] = GATE_IDS, origin: str = "built-in") -> Checklist:
    """Parse and validate one checklist file; ConfigError names `label` and the line."""
    src = _Source(label, text)
    doc = parse_toml(text, label)  # invalid TOML and hostile nesting: one ConfigError
    _typed(src, doc, _TOP, "the checklist", None)
    for key in ("schema_version", "id", "title", "items"):
        if key not in doc:
            raise src.error(f"missing required key {key!r}")
    if doc["schema_version"] != SCHEMA_VERSION:
        raise src.error(f"schema_version {doc['schema_version']} is not supported (this readiness reads "
                        f"{SCHEMA_VERSION}): upgrade readiness or rewrite the file", "schema_version")
    if not _SLUG.match(doc["id"]):
        raise src.error(f"id {doc['id']!r} must be lower-case letters, digits, - and _", "id")
    if not doc["items"]:
        raise src.error("items must not be empty", "items")
    items: list[Item] = []
    for n, table in enumerate(doc["items"]):
        if not isinstance(table, dict):
            raise src.error("items must be tables ([[items]])", "items")
        _typed(src, table, _ITEM, f"item {table.get('id', n + 1)!r}", n)
        for key in ("id", "title", "check"):
            if key not in table:
                raise src.error(f"item {table.get('id', n + 1)!r} is missing required key {key!r}", item=n)
        if not _SLUG.match(table["id"]):
            raise src.error(f"item id {table['id']!r} must be lower-case letters, digits, - and _", "id", n)
        if any(i.id == table["id"] for i in items):
            raise src.error(f"duplicate item id {table['id']!r}", "id", n)
        when = table.get("applies_when")
        items.append(Item(id=table["id"], title=table["title"], check=_check(src, table["check"], n, gates),
                          why=table.get("why", ""), how=table.get("how", ""), source=table.get("source", ""),
                          applies_when=_condition(src, when, n) if when is not None else None))
    return Checklist(id=doc["id"], title=doc["title"], items=tuple(items), description=doc.get("description", ""),
                     source=doc.get("source", ""), origin=origin)


_PARSED: dict[tuple[str, str, tuple[str, ...]], Checklist] = {}  # (name, text, gates) -> the parsed checklist


def builtin_checklists(gates: Collection[str] = GATE_IDS) -> list[Checklist]:
    """The built-in checklists in their fixed order. Each file is parsed once per process for its text and the
    gates (checklists are immutable; the terminal UI evaluates them on every save)."""
    folder = package_files("readiness") / "checklists"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            text, known = entry.read_text(encoding="utf-8"), tuple(sorted(gates))
            key = (entry.name, text, known)
            if key not in _PARSED:
                _PARSED[key] = parse_checklist(text, f"readiness/checklists/{entry.name}", gates)
            found.append(_PARSED[key])
    rank = {cid: n for n, cid in enumerate(BUILTIN_ORDER)}
    return sorted(found, key=lambda c: (rank.get(c.id, len(rank)), c.id))


def load_checklists(root: Path | None, folder: str = "checklists", gates: Collection[str] = GATE_IDS) -> list[Checklist]:
    """Built-ins in their fixed order; the repository's `folder/*.toml` replace built-ins by id or are appended."""
    result = builtin_checklists(gates)
    if root is None:
        return result
    directory = Path(root) / folder
    if not directory.is_dir() or directory.resolve() == Path(str(package_files("readiness") / "checklists")).resolve():
        return result  # no folder, or the built-ins' own source folder (readiness checking itself)
    real_root = Path(root).resolve()
    if not directory.resolve().is_relative_to(real_root):
        raise ConfigError(f"{folder}: resolves to {directory.resolve()}, outside the repository: refusing to read "
                          "checklists from it (replace the symlink with a folder, or set checklists_dir)")
    positions = {c.id: n for n, c in enumerate(result)}
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.toml")):
        rel = path.relative_to(root).as_posix()
        checklist = parse_checklist(_read(path, Path(root)), rel, gates, origin=rel)  # the configuration's rules
        if checklist.id in seen:
            raise ConfigError(f"{rel}: duplicate checklist id {checklist.id!r} (also in {seen[checklist.id]}): "
                              "rename one of them")
        seen[checklist.id] = rel
        if checklist.id in positions:
            result[positions[checklist.id]] = replace(checklist, overrides=True)
        else:
            result.append(checklist)
    return result


def find(checklists: Sequence[Checklist], checklist_id: str) -> Checklist:
    for checklist in checklists:
        if checklist.id == checklist_id:
            return checklist
    raise UsageError(f"no checklist {checklist_id!r} (available: {', '.join(c.id for c in checklists)}; "
                      "see `readiness checklist list`)")


# -- the I/O around the pure engine (readiness.core.checklists.engine) ---------------------------------------------
def known_gates(cfg: Config) -> set[str]:
    """Built-in gate ids plus any the configuration declares (`[tool.readiness.gates.<id>]`)."""
    configured = cfg.values.get("gates")
    return set(GATE_IDS) | (set(configured) if isinstance(configured, dict) else set())


def load_for(root: Path, cfg: Config) -> list[Checklist]:
    """The checklists of a repository, and a check that `checklists_required` names existing ones."""
    checklists = load_checklists(root, cfg["checklists_dir"], known_gates(cfg))
    ids = {c.id for c in checklists}
    unknown = [cid for cid in cfg["checklists_required"] if cid not in ids]
    if unknown:
        raise ConfigError(f"{cfg.source or 'configuration'}: checklists_required names unknown checklist "
                          f"{unknown[0]!r} (available: {', '.join(sorted(ids))})")
    return checklists


def change_digests(repo: Repository) -> dict[str, str]:
    """Content digests of the branch's changed files (deleted ones included): what a check-off covers.

    Where the changes cannot be computed (a shallow clone without the merge-base, scanned with --all), every file
    counts, so a confirmation still goes stale when anything changes.
    """
    paths = repo.all_paths() if repo.scope_problem else repo.changes()
    return digest_paths(repo.root, paths)


def evaluate_scan(result: ScanResult, gates: Sequence[GateResult] = ()) -> tuple[tuple[ChecklistResult, ...],
                                                                                  list[str]]:
    """Evaluate every checklist of the scanned repository: its findings, the gates that ran, the manual state."""
    repo = result.repo
    checklists = load_for(repo.root, result.config)
    manual, notes = ManualState(repo.git_dir).load(branch_key(repo.branch, repo.head))
    inputs = Inputs(findings=tuple(result.findings), gates={g.id: g for g in gates}, manual=manual,
                    paths=tuple(result.changed_paths), texts=texts_of(result.files),
                    digests=change_digests(repo), rules=_rules(result),
                    applicability=result.applicability, signals=_scan_signals(result))
    return evaluate(checklists, inputs), notes


def _scan_signals(result: ScanResult) -> dict[str, str]:
    """The change signals and the flaky deadline: kept with a cached scan (no file is read for them), else computed
    from the files read."""
    signals = result.signals if result.signals is not None else change_signals(
        result.files, result.changed_paths, tuple(result.config["source_roots"]),
        int(result.config["large_change_lines"]))
    markers = result.flaky_markers if result.flaky_markers is not None else flaky_age.markers(result.files)
    return {**signals, **flaky_age.overdue_at(result.repo, markers, datetime.now(UTC))}


def _rules(result: ScanResult) -> frozenset[str]:
    """The id of every known rule: kept with a cached scan, else asked of the scanners."""
    if result.rules is not None:
        return result.rules
    # deferred: the scanners cost ~50 ms at import; `readiness checklist list/check` load checklists without them
    from readiness.core.scan.engine import EXTRA_RULES
    from readiness.core.scan.scanners import all_rules

    return frozenset({**all_rules(), **EXTRA_RULES})
