"""Running the quality gates: `run_gates` (independent gates in parallel, quick ones first) and the keys under which
their results are kept (`gate_keys`, `stored_results`). The package (`readiness.core.gates`) re-exports these names
lazily; see its text."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness import __version__
from readiness.core.config import KEYS
from readiness.core.gates import schedule, store
from readiness.core.gates import trust as trust_mod
from readiness.core.gates.base import (
    GateContext,
    GateEvent,
    GateFinished,
    GateOutput,
    GateSpec,
    GateStarted,
    Shared,
    project_python,
)
from readiness.core.gates.registry import (
    GATES,
    UNTRUSTED,
    describe_code_commands,
    needs_trust,
    spec_for,
)
from readiness.core.gates.runner import clean_text
from readiness.core.gates.selection import _gates_table, known_gates, parse_selection
from readiness.core.gates.settings import GateSettings, settings_for
from readiness.core.models import Finding, GateResult, GateStatus
from readiness.core.pipeline.scope import select_paths

if TYPE_CHECKING:
    from readiness.core.config import Config
    from readiness.core.repo import Repository

__all__ = ["GATES", "GateEvent", "GateFinished", "GateOutput", "GateStarted", "known_gates", "parse_selection", "run_gates",
           "needs_trust", "describe_code_commands", "spec_for", "gate_keys", "stored_results"]


# -- running -------------------------------------------------------------------------------------------------------

def _skip(gate_id: str, command: str, summary: str) -> GateResult:
    return GateResult(id=gate_id, status=GateStatus.SKIP, command=clean_text(command), duration_s=0.0,
                      summary=summary)


def _run_one(ctx: GateContext) -> GateResult:
    """A gate's run; whatever goes wrong inside becomes an `error` result, never an exception."""
    if ctx.on_event is not None:
        ctx.on_event(GateStarted(ctx.id))
    try:
        result = ctx.spec.run(ctx)
    except Exception as exc:
        result = ctx.result(GateStatus.ERROR, f"internal error in the {ctx.id} gate: {exc.__class__.__name__}: "
                            f"{exc} (please report it)")
    finally:
        if ctx.id == "tests":
            ctx.shared.tests_done.set()
    if ctx.on_event is not None:
        ctx.on_event(GateFinished(ctx.id, result))
    return result


def run_gates(repo: Repository, config: Config, selection: Sequence[str], *, scope: str = "diff", findings: Sequence[Finding] = (),
              trust: bool = False, cancel: threading.Event | None = None,
              on_event: Callable[[GateEvent], None] | None = None, use_cache: bool = True,
              jobs: int | None = None, keys: Mapping[str, str] | None = None) -> list[GateResult]:
    """Run the selected gates (ids from `parse_selection`) on an open repository and return one result each.

    `trust=True` runs code-executing gates without a trust record (CI's explicit `--trust`). `use_cache=False` runs
    every gate even when a green result for this tree state exists (fresh green results are still recorded).
    Independent gates run in parallel, up to `jobs` (default: the number of CPUs). On KeyboardInterrupt every running gate is cancelled
    (its process group killed) before the interrupt propagates.
    """
    values = config.values
    effective = {**{name: config[name] for name in KEYS}, **values}  # defaults filled in (test_globs...)
    cancel = cancel or threading.Event()
    trusted = trust or trust_mod.is_trusted(trust_mod.subject(repo.root, config))
    changes = {path: lines for path, lines in select_paths(repo, config, scope).items()
               if lines is None or lines}
    python, _ = project_python(repo.root, values)
    keys = keys if keys is not None else gate_keys(repo, config, selection, scope)  # a caller that has them
    previous = store.load(repo.git_dir)  # read even with use_cache=False: what ran before is still kept
    results: dict[str, GateResult] = {}
    to_run: list[tuple[GateSpec, GateSettings]] = []
    for gate_id in selection:
        spec = spec_for(gate_id, values)
        settings = settings_for(gate_id, _gates_table(values))
        if not settings.enabled:
            results[gate_id] = _skip(gate_id, spec.command_doc, f"disabled in the configuration "
                                     f"([tool.readiness.gates.{gate_id}] enabled = false)")
            continue
        if needs_trust(spec, settings) and not trusted:
            results[gate_id] = _skip(gate_id, spec.command_doc, UNTRUSTED)
            continue
        cached = previous.get(gate_id) if spec.cacheable and use_cache else None
        if cached is not None and cached.get("key") == keys[gate_id]:
            hit = store.result_from(cached.get("result") or {})
            if hit is not None and hit.status == GateStatus.PASS:
                results[gate_id] = dataclasses.replace(hit, summary=f"{hit.summary} (cached: the tree is unchanged)")
                if on_event is not None:
                    on_event(GateFinished(gate_id, results[gate_id]))
                continue
        to_run.append((spec, settings))
    ids_to_run = {spec.id for spec, _ in to_run}
    first = schedule.order([spec.id for spec, _ in to_run], previous)
    with tempfile.TemporaryDirectory(prefix="readiness-gates-") as tmp:
        shared = Shared(tmp=Path(tmp), tests_selected="tests" in ids_to_run,
                        coverage_wanted="coverage" in ids_to_run)
        to_run.sort(key=lambda item: first.index(item[0].id))  # shortest expected first (gates.schedule)
        contexts = [GateContext(spec=spec, root=repo.root, scope=scope, changes=changes, findings=tuple(findings),
                                config=effective, settings=settings, shared=shared, cancel=cancel, on_event=on_event,
                                python=python) for spec, settings in to_run]
        workers = max(1, min(len(contexts), jobs or os.cpu_count() or 1))
        if contexts:
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="readiness-gate") as pool:
                futures = {}
                try:
                    for ctx in contexts:  # tests is submitted before coverage, which waits for it (schedule)
                        futures[ctx.id] = pool.submit(_start_and_run, ctx)
                    wait(futures.values())
                except BaseException:
                    cancel.set()
                    wait(futures.values())
                    raise
                for gate_id, future in futures.items():
                    results[gate_id] = future.result()
    store.record(repo.git_dir, [(results[spec.id], keys[spec.id]) for spec, _ in to_run if spec.cacheable])
    return [results[g] for g in selection]


def gate_keys(repo: Any, config: Any, gate_ids: Sequence[str], scope: str) -> dict[str, str]:
    """For each gate, the key its result holds under: the digest of its input files, the configuration, the scope,
    the merge-base, the interpreter and readiness's version. A stored result with the same key is still true."""
    values = config.values
    python, _ = project_python(repo.root, values)
    state = store.tree_state(repo)
    base = json.dumps([values, scope, repo.merge_base, python, store.STORE_VERSION, __version__], sort_keys=True,
                      default=str)
    return {g: hashlib.sha256(f"{g}\0{state.digest(g)}\0{base}".encode()).hexdigest() for g in gate_ids}


def stored_results(repo: Any, config: Any, scope: str) -> store.Stored:
    """The last result of every known gate: fresh where its inputs are unchanged, stale where they moved."""
    return store.stored(repo.git_dir, gate_keys(repo, config, known_gates(config.values), scope))


def _start_and_run(ctx: GateContext) -> GateResult:
    ctx.started = time.monotonic()  # the timeout counts from when the gate starts, not from when it was queued
    return _run_one(ctx)
