"""`readiness init`: write a commented configuration table to start from."""

from __future__ import annotations

import argparse
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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from readiness.core import config
    from readiness.core.repo import open_repository

    with open_repository(args.repo) as repo:
        root = repo.root
    existing = config.find_config(root)
    if existing is not None:
        raise UsageError(f"configuration already exists in {existing[0]}: edit it there")
    pyproject = root / "pyproject.toml"
    if args.toml or not pyproject.exists():
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
    return 0

