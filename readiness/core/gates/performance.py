"""performance: a recorded benchmark baseline that is newer than the last change to the hot paths.

Passes when `performance_baseline` (default `benchmarks/baseline.json`) exists and was changed after the files
matching `hot_paths` were (without hot_paths, existence is enough). A missing or stale baseline is not a failure:
the gate reports `skip` with how to record one (checklists show it as a warning). "Changed" means the last commit
touching the file, or its modification time when it has uncommitted changes.
"""

from __future__ import annotations

import time

from readiness.core.errors import RepoError
from readiness.core.gates.base import GateContext, GateSpec, run_configured_command
from readiness.core.git_cli import run_git
from readiness.core.models import GateResult, GateStatus
from readiness.core.paths import git_pathspecs

DEFAULT_BASELINE = "benchmarks/baseline.json"


def _git(ctx: GateContext, *args: str) -> str | None:
    """git through the one git runner (git_cli.run_git: no fsmonitor, hooks, filters or textconv of the repository)."""
    try:
        code, out, _err = run_git(ctx.root, args, ok=range(256))
    except RepoError:
        return None
    return out if code == 0 else None


def last_change(ctx: GateContext, specs: list[str]) -> float | None:
    """Unix time of the last change to any file matching the git pathspecs, or None."""
    if not any(not spec.startswith(":(exclude") for spec in specs):
        return None  # nothing selected (git would read an empty or exclude-only list as the whole tree)
    times: list[float] = []
    committed = _git(ctx, "log", "-1", "--format=%ct", "--", *specs)
    if committed and committed.strip().isdigit():
        times.append(float(committed.strip()))
    status = _git(ctx, "status", "--porcelain=v1", "--untracked-files=all", "--no-renames", "--", *specs)
    for row in (status or "").splitlines():
        path = row[3:].strip().strip('"')
        try:
            times.append((ctx.root / path).stat().st_mtime)
        except OSError:
            times.append(time.time())  # deleted in the work tree: changed now
    return max(times) if times else None


def _when(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp))


def run(ctx: GateContext) -> GateResult:
    if ctx.settings.command:
        return run_configured_command(ctx)
    baseline = ctx.config.get("performance_baseline") or DEFAULT_BASELINE
    hot_paths = list(ctx.config.get("hot_paths") or ())
    ctx.commands.append(f"baseline {baseline} vs hot paths {', '.join(hot_paths) or '(none configured)'}")
    record = (f"run your benchmarks and save the results to {baseline}, then commit it "
              "(set performance_baseline in [tool.readiness] to use another file)")
    if not (ctx.root / baseline).is_file():
        return ctx.result(GateStatus.SKIP, f"no performance baseline recorded: {record}")
    recorded = last_change(ctx, [f":(literal){baseline}"])
    if not hot_paths:
        return ctx.result(GateStatus.PASS, f"baseline {baseline} recorded"
                          f"{' ' + _when(recorded) if recorded else ''} (no hot_paths configured: existence only)")
    changed = last_change(ctx, git_pathspecs(hot_paths))
    if changed is None:
        return ctx.result(GateStatus.PASS, f"baseline {baseline} recorded; no file matches hot_paths")
    if recorded is not None and recorded >= changed:
        return ctx.result(GateStatus.PASS, f"baseline {baseline} recorded {_when(recorded)}, after the last "
                          f"hot-path change ({_when(changed)})")
    return ctx.result(GateStatus.SKIP, f"baseline {baseline} ({_when(recorded) if recorded else 'unknown date'}) "
                      f"is older than the last hot-path change ({_when(changed)}): {record}")


GATE = GateSpec(
    id="performance", title="Performance baseline", executes_code=False, timeout=60, threshold=None, run=run,
    command_doc="baseline file (performance_baseline) newer than the last change to hot_paths", cacheable=False,
)
