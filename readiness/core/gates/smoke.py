"""smoke: every console script the project declares runs with `--help` and exits 0, and so does every configured
smoke command. Code-executing: runs only in a trusted repository.

Console scripts come from `[project.scripts]` and `[tool.poetry.scripts]` in pyproject.toml. Each is started from
the work tree (the repository root and `src/` first on sys.path) in the project's interpreter, so the code being
checked is the code on disk, whether or not the package is installed.
"""

from __future__ import annotations

import shlex
import tomllib
from dataclasses import dataclass

from readiness.core.gates.base import GateContext, GateSpec, plural, run_configured_command
from readiness.core.models import GateResult, GateStatus

LAUNCH = """\
import importlib, os, sys
root = os.getcwd()
sys.path[:0] = [p for p in (os.path.join(root, "src"), root) if os.path.isdir(p)]
name, target = sys.argv[1], sys.argv[2]
module, _, attrs = target.split("[")[0].strip().partition(":")
entry = importlib.import_module(module.strip())
for part in filter(None, attrs.strip().split(".")):
    entry = getattr(entry, part)
sys.argv = [name, *sys.argv[3:]]
sys.exit(entry())
"""


@dataclass(frozen=True, slots=True)
class Script:
    name: str
    target: str  # "package.module:function"


def console_scripts(pyproject_text: str) -> list[Script]:
    """Console scripts declared in pyproject.toml ([project.scripts], [tool.poetry.scripts])."""
    try:
        data = tomllib.loads(pyproject_text)
    except (tomllib.TOMLDecodeError, RecursionError):  # hostile nesting: no scripts, like invalid TOML
        return []
    found: dict[str, str] = {}
    project = data.get("project")
    if isinstance(project, dict) and isinstance(project.get("scripts"), dict):
        found.update({k: v for k, v in project["scripts"].items() if isinstance(v, str)})
    poetry = data.get("tool", {}).get("poetry", {}) if isinstance(data.get("tool"), dict) else {}
    if isinstance(poetry, dict) and isinstance(poetry.get("scripts"), dict):
        for name, value in poetry["scripts"].items():
            if isinstance(value, str):
                found.setdefault(name, value)
            elif isinstance(value, dict) and isinstance(value.get("callable"), str):
                found.setdefault(name, value["callable"])
    return [Script(name, target) for name, target in sorted(found.items()) if ":" in target]


def run(ctx: GateContext) -> GateResult:
    if ctx.settings.command:
        return run_configured_command(ctx)
    pyproject = ctx.root / "pyproject.toml"
    try:
        scripts = console_scripts(pyproject.read_text(encoding="utf-8")) if pyproject.is_file() else []
    except (OSError, UnicodeDecodeError):
        scripts = []
    commands = [shlex.split(c) if isinstance(c, str) else list(c) for c in ctx.config.get("smoke_commands") or ()]
    if not scripts and not commands:
        return ctx.result(GateStatus.SKIP, "nothing to smoke-test: no console scripts in pyproject.toml and no "
                          "smoke_commands in [tool.readiness]")
    failures: list[str] = []
    passed: list[str] = []
    for script in scripts:
        label = f"{script.name} --help"
        outcome = ctx.run([ctx.python, "-c", LAUNCH, script.name, script.target, "--help"],
                          display=f"{label}  ({script.target})")
        stopped = ctx.failed_to_run(outcome)
        if stopped is not None and (outcome.timed_out or outcome.cancelled or outcome.not_found):
            return stopped
        if outcome.ok:
            passed.append(label)
        else:
            failures.append(f"{label}: exit {outcome.exit_code}: {outcome.last_line() or outcome.error or 'no output'}")
    for argv in commands:
        label = shlex.join(argv)
        outcome = ctx.run(argv)
        stopped = ctx.failed_to_run(outcome)
        if stopped is not None and (outcome.timed_out or outcome.cancelled):
            return stopped
        if outcome.ok:
            passed.append(label)
        else:
            failures.append(f"{label}: {outcome.error or f'exit {outcome.exit_code}'}"
                            f"{': ' + outcome.last_line() if outcome.last_line() else ''}")
    total = len(passed) + len(failures)
    summary = f"{len(passed)}/{plural(total, 'command')} passed"
    if failures:
        summary += f"; {failures[0]}"
        return ctx.result(GateStatus.FAIL, summary, failures + [f"passed: {p}" for p in passed], exit_code=1)
    return ctx.result(GateStatus.PASS, summary, [f"passed: {p}" for p in passed], exit_code=0)


GATE = GateSpec(
    id="smoke", title="Smoke", executes_code=True, timeout=300, threshold=None, run=run,
    command_doc="<console script> --help for every [project.scripts] entry, plus smoke_commands",
)
