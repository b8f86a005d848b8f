"""Configuration: `readiness.toml`, or `[tool.readiness]` in `pyproject.toml`; defaults for everything.

The schema is one table (`KEYS`): name, expected type, default and the description that `readiness init`
writes as a comment. Unknown keys and wrong types are errors naming the file, the key and the line.
The configuration never holds trust decisions: a repository cannot vouch for itself.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness.core.errors import ConfigError
from readiness.core.models import CATEGORIES, Severity

MAX_CONFIG_SIZE = 1 << 20
FAIL_ON = ("error", "warning", "never")
DEFAULT_TEST_GLOBS = (
    "tests/**", "test/**", "testing/**", "**/tests/**", "**/test/**", "**/__tests__/**",
    "**/test_*.py", "**/*_test.py", "**/conftest.py", "**/*_test.go", "**/*Test.java", "**/*Tests.java",
    "**/*Test.kt", "**/*.test.*", "**/*.spec.*", "**/*Tests.cs", "**/*Test.cs",
)
# Keys a repository might try to set to trust itself or switch redaction off: refused outright.
FORBIDDEN_KEYS = frozenset({"trust", "trusted", "trusted_paths", "trusted_config_paths", "redact", "mask_secrets"})


@dataclass(frozen=True)
class Key:
    name: str
    kind: str  # "str", "int", "bool", "list[str]", "table", "list[table]"
    default: Any
    description: str
    check: Callable[[Any], str | None] | None = None  # returns an error text or None


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str | None]:
    return lambda value: None if value in choices else f"must be one of {', '.join(choices)}"


def _positive(value: Any) -> str | None:
    return None if value > 0 else "must be a positive number"


def _severity_table(value: dict) -> str | None:
    for category, severity in value.items():
        if category not in CATEGORIES:
            return f"unknown category {category!r} (known: {', '.join(CATEGORIES)})"
        if severity not in tuple(Severity):
            return f"{category}: severity must be one of info, warning, error"
    return None


def _waiver_list(value: list) -> str | None:
    for entry in value:
        if set(entry) - {"id", "reason"}:
            return f"waiver entries take only id and reason, got {sorted(set(entry) - {'id', 'reason'})}"
        if not isinstance(entry.get("id"), str) or not entry["id"]:
            return "every waiver needs an id (the finding id from the report)"
        if not isinstance(entry.get("reason"), str) or not entry["reason"].strip():
            return f"waiver {entry['id']} needs a reason"
    return None


KEYS: dict[str, Key] = {k.name: k for k in (
    Key("base", "str", None, "Base branch or ref to compare against (default: auto-detected)."),
    Key("include", "list[str]", [], "Gitignore-style patterns: when set, only matching files are scanned."),
    Key("exclude", "list[str]", [], "Gitignore-style patterns of files never scanned."),
    Key("max_file_size", "int", 1 << 20, "Files larger than this many bytes are skipped with an info finding.",
        _positive),
    Key("fail_on", "str", "error", "Lowest unwaived severity that makes a run not ready: error, warning, never.",
        _one_of(FAIL_ON)),
    Key("test_globs", "list[str]", list(DEFAULT_TEST_GLOBS), "Patterns of test files (their stubs are info)."),
    Key("severity", "table", {}, "Per-category severity overrides, e.g. { missing-test = \"info\" }.",
        _severity_table),
    Key("waivers", "list[table]", [], "Waived findings: [{ id = \"<finding id>\", reason = \"why\" }].",
        _waiver_list),
)}


@dataclass
class Config:
    values: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None

    def __getitem__(self, name: str) -> Any:
        if name in self.values:
            return self.values[name]
        return KEYS[name].default

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, KEYS[name].default if name in KEYS else default)


def _type_ok(kind: str, value: Any) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "list[str]":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "table":
        return isinstance(value, dict)
    if kind == "list[table]":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    return False


def _line_of(text: str, key: str) -> int | None:
    match = re.search(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*[=.]", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _read(path: Path) -> str:
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    if stat.S_ISLNK(info.st_mode):
        target = path.resolve()
        if not target.is_file():
            raise ConfigError(f"{path}: is a symlink to something that is not a regular file")
        info = os.stat(target)
    elif not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"{path}: not a regular file")
    if info.st_size > MAX_CONFIG_SIZE:
        raise ConfigError(f"{path}: larger than 1 MiB, refusing to parse it")
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid UTF-8 (TOML files must be UTF-8)") from None


def validate(table: dict, source: Path, text: str, prefix: str = "") -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, value in table.items():
        where = f"{source}:{_line_of(text, name) or '?'}"
        if name in FORBIDDEN_KEYS:
            raise ConfigError(f"{where}: {prefix}{name} is not allowed: trust and redaction are never set by the "
                              "repository's own configuration (use `readiness trust` for trust)")
        key = KEYS.get(name)
        if key is None:
            close = [k for k in KEYS if k.replace("_", "") == name.replace("_", "").replace("-", "")]
            hint = f" (did you mean {close[0]}?)" if close else f" (known keys: {', '.join(sorted(KEYS))})"
            raise ConfigError(f"{where}: unknown key {prefix}{name}{hint}")
        if not _type_ok(key.kind, value):
            raise ConfigError(f"{where}: {prefix}{name} must be {key.kind.replace('table', 'a table')}, "
                              f"got {type(value).__name__}")
        problem = key.check(value) if key.check else None
        if problem:
            raise ConfigError(f"{where}: {prefix}{name} {problem}")
        values[name] = value
    return values


def find_config(root: Path) -> tuple[Path, dict, str] | None:
    """`readiness.toml` wins over `pyproject.toml`'s [tool.readiness], like ruff.toml over pyproject.toml."""
    for name in ("readiness.toml", ".readiness.toml"):
        path = root / name
        if os.path.lexists(path):
            text = _read(path)
            return path, _parse(path, text), text
    path = root / "pyproject.toml"
    if os.path.lexists(path):
        text = _read(path)
        table = _parse(path, text).get("tool", {}).get("readiness")
        if table is not None:
            if not isinstance(table, dict):
                raise ConfigError(f"{path}: tool.readiness must be a table")
            return path, table, text
    return None


def _parse(path: Path, text: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc} (fix the file, or move it aside to use the defaults)") \
            from None


def load(root: Path, explicit: Path | None = None) -> Config:
    """Load and validate the configuration of the repository at `root` (defaults when there is none)."""
    if explicit is not None:
        text = _read(explicit)
        data = _parse(explicit, text)
        table = data.get("tool", {}).get("readiness", data) if explicit.name == "pyproject.toml" else data
        return Config(validate(table, explicit, text), explicit)
    found = find_config(root)
    if found is None:
        return Config()
    path, table, text = found
    return Config(validate(table, path, text), path)


def render_init(table_header: str = "[tool.readiness]") -> str:
    """A commented configuration table with every key at its default, for `readiness init`."""
    out = [table_header]
    for key in KEYS.values():
        out.append(f"# {key.description}")
        out.append(f"# {key.name} = {_toml_value(key.default)}")
    return "\n".join(out) + "\n"


def _toml_value(value: Any) -> str:
    if value is None:
        return '"main"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f'{k} = {_toml_value(v)}' for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)
