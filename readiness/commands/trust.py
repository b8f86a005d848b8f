"""`readiness trust`: allow the gates that run this repository's code (tests, coverage, smoke, configured commands).

`readiness trust` records trust for this repository path and its exact current configuration (and the repository
scripts it calls); `--show` tells whether that record is current; `--revoke` removes it. The record lives in the
user's state directory, never in the repository.
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    from readiness.cli import add_common

    parser = sub.add_parser(
        "trust", help="allow the gates that execute this repository's code (or --show, --revoke)",
        description="Trust this repository: the tests, coverage and smoke gates, and any gate whose command comes "
                    "from its [tool.readiness] configuration, may then run. Trust is bound to the repository's path "
                    "and to the exact configuration and scripts: when they change, run `readiness trust` again.",
        epilog="Trust is stored in your user state directory (owner-only permissions), never in the repository.",
    )
    add_common(parser, suppress=True)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--show", action="store_true", help="show whether this repository is trusted and what runs")
    action.add_argument("--revoke", action="store_true", help="remove the trust record of this repository")
    parser.add_argument("--config", metavar="FILE", default=None,
                        help="configuration file (default: readiness.toml or [tool.readiness] in pyproject.toml)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from readiness import __version__
    from readiness.core import config as config_mod
    from readiness.core.gates import trust
    from readiness.core.repo import open_repository

    with open_repository(Path(args.repo)) as repo:
        root = repo.root
    if args.revoke:
        removed = trust.revoke(root)
        print(f"revoked trust for {root}" if removed else f"{root} was not trusted: nothing to revoke")
        return 0
    cfg = config_mod.load(root, Path(args.config) if args.config else None)
    subject = trust.subject(root, cfg)
    if args.show:
        current = trust.state(subject)
        print(f"{root}: {current.state}: {current.detail}")
        _describe(subject)
        return 0
    path = trust.grant(subject, __version__)
    print(f"trusted {root}")
    _describe(subject)
    print(f"recorded in {path}", file=sys.stderr)
    return 0


def _describe(subject) -> None:
    from readiness.core.scan.engine import clean  # repository text never reaches the terminal with escape sequences
    from readiness.core.secrets.values import mask_secrets  # nor a credential written into a configured command

    print(f"  configuration: {clean(subject.config or '(none: built-in defaults)')}")
    print(f"  digest: {subject.digest}")
    if subject.commands:
        print("  may run:")
        for line in subject.commands:
            print(f"    {mask_secrets(clean(line))}")
    if subject.scripts:
        print(f"  repository scripts (hashed): {clean(', '.join(subject.scripts))}")
