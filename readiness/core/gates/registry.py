"""The gate registry: the built-in gates by id, gates the configuration adds, selection and what trust allows."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from readiness.core.errors import UsageError
from readiness.core.gates import build, coverage, docs, lint, performance, security, smoke, tests
from readiness.core.gates.base import GateSpec, project_python, run_configured_command
from readiness.core.gates.settings import GateSettings, settings_for
from readiness.core.models import GATE_IDS

GATES: dict[str, GateSpec] = {
    build.GATE.id: build.GATE,
    lint.GATE.id: lint.GATE,
    tests.GATE.id: tests.GATE,
    coverage.GATE.id: coverage.GATE,
    security.GATE.id: security.GATE,
    smoke.GATE.id: smoke.GATE,
    performance.GATE.id: performance.GATE,
    docs.GATE.id: docs.GATE,
}
CUSTOM_TIMEOUT = 600.0
UNTRUSTED = "untrusted: run `readiness trust`"

def _gates_table(config_values: dict[str, Any]) -> dict[str, Any]:
    return config_values.get("gates") or {}


def known_gates(config_values: dict[str, Any]) -> list[str]:
    """Built-in gates in their fixed order, then the gates the configuration adds."""
    return [*GATE_IDS, *sorted(g for g in _gates_table(config_values) if g not in GATES)]


def spec_for(gate_id: str, config_values: dict[str, Any]) -> GateSpec:
    if gate_id in GATES:
        return GATES[gate_id]
    settings = settings_for(gate_id, _gates_table(config_values))
    return GateSpec(id=gate_id, title=gate_id, executes_code=True, timeout=CUSTOM_TIMEOUT, threshold=None,
                    run=run_configured_command, command_doc=shlex.join(settings.command or ()))


def parse_selection(text: str | Sequence[str] | None, config_values: dict[str, Any]) -> list[str]:
    """`all` → every gate; `none`/empty → none; `lint,tests` → those (unknown ids are a usage error)."""
    if text is None:
        return []
    words = [w.strip() for w in (text.split(",") if isinstance(text, str) else text) if w.strip()]
    known = known_gates(config_values)
    if words in (["none"], []):
        return []
    if "all" in words:
        return known
    unknown = [w for w in words if w not in known]
    if unknown:
        raise UsageError(f"unknown gate {unknown[0]!r}: choose from all, none, {', '.join(known)} "
                         "(add gates with [tool.readiness.gates.<id>] command = [...])")
    return [g for g in known if g in words]


def needs_trust(spec: GateSpec, settings: GateSettings) -> bool:
    return spec.executes_code or settings.from_config


def describe_code_commands(root: Path, config: Any) -> list[str]:
    """What trusting this repository allows to run, one line per gate, for `readiness trust` and the TUI prompt."""
    values = config.values
    python, origin = project_python(root, values)
    lines = []
    for gate_id in known_gates(values):
        spec = spec_for(gate_id, values)
        settings = settings_for(gate_id, _gates_table(values))
        if not needs_trust(spec, settings):
            continue
        if settings.command:
            text = shlex.join(settings.command + (settings.args or ()))
        elif gate_id == "tests":
            text = shlex.join([python, "-m", "pytest", *(settings.args or tests.DEFAULT_ARGS)])
        elif gate_id == "coverage":
            text = shlex.join([python, "-m", "coverage", "run", "-m", "pytest",
                               *(settings_for("tests", _gates_table(values)).args or tests.DEFAULT_ARGS)])
        elif gate_id == "smoke":
            extra = [shlex.join(shlex.split(c)) if isinstance(c, str) else shlex.join(c)
                     for c in values.get("smoke_commands") or ()]
            text = "each console script with --help (python: " + python + ")" + "".join(f"; {c}" for c in extra)
        else:
            text = f"{spec.command_doc} {shlex.join(settings.args or ())}".strip()
        lines.append(f"{gate_id}: {text}" + (f"  [{origin}]" if gate_id in ("tests", "coverage") else ""))
    return lines
