"""Every gate module is registered under its id, and a gate that raises becomes an `error` result."""

from __future__ import annotations

import pkgutil
import threading

import readiness.core.gates as gates_pkg
from readiness.core.gates import GATES, _run_one
from readiness.core.gates.base import GateContext, GateSpec, Shared
from readiness.core.gates.settings import GateSettings
from readiness.core.models import GATE_IDS, GateStatus

FRAMEWORK = {"base", "output", "runner", "settings", "trust", "registry", "cache", "store", "processes", "schedule",
             "install", "running", "selection",
             "coverage_measures"}


def test_every_gate_module_is_registered_in_contract_order():
    modules = {m.name for m in pkgutil.iter_modules(gates_pkg.__path__)} - FRAMEWORK
    assert modules == set(GATES)
    assert tuple(GATES) == GATE_IDS
    for gate_id, spec in GATES.items():
        assert spec.id == gate_id and spec.timeout > 0 and spec.command_doc
    assert {g for g, s in GATES.items() if s.executes_code} == {"tests", "coverage", "smoke"}


def test_a_gate_that_raises_is_an_error_result(tmp_path):
    def explode(ctx):
        raise RuntimeError("parser bug")

    spec = GateSpec(id="boom", title="Boom", executes_code=False, timeout=5, threshold=None, run=explode,
                    command_doc="boom")
    events = []
    ctx = GateContext(spec=spec, root=tmp_path, scope="diff", changes={}, findings=(), config={},
                      settings=GateSettings(), shared=Shared(tmp=tmp_path), cancel=threading.Event(),
                      on_event=events.append)
    result = _run_one(ctx)
    assert result.status == GateStatus.ERROR
    assert result.summary == "internal error in the boom gate: RuntimeError: parser bug (please report it)"
    assert [type(e).__name__ for e in events] == ["GateStarted", "GateFinished"]
