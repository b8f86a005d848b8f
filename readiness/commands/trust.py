"""`readiness trust`: allow the gates that run this repository's code (tests, coverage, smoke, configured commands).

`readiness trust` records trust for this repository path and the exact commands its gates would execute (and the
repository scripts they call); `--show` tells whether that record is current; `--revoke` removes it. The record lives in the
user's state directory, never in the repository.

Deferred imports: the configuration (~60 ms), the repository (~10 ms), the gates and the scanners (~270 ms) and the
secret patterns (~30 ms) load when the command runs, not when `readiness --help` builds the parser
(`-X importtime`, on top of `import readiness.cli`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from readiness import __version__


def trust(*, repo: str = ".", show: bool = False, revoke: bool = False, config: Path | None = None) -> int:
    """Record trust for the repository (or show it, or revoke it)."""
    from readiness.core import config as config_mod  # deferred (see module doc)
    from readiness.core.gates import trust as trust_mod  # deferred (see module doc)
    from readiness.core.repo import open_repository  # deferred (see module doc)

    with open_repository(Path(repo)) as handle:
        root = handle.root
    if revoke:
        removed = trust_mod.revoke(root)
        print(f"revoked trust for {root}" if removed else f"{root} was not trusted: nothing to revoke")
        return 0
    cfg = config_mod.load(root, config)
    subject = trust_mod.subject(root, cfg)
    if show:
        current = trust_mod.state(subject)
        todo = {"untrusted": ": run `readiness trust`", "changed": ", then run `readiness trust`",
                "unsafe": " (`readiness trust`)", "damaged": " (`readiness trust`)"}
        print(f"{root}: {current.state}: {current.detail}{todo.get(current.state, '')}")
        if current.changes:
            print("  changed since trusted:")
            for line in current.changes:
                print(f"    {line}")
        _describe(subject)
        return 0
    path = trust_mod.grant(subject, __version__)
    print(f"trusted {root}")
    _describe(subject)
    print(f"recorded in {path}", file=sys.stderr)
    return 0


def _describe(subject) -> None:
    # deferred (see module doc). clean: repository text never reaches the terminal with escape sequences;
    # mask_secrets: nor a credential written into a configured command
    from readiness.core.scan.engine import clean
    from readiness.core.secrets.find import mask_secrets

    print(f"  configuration: {clean(subject.config or '(none: built-in defaults)')}")
    print(f"  digest of what would run: {subject.digest}")
    if subject.commands:
        print("  may run:")
        for line in subject.commands:
            print(f"    {mask_secrets(clean(line))}")
    if subject.scripts:
        print(f"  repository scripts (hashed): {clean(', '.join(subject.scripts))}")
