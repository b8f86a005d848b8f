"""Quality gates: the registry, `run_gates` (independent gates in parallel), and the result cache.

Gates (the methodology's "Automated Quality Gate Mapping"): build, lint, tests, coverage, security, smoke,
performance, docs; `[tool.readiness.gates.<id>]` tables configure them and add new ones. Static gates (tools from
the user's own environment that only read the code) always run; gates that execute the repository's code (tests,
coverage, smoke) and every gate whose command comes from the configuration run only in a trusted repository
(`readiness.core.gates.trust`), otherwise they report `skip` ("untrusted: run `readiness trust`").

Every result is kept under `<git dir>/readiness/gates-cache.json` (readiness.core.gates.store), keyed by the files
the gate depends on, the configuration, the scope and the interpreter: `gate_keys` + `store.stored` give every
command the last results that still hold, and an unchanged repository does not run a passing gate again.

The names below are importable from the package (`from readiness.core.gates import run_gates`) but loaded on first
use (PEP 562): a run answered from the scan cache asks only for the gate store (`gates.store`) and what the gates
are called (`gates.selection`), and importing every gate module, the runner and the trust store would cost it
about a sixth of its time.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from readiness.core.gates.base import GateEvent, GateFinished, GateOutput, GateStarted
    from readiness.core.gates.registry import GATES, describe_code_commands, needs_trust, spec_for
    from readiness.core.gates.running import gate_keys, run_gates, stored_results
    from readiness.core.gates.selection import known_gates, parse_selection

__all__ = ["GATES", "GateEvent", "GateFinished", "GateOutput", "GateStarted", "known_gates", "parse_selection",
           "run_gates", "needs_trust", "describe_code_commands", "spec_for", "gate_keys", "stored_results"]

_HOMES = {"known_gates": "selection", "parse_selection": "selection", "GATES": "registry", "needs_trust": "registry",
          "describe_code_commands": "registry", "spec_for": "registry", "GateEvent": "base", "GateFinished": "base",
          "GateOutput": "base", "GateStarted": "base"}


def __getattr__(name: str) -> Any:
    """A re-exported name, from the module that defines it (imported on first use)."""
    if name not in __all__ and name != "_run_one":  # a submodule (`from readiness.core.gates import store`)
        raise AttributeError(f"module 'readiness.core.gates' has no attribute {name!r}")
    module = importlib.import_module(f"readiness.core.gates.{_HOMES.get(name, 'running')}")
    try:
        return getattr(module, name)
    except AttributeError:
        raise AttributeError(f"module 'readiness.core.gates' has no attribute {name!r}") from None
