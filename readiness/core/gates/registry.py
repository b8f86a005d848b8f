"""The gate registry: the built-in gates by id, gates the configuration adds, selection and what trust allows."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from readiness.core.gates import build, coverage, docs, lint, performance, security, smoke, tests
from readiness.core.gates.base import GateSpec, project_python, run_configured_command
from readiness.core.gates.selection import _gates_table, known_gates
from readiness.core.gates.selection import parse_selection as parse_selection  # re-exported
from readiness.core.gates.settings import GateSettings, settings_for

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

def spec_for(gate_id: str, config_values: dict[str, Any]) -> GateSpec:
    if gate_id in GATES:
        return GATES[gate_id]
    settings = settings_for(gate_id, _gates_table(config_values))
    return GateSpec(id=gate_id, title=gate_id, executes_code=True, timeout=CUSTOM_TIMEOUT, threshold=None,
                    run=run_configured_command, command_doc=shlex.join(settings.command or ()))


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
