"""What the findings screen's actions do to files (no textual here): waivers and the editor command line.

- `waive_inline` inserts `readiness: ignore[CATEGORY] reason` above the finding's line, in the file's comment
  syntax and indentation, keeping its line endings; it refuses where a comment would change the program (inside a
  Python multi-line string, JSON) and when the file changed since it was scanned.
- `waive_in_config` appends `{ id, reason }` to the waivers of the configuration in use (`[[waivers]]` in
  readiness.toml, `[[tool.readiness.waivers]]` in pyproject.toml; with no configuration, pyproject.toml when
  the project has one, else a new readiness.toml — never one that would hide a `[tool.readiness]` table) and
  validates the result with the same schema `readiness check` uses before the atomic write.
- `editor_command` builds `$VISUAL`/`$EDITOR` with the "open at line" syntax editors understand.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import shutil
import tokenize
import tomllib
from pathlib import Path

from readiness.core import config as config_mod
from readiness.core.atomic import atomic_write, digest
from readiness.core.errors import ConfigError, UsageError
from readiness.core.models import Finding
from readiness.core.scan.base import language_of

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


def clean_reason(reason: str) -> str:
    """One line, no control characters, nothing that would close the comment early."""
    text = _CONTROL.sub(" ", reason).replace("*/", "* /").replace("-->", "- ->")
    text = " ".join(text.split())[:MAX_REASON]
    if not text:
        raise UsageError("a waiver needs a reason: say why this finding is acceptable")
    return text


def _inside_multiline_string(text: str, line: int) -> bool:
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.STRING and token.start[0] < line <= token.end[0]:
                return True
            if token.start[0] > line:
                break
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return False
    return False


def waive_inline(root: Path, finding: Finding, reason: str) -> str:
    """Insert the waiver comment above the finding's line; returns the comment line written."""
    if finding.line is None:
        raise UsageError(f"{finding.path} has no line to put a comment on: use a configuration waiver")
    language = language_of(finding.path)
    if language not in COMMENTS:
        raise UsageError(f"no comment syntax known for {finding.path}: use a configuration waiver")
    path = Path(root) / finding.path
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {finding.path} ({exc.strerror}): nothing was written") from None
    text = raw.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    if finding.line > len(lines):
        raise UsageError(f"{finding.path} has fewer than {finding.line} lines now: re-scan (r) and try again")
    if language.startswith("python") and _inside_multiline_string(text, finding.line):
        raise UsageError(f"{finding.path}:{finding.line} is inside a multi-line string, where a comment would "
                         "change the text: use a configuration waiver")
    target = lines[finding.line - 1]
    ending = "\r" if target.endswith("\r") else ""
    indent = target[:len(target) - len(target.lstrip(" \t"))]
    opener, closer = COMMENTS[language]
    comment = f"{indent}{opener} readiness: ignore[{finding.category}] {clean_reason(reason)}{closer}"
    lines.insert(finding.line - 1, comment + ending)
    data = "\n".join(lines).encode("utf-8", "surrogateescape")
    mode = path.stat().st_mode & 0o7777
    atomic_write(path, data, expected_digest=digest(raw), mode=mode)
    return comment.strip()


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


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


def describe_target(root: Path, source: Path | None) -> str:
    """The waive dialog's words for `waiver_target` (`pyproject.toml`, `readiness.toml (new file)`)."""
    try:
        target = waiver_target(root, source)
    except ConfigError:
        return "the configuration (it is invalid now: fix it first)"
    return target.name if target.exists() else f"{target.name} (new file)"


def waive_in_config(root: Path, source: Path | None, finding_id: str, reason: str) -> Path:
    """Append a waiver to the configuration file `waiver_target` names; returns the file written."""
    reason = clean_reason(reason)
    target = waiver_target(root, source)
    in_pyproject = target.name == "pyproject.toml"
    header = "[[tool.readiness.waivers]]" if in_pyproject else "[[waivers]]"
    try:
        raw = target.read_bytes() if target.exists() else b""
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {target.name} ({exc}): add the waiver by hand") from None
    table = _table(tomllib.loads(text) if text else {}, in_pyproject)
    if "waivers" in table and not isinstance(table["waivers"], list):
        raise ConfigError(f"{target.name}: waivers is not a list; fix it first")
    if "waivers" in table and header not in text:
        raise ConfigError(f"{target.name} lists waivers inline: add {{ id = {_toml_string(finding_id)}, reason = "
                          f"{_toml_string(reason)} }} to that list by hand")
    newline = "\r\n" if "\r\n" in text else "\n"
    separator = "" if not text else (newline if text.endswith("\n") else newline * 2)
    block = newline.join([header, f"id = {_toml_string(finding_id)}", f"reason = {_toml_string(reason)}", ""])
    new_text = text + separator + block
    try:
        config_mod.validate(_table(tomllib.loads(new_text), in_pyproject), target, new_text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{target.name}: the waiver would not parse ({exc}); nothing was written") from None
    atomic_write(target, new_text.encode("utf-8"), expected_digest=digest(raw))
    return target


def _table(data: dict, in_pyproject: bool) -> dict:
    return data.get("tool", {}).get("readiness", {}) if in_pyproject else data


LINE_FLAG = ("vi", "vim", "nvim", "nano", "emacs", "emacsclient", "micro", "kak", "hx", "helix", "joe", "ne",
             "mg", "jed", "pico")
COLON = ("subl", "sublime_text", "zed", "mate")


def editor_command(path: Path, line: int | None, environ: dict[str, str] | None = None) -> list[str] | None:
    """The editor command line opening `path` at `line`, or None when no editor is configured or found."""
    env = os.environ if environ is None else environ
    configured = env.get("VISUAL") or env.get("EDITOR")
    words = shlex.split(configured) if configured else []
    if not words:
        found = next((name for name in ("nano", "vi") if shutil.which(name)), None)
        if found is None:
            return None
        words = [found]
    name = Path(words[0]).name
    if line is None:
        return [*words, str(path)]
    if name in LINE_FLAG:
        return [*words, f"+{line}", str(path)]
    if name in ("code", "code-insiders", "codium", "cursor"):
        return [*words, "--goto", f"{path}:{line}"]
    if name in COLON:
        return [*words, f"{path}:{line}"]
    if name in ("idea", "pycharm", "charm"):
        return [*words, "--line", str(line), str(path)]
    return [*words, str(path)]
