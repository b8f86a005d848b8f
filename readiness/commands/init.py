"""`readiness init`: write a commented configuration table to start from.

Deferred imports: the configuration (~60 ms) and the repository (~10 ms) load when the command runs, not when
`readiness --help` builds the parser (`-X importtime`, on top of `import readiness.cli`).
"""

from __future__ import annotations

import os
import sys
from importlib.resources import files
from pathlib import Path

from readiness.core.atomic import atomic_write, digest
from readiness.core.errors import UsageError


def init(*, repo: str = ".", toml: bool = False, checklists: bool = False) -> int:
    """Write the configuration (never over an existing one); with `checklists`, copy the built-in checklists."""
    from readiness.core import config  # deferred (see module doc)
    from readiness.core.repo import open_repository  # deferred (see module doc)

    with open_repository(repo) as handle:
        root = handle.root
    existing = config.find_config(root)
    if existing is not None and not checklists:
        raise UsageError(f"configuration already exists in {existing[0]}: edit it there")
    if existing is None:
        write_config(root, toml)
    else:
        print(f"kept {Path(existing[0]).relative_to(root)}: the configuration exists already", file=sys.stderr)
    if checklists:
        copy_checklists(root, config.load(root)["checklists_dir"])
    return 0


def copy_checklists(root: Path, folder: str) -> None:
    """Copy every built-in checklist into `root/folder`, never overwriting a file that is there."""
    target_dir = root / folder
    if not target_dir.resolve().is_relative_to(root.resolve()):
        raise UsageError(f"{folder} leads outside the repository (a symlink?): set checklists_dir to a folder inside it")
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {folder} ({exc.strerror}): check the permissions") from None
    for entry in sorted(files("readiness").joinpath("checklists").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        target = target_dir / entry.name
        rel = target.relative_to(root).as_posix()
        if os.path.lexists(target):
            print(f"kept {rel}: it exists already", file=sys.stderr)
            continue
        atomic_write(target, entry.read_bytes())
        print(f"wrote {rel}", file=sys.stdout)


def write_config(root: Path, toml: bool) -> None:
    from readiness.core import config  # deferred (see module doc)

    pyproject = root / "pyproject.toml"
    if toml or not pyproject.exists():
        target = root / "readiness.toml"
        atomic_write(target, config.init_text(None, pyproject=False).encode("utf-8"))
    else:
        target = pyproject
        raw = pyproject.read_bytes()
        text = config.init_text(raw.decode("utf-8"), pyproject=True)  # tomlkit: the rest of the file is kept
        atomic_write(pyproject, text.encode("utf-8"), expected_digest=digest(raw))
    print(f"wrote {Path(target).relative_to(root)}", file=sys.stdout)

