"""Quality gates: the registry, `run_gates` (independent gates in parallel), and the result cache.

Gates (the methodology's "Automated Quality Gate Mapping"): build, lint, tests, coverage, security, smoke,
performance, docs; `[tool.readiness.gates.<id>]` tables configure them and add new ones. Static gates (tools from
the user's own environment that only read the code) always run; gates that execute the repository's code (tests,
coverage, smoke) and every gate whose command comes from the configuration run only in a trusted repository
(`readiness.core.gates.trust`), otherwise they report `skip` ("untrusted: run `readiness trust`").

Green results are cached under `<git dir>/readiness/gates-cache.json`, keyed by the tree state (HEAD, the index,
and the content of every modified or untracked file), the configuration, the scope and the interpreter, so an
unchanged repository does not run a passing gate again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

from readiness.core.errors import UsageError
from readiness.core.gates import build, coverage, docs, lint, performance, security, smoke, tests
from readiness.core.gates.base import (
    GateContext,
    GateEvent,
    GateFinished,
    GateOutput,
    GateSpec,
    GateStarted,
    Shared,
    project_python,
    run_configured_command,
)
from readiness.core.gates.settings import GateSettings, settings_for
from readiness.core.models import GATE_IDS, Finding, GateResult, GateStatus

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
CACHE_VERSION = 1
UNTRUSTED = "untrusted: run `readiness trust`"

__all__ = ["GATES", "GateEvent", "GateFinished", "GateOutput", "GateStarted", "known_gates", "parse_selection", "run_gates",
           "needs_trust", "describe_code_commands", "spec_for"]


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


# -- cache -------------------------------------------------------------------------------------------------------

def tree_state(repo) -> str:
    """A digest of the work tree as git sees it: HEAD, the index, and every modified or untracked file's bytes."""
    digest = hashlib.sha256()
    digest.update((repo.head or "no-head").encode() + b"\n")
    digest.update(repo.git("ls-files", "-s", "-z").encode("utf-8", "surrogateescape"))
    status = repo.git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignore-submodules=all",
                      "--no-renames")
    digest.update(status.encode("utf-8", "surrogateescape"))
    for entry in sorted(status.split("\0")):
        if len(entry) < 4:
            continue
        path = repo.root / entry[3:]
        digest.update(entry[3:].encode("utf-8", "surrogateescape") + b"\0")
        try:
            if path.is_symlink():
                digest.update(os.readlink(path).encode("utf-8", "surrogateescape"))
            elif path.is_file():
                with open(path, "rb") as handle:
                    for block in iter(lambda h=handle: h.read(1 << 20), b""):
                        digest.update(block)
            else:
                digest.update(b"<absent>")
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def _cache_file(git_dir: Path) -> Path:
    return Path(git_dir) / "readiness" / "gates-cache.json"


def _load_cache(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or not isinstance(data.get("gates"), dict):
        return {}
    return data["gates"]


def _save_cache(path: Path, entries: dict[str, Any]) -> None:
    from readiness.core.atomic import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps({"version": CACHE_VERSION, "gates": entries}, indent=1).encode(), mode=0o600)
    except OSError:
        return  # a read-only git directory only costs the cache; the results themselves are complete


def _result_from(data: dict[str, Any]) -> GateResult | None:
    try:
        return GateResult(id=data["id"], status=GateStatus(data["status"]), command=data["command"],
                          duration_s=float(data["duration_s"]), summary=data["summary"],
                          exit_code=data.get("exit_code"), output=data.get("output", ""),
                          details=tuple(data.get("details", ())))
    except (KeyError, ValueError, TypeError):
        return None


def _result_to(result: GateResult) -> dict[str, Any]:
    return {**result.to_dict(), "duration_s": result.duration_s, "exit_code": result.exit_code,
            "output": result.output, "details": list(result.details)}


# -- running -------------------------------------------------------------------------------------------------------

def _skip(gate_id: str, command: str, summary: str) -> GateResult:
    from readiness.core.gates.runner import clean_text

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


