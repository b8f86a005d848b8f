"""`readiness blocker add|list|resolve`: the README's `## Blockers` log from the shell.

Deferred imports: the blockers log (Markdown parser, ~55 ms), the configuration (~60 ms) and the repository
(~10 ms) are imported when a command runs, not when `readiness --help` builds the parser (`-X importtime`, on top
of `import readiness.cli`; tests/smoke/test_cli_startup__registering_commands_loads_no_heavy_module.py).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from readiness.core.blockers.format import FIELDS, RESOLUTION
from readiness.core.blockers.today import today

if TYPE_CHECKING:
    from readiness.core.blockers.log import Blocker, NewBlocker

EXAMPLES = """examples:
  readiness blocker add --class build --summary "pytest collection fails on Python 3.13" \\
      --scope "ship the parser without the streaming mode" --follow-up "streaming mode for large inputs"
  readiness blocker list --all --format json
  readiness blocker resolve B1 --note "pinned pytest 8.3"
"""


def warn(lines) -> None:
    from readiness.core.blockers.log import sanitize  # deferred (see module doc)

    for line in lines:
        print(f"readiness: warning: {sanitize(line)}", file=sys.stderr)


def docs_file(repo) -> str:
    from readiness.core import config  # deferred (see module doc)

    return config.load(repo.root)["docs_file"]


def log_blocker(repo, label: str, new: NewBlocker, date: str) -> Blocker:
    """Log the entry (readiness.core.blockers.log.log_blocker) and print its warnings to stderr (the shell's way)."""
    from readiness.core.blockers.log import log_blocker as log  # deferred (see module doc)

    blocker, warnings = log(repo, label, new, date)
    warn(warnings)
    return blocker


def add(*, repo: str = ".", klass: str, summary: str, details: str | None = None, scope: str | None = None,
        follow_up: str | None = None, next_module: str | None = None) -> int:
    """Append a blocker to the README's log and print its id."""
    from readiness.core.blockers import log as blockers  # deferred (see module doc)
    from readiness.core.repo import open_repository  # deferred (see module doc)

    new = blockers.NewBlocker(klass, summary, details, scope, follow_up, next_module).cleaned()
    blockers.refuse_secrets(new.texts())
    with open_repository(repo) as handle:
        label = docs_file(handle)
        blocker = log_blocker(handle, label, new, today())
    print(blocker.id)
    print(f"readiness: logged {blocker.id} in {label}", file=sys.stderr)
    return 0


def _shown(value: str | None) -> str | None:
    from readiness.core.blockers.log import shown  # deferred (see module doc)

    return None if value is None else shown(value)


def public_dict(blocker: Blocker) -> dict:
    """The JSON form, with every text field sanitised and masked."""
    data = blocker.to_dict()
    for key in ("summary", "details", "scope", "follow_up", "next", "resolution"):
        data[key] = _shown(data[key])
    return data


def list_blockers(*, repo: str = ".", fmt: str = "text", show_all: bool = False) -> int:
    """The open blockers (all of them with `show_all`), as text or JSON."""
    from readiness.core.blockers import log as blockers  # deferred (see module doc)
    from readiness.core.repo import open_repository  # deferred (see module doc)

    with open_repository(repo) as handle:
        label = docs_file(handle)
        readme = blockers.read_readme(handle.root, label)
    doc = readme.document()
    shown = [b for b in doc.blockers if show_all or b.is_open]
    warn([*readme.warnings, *doc.warnings])
    if fmt == "json":
        json.dump({"schema_version": 1, "docs_file": label, "blockers": [public_dict(b) for b in shown]},
                  sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if not shown:
        where = label if readme.exists else f"{label} (it does not exist yet)"
        print(f"readiness: no {'' if show_all else 'open '}blockers in {where}", file=sys.stderr)
        return 0
    width = max(len(b.klass) for b in shown)
    for b in shown:
        status = "open" if b.is_open else f"resolved {b.resolved}"
        state = f"  [{status}]" if show_all else ""
        print(f"{b.id:<4} {b.klass:<{width}}  {b.date}  {_shown(b.summary)}{state}")
        for name, title in (*FIELDS, ("resolution", RESOLUTION)):
            value = getattr(b, name)
            if value:
                print(f"     {title}: {_shown(value)}")
    return 0


def resolve(*, repo: str = ".", blocker_id: str, note: str | None = None) -> int:
    """Mark a blocker resolved (it stays in the log); resolving it again changes nothing."""
    from readiness.core.blockers import log as blockers  # deferred (see module doc)
    from readiness.core.repo import open_repository  # deferred (see module doc)

    number = blockers.parse_id(blocker_id)
    with open_repository(repo) as handle:
        label = docs_file(handle)
        blocker, changed, warnings = blockers.resolve_blocker(handle, label, number, note, today())
    warn(warnings)
    if changed:
        print(f"{blocker.id} resolved {blocker.resolved}")
    else:
        print(f"{blocker.id} already resolved {blocker.resolved}")
        extra = " (--note not added)" if note else ""
        print(f"readiness: {blocker.id} was already resolved: {label} left unchanged{extra}", file=sys.stderr)
    return 0
