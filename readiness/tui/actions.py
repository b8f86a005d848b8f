"""What the findings screen's actions do to files (no textual here): waivers and the editor command line.

- `waive_inline` and `waive_in_config` are `readiness.core.waive` (the comment on the finding's line; the entry in
  the configuration in use, through tomlkit); here they return what the screen shows.
- `describe_target` names the file a configuration waiver goes to, for the waive dialog.
- `editor_command` builds `$VISUAL`/`$EDITOR` with the "open at line" syntax editors understand.
"""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

from readiness.core import waive
from readiness.core.errors import ConfigError
from readiness.core.models import Finding
from readiness.core.waive import clean_reason, waiver_target

__all__ = ["clean_reason", "describe_target", "editor_command", "waive_in_config", "waive_inline", "waiver_target"]


def waive_inline(root: Path, finding: Finding, reason: str) -> str:
    """Insert the waiver comment above the finding's line; returns the comment line written."""
    return waive.waive_inline(root, finding, reason).text


def waive_in_config(root: Path, source: Path | None, finding_id: str, reason: str) -> Path:
    """Append a waiver to the configuration in use; returns the file written."""
    return waive.waive_in_config(root, source, finding_id, reason).path


def describe_target(root: Path, source: Path | None) -> str:
    """The waive dialog's words for `waiver_target` (`pyproject.toml`, `readiness.toml (new file)`)."""
    try:
        target = waiver_target(root, source)
    except ConfigError:
        return "the configuration (it is invalid now: fix it first)"
    return target.name if target.exists() else f"{target.name} (new file)"


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
