"""`readiness init`: write a commented configuration table to start from."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from readiness.core.atomic import atomic_write
from readiness.core.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    from readiness.cli import add_common

    parser = sub.add_parser(
        "init", help="write a commented [tool.readiness] table (or readiness.toml)",
        description="Append a commented [tool.readiness] table with every key at its default to pyproject.toml "
                    "(or write readiness.toml when there is no pyproject.toml, or with --toml). Existing "
                    "configuration is never overwritten.",
    )
    add_common(parser, suppress=True)
    parser.add_argument("--toml", action="store_true", help="write readiness.toml instead of editing pyproject.toml")
    parser.add_argument("--checklists", action="store_true",
                        help="also copy the built-in checklists into the repository (the checklists_dir folder, "
                             "default checklists/) to edit them; existing files and configuration are kept")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readiness.core import config
    from readiness.core.repo import open_repository

    with open_repository(args.repo) as repo:
        root = repo.root
    existing = config.find_config(root)
    if existing is not None and not args.checklists:
        raise UsageError(f"configuration already exists in {existing[0]}: edit it there")
    if existing is None:
        write_config(root, args.toml)
    else:
        print(f"kept {Path(existing[0]).relative_to(root)}: the configuration exists already", file=sys.stderr)
    if args.checklists:
        copy_checklists(root, config.load(root)["checklists_dir"])
    return 0


def copy_checklists(root: Path, folder: str) -> None:
    """Copy every built-in checklist into `root/folder`, never overwriting a file that is there."""
    from importlib.resources import files

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
    from readiness.core import config

    pyproject = root / "pyproject.toml"
    if toml or not pyproject.exists():
        target = root / "readiness.toml"
        target.write_text(config.render_init("# readiness configuration (https://pypi.org/project/readiness)"),
                          encoding="utf-8")
    else:
        target = pyproject
        text = pyproject.read_bytes().decode("utf-8")
        newline = "\r\n" if "\r\n" in text else "\n"
        block = config.render_init().replace("\n", newline)
        sep = "" if text.endswith(("\n", "\r\n")) or not text else newline
        atomic_write(pyproject, (text + sep + newline + block).encode("utf-8"))
    print(f"wrote {Path(target).relative_to(root)}", file=sys.stdout)

