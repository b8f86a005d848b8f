"""The exact command that installs a gate's missing tool into the environment readiness looked in.

Static tools (ruff, bandit) are taken from readiness's own environment first (`GateContext.tool`): the command
names that environment. Installed with pipx or `uv tool`, readiness lives in an environment of its own, which is
changed with `pipx inject` or `uv tool install --with`; otherwise with its interpreter's pip. The `readiness[gates]`
extra installs every tool the built-in gates run.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import PurePath


def install_command(package: str, prefix: str | None = None, executable: str | None = None) -> str:
    """`pipx inject readiness ruff`, `uv tool install --with ruff readiness` or `/path/python -m pip install ruff`."""
    parts = PurePath(prefix if prefix is not None else sys.prefix).parts
    if "pipx" in parts and "venvs" in parts:
        return f"pipx inject readiness {package}"
    if "uv" in parts and "tools" in parts:
        return f"uv tool install --reinstall --with {package} readiness"
    return f"{shlex.quote(executable or sys.executable)} -m pip install {package}"


def missing_tool(tool: str, package: str | None = None) -> str:
    """The summary of a gate whose tool is missing: what is missing and the one command that installs it."""
    return (f"not installed: `{tool}` not found in readiness's environment or on PATH: run "
            f"`{install_command(package or tool)}` (or install readiness with `readiness[gates]`)")
