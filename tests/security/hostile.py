"""Helpers of the hostile-repository tests: marker scripts that record being run, and the CLI run in-process.

A hostile repository configures git (or ships files) so that some command of its choosing runs when readiness looks
at it. Each vector points that command at `trap(...)`: a script outside the repository that appends to a marker
file and then behaves harmlessly. The promise is that the marker never appears.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from readiness.cli import main


def trap(folder: Path, name: str = "trap", passthrough: bool = False) -> tuple[Path, Path]:
    """An executable script that appends its arguments to `<folder>/<name>.ran`; `passthrough` copies stdin to
    stdout first (what a clean/smudge filter or textconv does). Returns (script, marker)."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / f"{name}.ran"
    script = folder / f"{name}.sh"
    body = "cat\n" if passthrough else ""
    script.write_text(f"#!/bin/sh\n{body}echo \"$0 $*\" >> '{marker}'\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script, marker


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """`readiness ARGS` in-process: (exit code, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def touch_later(path: Path) -> None:
    """Move a file's times forward so git has to look at it again (a racy-clean or stale index entry)."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns + 5_000_000_000, info.st_mtime_ns + 5_000_000_000))
