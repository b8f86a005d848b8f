"""What the gates are called: the built-in ids and the ones the configuration adds, and a `--gates` selection.
Light on purpose: a run that runs no gate needs only this (`readiness.core.gates`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from readiness.core.errors import UsageError
from readiness.core.models import GATE_IDS


def _gates_table(config_values: dict[str, Any]) -> dict[str, Any]:
    return config_values.get("gates") or {}


def known_gates(config_values: dict[str, Any]) -> list[str]:
    """Built-in gates in their fixed order, then the gates the configuration adds."""
    return [*GATE_IDS, *sorted(g for g in _gates_table(config_values) if g not in GATE_IDS)]


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
