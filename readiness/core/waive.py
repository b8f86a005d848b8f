"""Waive a finding (CONTRACT.md, "Waivers"): a comment on its line, or its id with a reason in the configuration.

- `waive_inline` inserts `readiness: ignore[CATEGORY] reason` above the finding's line, in the file's comment
  syntax and indentation, keeping its line endings; it refuses where a comment would change the program (inside a
  Python multi-line string, JSON) and when the file changed since it was read.
- `waive_in_config` appends `{ id, reason }` to the waivers of the configuration in use (`waiver_target`), through
  tomlkit: comments and layout are kept, an inline `waivers = [...]` list gets one more inline table, an array of
  tables (`[[waivers]]`, `[[tool.readiness.waivers]]`) one more table, and the reason is escaped whatever it
  holds. The result is validated with the schema `readiness check` uses before the atomic write.
- A reason is one line of plain text, never empty, and never a secret (the hard-coded-secret detectors decide):
  a waiver is read by everyone who reads the repository.

Both return what they wrote (`Written`): the file and the text added.
"""

from __future__ import annotations

import io
import os
import re
import tokenize
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions
import tomlkit.items

from readiness.core import config as config_mod
from readiness.core.atomic import atomic_write, digest
from readiness.core.errors import ConfigError, UsageError
from readiness.core.models import Finding
from readiness.core.scan.base import language_of
from readiness.core.secrets.find import find_secrets, mask_secrets
from readiness.core.writer import WriteRefused, git_dir_of, user_target, writer_lock

