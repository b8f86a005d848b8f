"""The GitHub CLI, for filing a triage follow-up ticket: only when `gh` is installed and logged in, and only after
the user said yes (the callers ask). Runs with the scrubbed environment, never through a shell."""

from __future__ import annotations

import subprocess
from pathlib import Path

from readiness.core.blockers.log import sanitize
from readiness.core.errors import UsageError
from readiness.core.git_cli import safe_which
from readiness.core.repo import scrubbed_env
from readiness.core.triage.flow import Ticket


def gh_ready(cwd: Path) -> bool:
    """`gh` is on PATH (outside the repository and the current directory) and `gh auth status` says it is logged in."""
    gh = safe_which("gh", [cwd])
    if gh is None:
        return False
    try:
        proc = subprocess.run([gh, "auth", "status"], cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL,
                              timeout=30, env=scrubbed_env())
    except (OSError, subprocess.SubprocessError):
        return False
    return proc.returncode == 0


def gh_create(ticket: Ticket, body_file: Path, cwd: Path) -> str:
    body_file.write_text(ticket.body, encoding="utf-8")
    gh = safe_which("gh", [cwd])
    try:
        if gh is None:
            raise OSError("gh not found on PATH outside the repository")
        proc = subprocess.run([gh, "issue", "create", "--title", ticket.title, "--body-file", str(body_file)],
                              cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL, timeout=120,
                              env=scrubbed_env())
    except (OSError, subprocess.SubprocessError) as exc:
        raise UsageError(f"gh issue create could not run ({exc}): the ticket is saved, file it by hand") from None
    finally:
        body_file.unlink(missing_ok=True)
    out = proc.stdout.decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"gh issue create failed: {sanitize(err[-1] if err else str(proc.returncode))} "
                         "(the blocker is logged and the ticket saved: file it by hand)")
    return sanitize(out.splitlines()[-1] if out else "")
