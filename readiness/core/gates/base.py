"""What a gate is (`GateSpec`), what it is given (`GateContext`) and the events a run of gates reports."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from readiness.core.gates import runner
from readiness.core.gates.settings import GateSettings
from readiness.core.models import Finding, GateResult, GateStatus

MAX_SUMMARY = 240
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class GateSpec:
    id: str
    title: str
    executes_code: bool  # imports or runs the repository's code: needs trust
    timeout: float  # default seconds
    threshold: float | str | None
    run: Callable[[GateContext], GateResult]
    command_doc: str  # what runs, for --help and the README
    cacheable: bool = True  # a green result is reused while the tree state is unchanged


@dataclass(frozen=True, slots=True)
class GateStarted:
    gate: str


@dataclass(frozen=True, slots=True)
class GateOutput:
    gate: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GateFinished:
    gate: str
    result: GateResult


GateEvent = GateStarted | GateOutput | GateFinished


@dataclass
class Shared:
    """State shared by the gates of one run: the tests gate hands its coverage data to the coverage gate."""

    tmp: Path
    tests_done: threading.Event = field(default_factory=threading.Event)
    tests_selected: bool = False
    coverage_wanted: bool = False
    coverage_data: Path | None = None
    coverage_junit: Path | None = None
    tests_stopped: str | None = None  # why the tests gate's run ran no tests (coverage data of it measures nothing)


@dataclass
class GateContext:
    spec: GateSpec
    root: Path
    scope: str  # "diff" or "all"
    changes: dict[str, frozenset[int] | None]  # paths in scope (existing files) → changed lines, None: all
    findings: Sequence[Finding]
    config: dict[str, Any]
    settings: GateSettings
    shared: Shared
    cancel: threading.Event
    on_event: Callable[[GateEvent], None] | None = None
    python: str = sys.executable
    started: float = field(default_factory=time.monotonic)
    commands: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def timeout(self) -> float:
        return self.settings.timeout or self.spec.timeout

    @property
    def threshold(self) -> Any:
        return self.settings.threshold if self.settings.threshold is not None else self.spec.threshold

    def remaining(self) -> float:
        return self.timeout - (time.monotonic() - self.started)

    def paths(self, suffixes: Sequence[str]) -> list[str]:
        """Files in scope with one of the suffixes that exist as regular files (not symlinks)."""
        found = []
        for path in sorted(self.changes):
            if path.lower().endswith(tuple(suffixes)):
                full = self.root / path
                if full.is_file() and not full.is_symlink():
                    found.append(path)
        return found

    def lines_of(self, path: str) -> frozenset[int] | None:
        return self.changes.get(path)

    def in_scope(self, path: str, lines: Sequence[int]) -> bool:
        """Is this (path, line range) part of the changes? Whole files count when new or in an --all run."""
        if path not in self.changes:
            return False
        changed = self.changes[path]
        return changed is None or not lines or any(line in changed for line in lines)

    def tool(self, name: str) -> str | None:
        """A static tool from readiness's own environment or the user's PATH, never from the repository."""
        own = Path(sys.executable).parent / name
        if own.is_file() and os.access(own, os.X_OK):
            return str(own)
        return runner.resolve(name, exclude=[str(self.root)])

    def run(self, argv: Sequence[str], env: dict[str, str] | None = None, record: bool = True,
            display: str | None = None, stdout_path: Path | None = None) -> runner.Outcome:
        """Run a command for this gate within what is left of its timeout; output streams to the caller."""
        shown = display or runner.display_command(argv)
        if record:
            self.commands.append(shown)
        budget = max(self.remaining(), 0.01)
        callback = None
        on_event = self.on_event
        if on_event is not None:
            def callback(lines: tuple[str, ...]) -> None:
                on_event(GateOutput(self.id, lines))
        outcome = runner.run(argv, cwd=self.root, timeout=budget, cancel=self.cancel,
                             env=runner.gate_env(env), on_lines=callback, stdout_path=stdout_path)
        if record:
            self.outputs.append(f"$ {shown}\n{outcome.output.rstrip()}".rstrip())
        return outcome

    def result(self, status: GateStatus, summary: str, details: Sequence[str] = (),
               exit_code: int | None = None, cancelled: bool = False) -> GateResult:
        # Everything a result shows passes the same cleaning as captured output: no escape sequences, secrets
        # masked (a failing test's message or a configured command can hold one).
        known = runner.secret_env_values()
        summary = " ".join(runner.clean_text(summary, known).split())
        if len(summary) > MAX_SUMMARY:
            summary = summary[:MAX_SUMMARY - 1] + "…"
        command = runner.clean_text(" && ".join(self.commands) or self.spec.command_doc, known)
        return GateResult(id=self.id, status=status, command=command, duration_s=time.monotonic() - self.started,
                          summary=summary, exit_code=exit_code, output="\n\n".join(self.outputs),
                          details=tuple(runner.clean_text(d, known).replace("\n", " ") for d in details),
                          cancelled=cancelled)

    def failed_to_run(self, outcome: runner.Outcome, hint: str = "") -> GateResult | None:
        """The result for a command that did not run to completion (missing, timed out, cancelled), else None."""
        if outcome.not_found:
            return self.result(GateStatus.ERROR, f"not installed: {outcome.error}{'; ' + hint if hint else ''}")
        if outcome.error:
            return self.result(GateStatus.ERROR, outcome.error)
        if outcome.timed_out:
            return self.result(GateStatus.TIMEOUT,
                               f"timed out after {self.timeout:g} s: `{runner.display_command(outcome.argv)}` "
                               f"(raise [tool.readiness.gates.{self.id}] timeout if it needs longer)")
        if outcome.cancelled:
            return self.result(GateStatus.ERROR, "cancelled before it finished", cancelled=True)
        return None

    def run_for_report(self, name: str, argv: Sequence[str], report: Path, parse: Callable[[str], _T],
                       stdout_is_report: bool = False) -> tuple[_T, runner.Outcome] | GateResult:
        """Run a tool that writes a JSON report to `report` (its stdout with `stdout_is_report`) and parse it.
        The gate's result instead when the tool did not run to completion or left no report `parse` can read."""
        outcome = self.run(argv, stdout_path=report if stdout_is_report else None)
        failed = self.failed_to_run(outcome)
        if failed is not None:
            return failed
        try:
            return parse(report.read_text(encoding="utf-8", errors="replace")), outcome
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return self.result(GateStatus.ERROR, f"{name} exited {outcome.exit_code} without a JSON report: "
                               f"{outcome.last_line() or 'no output'}", exit_code=outcome.exit_code)


