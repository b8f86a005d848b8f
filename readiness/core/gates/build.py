"""build: `python -m compileall` on the Python files in scope, and `shellcheck` on the shell scripts.

Static: compileall runs in readiness's own interpreter in isolated mode (`-I`) with the bytecode going to a
temporary directory, so nothing of the repository is imported and nothing is written into the work tree.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass

from readiness.core.gates.base import GateContext, GateSpec, plural, run_configured_command
from readiness.core.models import GateResult, GateStatus

SHELL_SUFFIXES = (".sh", ".bash")
_SHEBANG = re.compile(rb"^#![ \t]*(?:/usr)?/bin/(?:env[ \t]+)?(?:ba|da|k)?sh\b")
_ERROR_HEADER = re.compile(r"^\*\*\* Error compiling '(.*)'\.\.\.$")
_FILE_LINE = re.compile(r'^\s*File "(.*)", line (\d+)')
_EXCEPTION = re.compile(r"^(\w*(?:Error|Exception|Warning)): ?(.*)$")


@dataclass(frozen=True, slots=True)
class BuildError:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line if self.line is not None else '-'}: {self.message}"


def parse_compileall(output: str) -> list[BuildError]:
    """Errors from `compileall -q` output: one block per file, from `*** Error compiling` to the exception line."""
    errors: list[BuildError] = []
    path: str | None = None
    line: int | None = None
    for row in output.splitlines():
        header = _ERROR_HEADER.match(row)
        if header:
            if path is not None:
                errors.append(BuildError(path, line, "does not compile"))
            path, line = header.group(1), None
            continue
        if path is None:
            continue
        located = _FILE_LINE.match(row)
        if located and line is None:
            line = int(located.group(2))
            continue
        exception = _EXCEPTION.match(row.strip())
        if exception:
            errors.append(BuildError(path, line, f"{exception.group(1)}: {exception.group(2)}".rstrip(": ")))
            path, line = None, None
    if path is not None:
        errors.append(BuildError(path, line, "does not compile"))
    return errors


def parse_shellcheck(text: str) -> tuple[list[BuildError], int]:
    """(errors, warnings) from `shellcheck -f json1`; raises ValueError when the report is not JSON."""
    report = json.loads(text)
    comments = report["comments"] if isinstance(report, dict) else report
    errors = [BuildError(c["file"], c.get("line"), f"SC{c.get('code')}: {c.get('message', '')}")
              for c in comments if c.get("level") == "error"]
    return errors, len(comments) - len(errors)


def shell_scripts(ctx: GateContext) -> list[str]:
    scripts = ctx.paths(SHELL_SUFFIXES)
    for path in ctx.paths(("",)):
        if "." in path.rsplit("/", 1)[-1] or path in scripts:
            continue
        try:
            with open(ctx.root / path, "rb") as handle:
                first = handle.read(64)
        except OSError:
            continue
        if _SHEBANG.match(first):
            scripts.append(path)
    return sorted(scripts)


def run(ctx: GateContext) -> GateResult:
    if ctx.settings.command:
        return run_configured_command(ctx)
    python_files = ctx.paths((".py",))
    scripts = shell_scripts(ctx)
    if not python_files and not scripts:
        return ctx.result(GateStatus.SKIP, "no Python files or shell scripts in scope")
    errors: list[BuildError] = []
    notes: list[str] = []
    exit_code = 0
    if python_files:
        listing = ctx.shared.tmp / "build-files.txt"
        listing.write_text("\n".join(python_files) + "\n", encoding="utf-8")
        outcome = ctx.run([sys.executable, "-I", "-X", f"pycache_prefix={ctx.shared.tmp / 'pycache'}", "-m",
                           "compileall", "-q", "-f", "-i", str(listing), *(ctx.settings.args or ())])
        failed = ctx.failed_to_run(outcome)
        if failed is not None:
            return failed
        found = parse_compileall(outcome.output)
        if outcome.exit_code not in (0, 1) or (outcome.exit_code == 1 and not found):
            return ctx.result(GateStatus.ERROR, f"compileall exited {outcome.exit_code}: {outcome.last_line()}",
                              exit_code=outcome.exit_code)
        errors.extend(found)
        exit_code = outcome.exit_code
        notes.append(f"{plural(len(python_files), 'Python file')} compiled")
    if scripts:
        shellcheck = ctx.tool("shellcheck")
        if shellcheck is None:
            notes.append(f"shellcheck not installed: {plural(len(scripts), 'shell script')} not checked "
                         "(install shellcheck to check them)")
        else:
            report = ctx.shared.tmp / "shellcheck.json"
            ran = ctx.run_for_report("shellcheck", [shellcheck, "-f", "json1", *scripts], report, parse_shellcheck,
                                     stdout_is_report=True)
            if isinstance(ran, GateResult):
                return ran
            (found, warnings), outcome = ran
            errors.extend(found)
            exit_code = exit_code or outcome.exit_code or 0
            allowed_warnings = f", {plural(warnings, 'warning')} allowed" if warnings else ""
            notes.append(f"{plural(len(scripts), 'shell script')} checked{allowed_warnings}")
    allowed = int(ctx.threshold or 0)
    details = [str(e) for e in errors]
    summary = f"{plural(len(errors), 'error')}" + (f" (threshold {allowed})" if allowed else "")
    summary += f"; {'; '.join(notes)}" if notes else ""
    if errors:
        summary += f": {errors[0]}"
    status = GateStatus.FAIL if len(errors) > allowed else GateStatus.PASS
    return ctx.result(status, summary, details, exit_code=exit_code)


GATE = GateSpec(
    id="build", title="Build", executes_code=False, timeout=300, threshold=0, run=run,
    command_doc="python -I -m compileall -q <changed .py files>; shellcheck -f json1 <changed shell scripts>",
)
