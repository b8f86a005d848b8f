"""`[tool.readiness.gates.<id>]`: validation (called by the configuration loader) and per-gate settings.

Keys of a gate table:
- `command`: a list of strings (argv) or a string (split like a shell would, no shell runs). Replaces the built-in
  command; the gate then passes when the command exits 0. A table with an id that is not built in and a `command`
  adds a gate.
- `args`: a list of strings appended to the built-in command (tests: replaces the default `-m "not slow"`).
- `timeout`: seconds, 1 to 3600.
- `enabled`: false removes the gate from `--gates all` (it is reported as skipped).
- `threshold`: coverage: percent of changed lines (default 75); lint: errors allowed (default 0); build: errors
  allowed (default 0); security: lowest bandit severity that fails, "low", "medium" or "high" (default "high");
  docs: lowest missing-docs finding severity that fails, "info", "warning" or "error" (default "warning").
A gate whose `command` or `args` come from the configuration runs only in a trusted repository.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from typing import Any

from readiness.core.models import GATE_IDS

GATE_KEYS = ("command", "args", "timeout", "enabled", "threshold")
SEVERITIES = ("low", "medium", "high")
DOC_SEVERITIES = ("info", "warning", "error")
NUMERIC_THRESHOLDS = {"coverage": (0.0, 100.0), "lint": (0.0, 1e9), "build": (0.0, 1e9)}
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


@dataclass(frozen=True, slots=True)
class GateSettings:
    command: tuple[str, ...] | None = None
    args: tuple[str, ...] | None = None
    timeout: float | None = None
    enabled: bool = True
    threshold: float | str | None = None

    @property
    def from_config(self) -> bool:
        """True when the repository's configuration supplies (part of) the command: code from the repository."""
        return self.command is not None or self.args is not None


def split_command(value: str | list[str]) -> tuple[str, ...]:
    return tuple(shlex.split(value)) if isinstance(value, str) else tuple(value)


class Problem(str):
    """A problem in the `gates` table (the text the loader used to show) that also knows where it is: `path`, the
    keys below `gates` (gate id, then the key), and `detail`, the message without the table name. The loader turns
    them into `file:line: [tool.readiness.gates.<id>] detail`."""

    path: tuple[str, ...]
    detail: str

    def __new__(cls, path: tuple[str, ...], detail: str) -> Problem:
        problem = super().__new__(cls, f"[gates.{path[0]}]: {detail}")
        problem.path, problem.detail = path, detail
        return problem


def check_table(value: dict[str, Any]) -> Problem | None:
    """Problems in the `gates` table, as the configuration loader reports them (None when valid)."""
    for gate_id, table in value.items():
        gate = str(gate_id)
        if not _ID.match(gate):
            return Problem((gate,), "gate ids are 1-40 lowercase letters, digits, '-' or '_'")
        if not isinstance(table, dict):
            return Problem((gate,), "must be a table (command, args, timeout, enabled, threshold)")
        unknown = sorted(set(table) - set(GATE_KEYS))
        if unknown:
            return Problem((gate, unknown[0]), f"unknown key {unknown[0]} (known: {', '.join(GATE_KEYS)})")
        problem = _check_gate(gate_id, table, builtin=gate_id in GATE_IDS)
        if problem:
            key = problem.split(" ", 1)[0]
            return Problem((gate, key) if key in table else (gate,), problem)
    return None


def _check_gate(gate_id: str, table: dict[str, Any], builtin: bool) -> str | None:
    if "command" in table:
        command = table["command"]
        if isinstance(command, str):
            try:
                argv = shlex.split(command)
            except ValueError as exc:
                return f"command cannot be split into arguments ({exc})"
        elif isinstance(command, list) and all(isinstance(a, str) for a in command):
            argv = command
        else:
            return "command must be a list of strings or a string"
        if not argv or not argv[0]:
            return "command is empty"
    elif not builtin:
        return "a gate that is not built in needs a command (a list of strings)"
    if "args" in table and not (isinstance(table["args"], list) and all(isinstance(a, str) for a in table["args"])):
        return "args must be a list of strings"
    if "timeout" in table:
        timeout = table["timeout"]
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 1 <= timeout <= 3600:
            return "timeout must be a number of seconds between 1 and 3600"
    if "enabled" in table and not isinstance(table["enabled"], bool):
        return "enabled must be true or false"
    if "threshold" in table:
        return _check_threshold(gate_id, table["threshold"])
    return None


def _check_threshold(gate_id: str, threshold: Any) -> str | None:
    if gate_id == "security":
        if threshold not in SEVERITIES:
            return 'threshold must be "low", "medium" or "high" (the lowest bandit severity that fails)'
        return None
    if gate_id == "docs":
        if threshold not in DOC_SEVERITIES:
            return 'threshold must be "info", "warning" or "error" (the lowest finding severity that fails)'
        return None
    if gate_id not in NUMERIC_THRESHOLDS:
        takers = ", ".join([*NUMERIC_THRESHOLDS, "security", "docs"])
        return f"gate {gate_id} has no threshold (gates with one: {takers})"
    low, high = NUMERIC_THRESHOLDS[gate_id]
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not low <= threshold <= high:
        return f"threshold must be a number from {low:g} to {high:g}"
    return None


def settings_for(gate_id: str, gates_table: dict[str, Any]) -> GateSettings:
    table = gates_table.get(gate_id) or {}
    return GateSettings(
        command=split_command(table["command"]) if "command" in table else None,
        args=tuple(table["args"]) if "args" in table else None,
        timeout=float(table["timeout"]) if "timeout" in table else None,
        enabled=table.get("enabled", True),
        threshold=table.get("threshold"),
    )