def project_python(root: Path, config: dict[str, Any]) -> tuple[str, str]:
    """The project's interpreter and where it came from: the configured `python`, the active virtual
    environment, a `.venv` or `venv` in the repository, else the interpreter readiness runs on."""
    configured = config.get("python")
    if configured:
        if "/" in configured or os.sep in configured:
            path = Path(configured) if os.path.isabs(configured) else root / configured
            return str(path), "configured python"
        found = runner.resolve(configured, exclude=[str(root)])
        return (found or configured), "configured python"
    active = os.environ.get("VIRTUAL_ENV")
    if active:
        candidate = Path(active) / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        if candidate.exists():
            return str(candidate), "active virtual environment"
    for name in (".venv", "venv"):
        candidate = root / name / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        if candidate.exists():
            return str(candidate), f"{name} in the repository"
    return sys.executable, "readiness's interpreter"


def run_configured_command(ctx: GateContext) -> GateResult:
    """A gate whose command comes from the configuration: it passes when the command exits 0."""
    assert ctx.settings.command is not None, "run_configured_command needs a configured command"
    outcome = ctx.run(ctx.settings.command + (ctx.settings.args or ()))
    failed = ctx.failed_to_run(outcome)
    if failed is not None:
        return failed
    last = outcome.last_line()
    if outcome.exit_code == 0:
        return ctx.result(GateStatus.PASS, f"exit 0{': ' + last if last else ''}", exit_code=0)
    return ctx.result(GateStatus.FAIL, f"exit {outcome.exit_code}{': ' + last if last else ''}",
                      exit_code=outcome.exit_code)


def format_ranges(lines: Sequence[int]) -> str:
    """[1, 2, 3, 7] → "1-3, 7"."""
    out: list[str] = []
    ordered = sorted(set(lines))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        out.append(str(ordered[i]) if i == j else f"{ordered[i]}-{ordered[j]}")
        i = j + 1
    return ", ".join(out)


def plural(count: int, word: str, suffix: str = "s") -> str:
    return f"{count} {word}{'' if count == 1 else suffix}"