def run_gates(repo, config, selection: Sequence[str], *, scope: str = "diff", findings: Sequence[Finding] = (),
              trust: bool = False, cancel: threading.Event | None = None,
              on_event: Callable[[GateEvent], None] | None = None, use_cache: bool = True,
              jobs: int | None = None) -> list[GateResult]:
    """Run the selected gates (ids from `parse_selection`) on an open repository and return one result each.

    `trust=True` runs code-executing gates without a trust record (CI's explicit `--trust`). `use_cache=False` runs
    every gate even when a green result for this tree state exists (fresh green results are still recorded).
    Independent gates run in parallel, up to `jobs` (default: the number of CPUs). On KeyboardInterrupt every running gate is cancelled
    (its process group killed) before the interrupt propagates.
    """
    from readiness.core.config import KEYS
    from readiness.core.gates import trust as trust_mod
    from readiness.core.pipeline.run import select_paths

    values = config.values
    effective = {**{name: config[name] for name in KEYS}, **values}  # defaults filled in (test_globs...)
    cancel = cancel or threading.Event()
    trusted = trust or trust_mod.is_trusted(trust_mod.subject(repo.root, config))
    changes = {path: lines for path, lines in select_paths(repo, config, scope).items()
               if lines is None or lines}
    python, _ = project_python(repo.root, values)
    cache_path = _cache_file(repo.git_dir)
    cache = _load_cache(cache_path)  # read even with use_cache=False: entries of other gates are kept
    state = tree_state(repo)
    from readiness import __version__

    base_key = json.dumps([state, values, scope, repo.merge_base, python, CACHE_VERSION, __version__],
                          sort_keys=True, default=str)
    results: dict[str, GateResult] = {}
    to_run: list[tuple[GateSpec, GateSettings, str]] = []
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
        key = hashlib.sha256(f"{gate_id}\0{base_key}".encode()).hexdigest()
        cached = cache.get(gate_id) if spec.cacheable and use_cache else None
        if isinstance(cached, dict) and cached.get("key") == key:
            hit = _result_from(cached.get("result") or {})
            if hit is not None and hit.status == GateStatus.PASS:
                results[gate_id] = GateResult(hit.id, hit.status, hit.command, hit.duration_s,
                                              f"{hit.summary} (cached: the tree is unchanged)", hit.exit_code,
                                              hit.output, hit.details)
                if on_event is not None:
                    on_event(GateFinished(gate_id, results[gate_id]))
                continue
        to_run.append((spec, settings, key))
    ids_to_run = {spec.id for spec, _, _ in to_run}
    with tempfile.TemporaryDirectory(prefix="readiness-gates-") as tmp:
        shared = Shared(tmp=Path(tmp), tests_selected="tests" in ids_to_run,
                        coverage_wanted="coverage" in ids_to_run)
        contexts = [GateContext(spec=spec, root=repo.root, scope=scope, changes=changes, findings=tuple(findings),
                                config=effective, settings=settings, shared=shared, cancel=cancel, on_event=on_event,
                                python=python) for spec, settings, _ in to_run]
        workers = max(1, min(len(contexts), jobs or os.cpu_count() or 1))
        if contexts:
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="readiness-gate") as pool:
                futures = {}
                try:
                    for ctx in contexts:  # tests is submitted before coverage, which waits for it
                        futures[ctx.id] = pool.submit(_start_and_run, ctx)
                    wait(futures.values())
                except BaseException:
                    cancel.set()
                    wait(futures.values())
                    raise
                for gate_id, future in futures.items():
                    results[gate_id] = future.result()
    fresh = {spec.id: key for spec, _, key in to_run if spec.cacheable}
    entries = {g: e for g, e in cache.items() if g not in fresh}
    for gate_id, key in fresh.items():
        if results[gate_id].status == GateStatus.PASS:
            entries[gate_id] = {"key": key, "result": _result_to(results[gate_id])}
    if entries != cache:
        _save_cache(cache_path, entries)
    return [results[g] for g in selection]


def _start_and_run(ctx: GateContext) -> GateResult:
    import time

    ctx.started = time.monotonic()  # the timeout counts from when the gate starts, not from when it was queued
    return _run_one(ctx)