HASH = ("#", "")
SLASHES = ("//", "")
COMMENTS = {
    "python": HASH, "python-stub": HASH, "shell": HASH, "ruby": HASH, "toml": HASH, "yaml": HASH,
    "java": SLASHES, "kotlin": SLASHES, "scala": SLASHES, "csharp": SLASHES, "go": SLASHES, "rust": SLASHES,
    "javascript": SLASHES, "typescript": SLASHES, "swift": SLASHES, "c": SLASHES, "cpp": SLASHES, "php": SLASHES,
    "markdown": ("<!--", " -->"),
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
MAX_REASON = 200


@dataclass(frozen=True, slots=True)
class Written:
    """What a waiver wrote: the file, and the text added to it (the comment line, or the TOML entry)."""

    path: Path
    text: str


def clean_reason(reason: str) -> str:
    """One line, no control characters, nothing that would close the comment early, no secret."""
    text = _CONTROL.sub(" ", reason).replace("*/", "* /").replace("-->", "- ->")
    text = " ".join(text.split())[:MAX_REASON]
    if not text:
        raise UsageError("a waiver needs a reason: say why this finding is acceptable")
    if find_secrets(text, prose=True):
        raise UsageError(f"the reason looks like it contains a secret ({mask_secrets(text)}): say why the finding "
                         "is acceptable without the credential")
    return text


def _inside_multiline_string(text: str, line: int) -> bool:
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.STRING and token.start[0] < line <= token.end[0]:
                return True
            if token.start[0] > line:
                break
    except (tokenize.TokenError, SyntaxError):
        return False
    return False


def waive_inline(root: Path, finding: Finding, reason: str) -> Written:
    """Insert the waiver comment above the finding's line; returns the file and the comment line written."""
    if finding.line is None:
        raise UsageError(f"{finding.path} has no line to put a comment on: use a configuration waiver")
    language = language_of(finding.path)
    if language is None or language not in COMMENTS:
        raise UsageError(f"no comment syntax known for {finding.path}: use a configuration waiver")
    reason = clean_reason(reason)
    try:  # the one writer's refusals: never into .git, outside the work tree, a non-regular or ignored file
        path = user_target(Path(root), finding.path, what=finding.path)
    except WriteRefused as exc:
        raise UsageError(f"{exc}: nothing was written") from None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {finding.path} ({exc.strerror}): nothing was written") from None
    text = raw.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    if finding.line > len(lines):
        raise UsageError(f"{finding.path} has fewer than {finding.line} lines now: re-scan and try again")
    if language.startswith("python") and _inside_multiline_string(text, finding.line):
        raise UsageError(f"{finding.path}:{finding.line} is inside a multi-line string, where a comment would "
                         "change the text: use a configuration waiver")
    target = lines[finding.line - 1]
    ending = "\r" if target.endswith("\r") else ""
    indent = target[:len(target) - len(target.lstrip(" \t"))]
    opener, closer = COMMENTS[language]
    comment = f"{indent}{opener} readiness: ignore[{finding.category}] {reason}{closer}"
    lines.insert(finding.line - 1, comment + ending)
    data = "\n".join(lines).encode("utf-8", "surrogateescape")
    mode = path.stat().st_mode & 0o7777
    with writer_lock(git_dir_of(Path(root))):
        atomic_write(path, data, expected_digest=digest(raw), mode=mode)
    return Written(path, comment.strip())


def waiver_target(root: Path, source: Path | None) -> Path:
    """Where a configuration waiver goes: the configuration in use; else the one that exists now (added since the
    scan); else pyproject.toml when the project has one (a `[[tool.readiness.waivers]]` table); else a new
    readiness.toml. Never a new readiness.toml next to a `[tool.readiness]` table: it would take precedence and
    silently hide that table."""
    if source is not None and os.path.lexists(source):
        return Path(source)
    found = config_mod.find_config(Path(root))  # ConfigError when the configuration there cannot be read
    if found is not None:
        return found[0]
    pyproject = Path(root) / "pyproject.toml"
    return pyproject if pyproject.is_file() else Path(root) / "readiness.toml"


def _readiness_table(doc: tomlkit.TOMLDocument, in_pyproject: bool, name: str) -> Any:
    """The table that holds the configuration keys: the document, or `[tool.readiness]` (created when absent)."""
    if not in_pyproject:
        return doc
    tool = doc.get("tool")
    if tool is None:
        doc.append("tool", tomlkit.table(is_super_table=True))
        tool = doc["tool"]
    if not isinstance(tool, tomlkit.items.Table):
        raise ConfigError(f"{name}: tool is not a table; add the waiver by hand")
    table = tool.get("readiness")
    if table is None:
        tool.append("readiness", tomlkit.table())
        table = tool["readiness"]
    if not isinstance(table, tomlkit.items.Table | tomlkit.items.InlineTable):
        raise ConfigError(f"{name}: tool.readiness is not a table; fix it first")
    return table


def _append_waiver(table: Any, finding_id: str, reason: str, name: str) -> str:
    """Append the entry in the form the list already has; returns the entry as TOML."""
    waivers = table.get("waivers")
    if waivers is None or isinstance(waivers, tomlkit.items.AoT):
        entry = tomlkit.table()
        entry.add("id", finding_id)
        entry.add("reason", reason)
        entry.add(tomlkit.nl())
        if waivers is None:
            waivers = tomlkit.aot()
            waivers.append(entry)
            table.append("waivers", waivers)
        else:
            waivers.append(entry)
    elif isinstance(waivers, tomlkit.items.Array):
        waivers.append({"id": finding_id, "reason": reason})  # tomlkit writes an inline table
    else:
        raise ConfigError(f"{name}: waivers is not a list; fix it first")
    inline = tomlkit.inline_table()
    inline.update({"id": finding_id, "reason": reason})
    return inline.as_string()


def waive_in_config(root: Path, source: Path | None, finding_id: str, reason: str) -> Written:
    """Append a waiver to the configuration file `waiver_target` names; returns the file and the entry written."""
    reason = clean_reason(reason)
    if not finding_id.strip():
        raise UsageError("a configuration waiver needs the finding id from the report")
    target = waiver_target(root, source)
    if source is None or Path(target).resolve().is_relative_to(Path(root).resolve()):
        try:  # the configuration inside the work tree goes through the one writer's refusals
            target = user_target(Path(root), os.path.relpath(target, root), what=target.name)
        except WriteRefused as exc:
            raise ConfigError(f"{exc}: nothing was written") from None
    in_pyproject = target.name == "pyproject.toml"
    try:
        raw = target.read_bytes() if target.exists() else b""
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {target.name} ({exc}): add the waiver by hand") from None
    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError(f"{target.name}: invalid TOML ({exc}); fix it first") from None
    entry = _append_waiver(_readiness_table(doc, in_pyproject, target.name), finding_id, reason, target.name)
    new_text = doc.as_string()
    if not text.endswith("\n\n"):
        new_text = new_text.rstrip("\n") + "\n"
    if "\r\n" in text:
        new_text = new_text.replace("\r\n", "\n").replace("\n", "\r\n")
    try:
        data = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{target.name}: the waiver would not parse ({exc}); nothing was written") from None
    table = data.get("tool", {}).get("readiness", {}) if in_pyproject else data
    config_mod.validate(table, target, new_text)
    with writer_lock(git_dir_of(Path(root))):
        atomic_write(target, new_text.encode("utf-8"), expected_digest=digest(raw))
    return Written(target, entry)
