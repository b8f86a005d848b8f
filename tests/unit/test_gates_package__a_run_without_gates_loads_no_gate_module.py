"""The gates package re-exports its names lazily (issue 14: a warm run spent a sixth of its time importing every
gate module, the runner and the trust store). Importing the pipeline loads no gate module; every re-exported name
still resolves to the module that defines it; a submodule import is not answered by the lazy names."""

from __future__ import annotations

import json
import subprocess
import sys

import readiness.core.gates as gates


def test_importing_the_pipeline_loads_no_gate_module():
    code = ("import json, sys, readiness.core.pipeline.run, readiness.cli\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('readiness.core.gates.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == ["readiness.core.gates.selection", "readiness.core.gates.store"]


def test_every_re_exported_name_resolves():
    from readiness.core.gates import base, registry, running, selection

    homes = {"running": running, "registry": registry, "selection": selection, "base": base}
    for name in gates.__all__:
        value = getattr(gates, name)
        assert any(getattr(module, name, None) is value for module in homes.values()), name


def test_a_submodule_import_is_the_submodule():
    from readiness.core.gates import store, trust

    assert store.__name__ == "readiness.core.gates.store" and trust.__name__ == "readiness.core.gates.trust"
    try:
        gates.not_a_gate_name  # noqa: B018
    except AttributeError as exc:
        assert "not_a_gate_name" in str(exc)
    else:
        raise AssertionError("an unknown name must raise AttributeError")
