"""`readiness blocker add|list|resolve`: the README's `## Blockers` log from the shell."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import textwrap
from typing import TYPE_CHECKING

from readiness.core.blockers.format import CLASSES, FIELDS, RESOLUTION

if TYPE_CHECKING:
    from readiness.core.blockers.log import Blocker, NewBlocker

EXAMPLES = """examples:
  readiness blocker add --class build --summary "pytest collection fails on Python 3.13" \\
      --scope "ship the parser without the streaming mode" --follow-up "streaming mode for large inputs"
  readiness blocker list --all --format json
  readiness blocker resolve B1 --note "pinned pytest 8.3"
"""


def _repo_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repo", metavar="DIR", default=argparse.SUPPRESS,
                        help="directory inside the repository (default: current directory)")


def _wrap(text: str) -> str:
    return textwrap.fill(text, 100)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "blocker", help="add, list and resolve blockers in the README's ## Blockers section",
        description=_wrap("Keep a log of what blocks you in the README's `## Blockers` section (the file is `docs_file`, "
                          "README.md by default): one entry per blocker, newest last, resolved entries kept."),
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add", help="append a blocker and print its id",
        description=_wrap("Append a blocker to the `## Blockers` section (created at the end of the README when absent; "
                          "the README itself is created when missing) and print its id. Every other byte of the README "
                          "stays as it was. Text that looks like a secret is refused."),
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _repo_option(add)
    add.add_argument("--class", dest="klass", required=True, choices=CLASSES,
                     help="what kind of blocker: build, logic, integration or environment")
    add.add_argument("--summary", required=True, help="one line: what blocks you")
    add.add_argument("--details", help="more about it (one line)")
    add.add_argument("--scope", help="the smallest viable subset you ship meanwhile")
    add.add_argument("--follow-up", dest="follow_up", help="what the follow-up ticket will expand")
    add.add_argument("--next", dest="next_module", metavar="MODULE", help="the independent module you continue with")
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="open blockers (--all: resolved too)",
                                 description="List the blockers logged in the README: open ones, or all with --all.")
    _repo_option(listing)
    listing.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    listing.add_argument("--all", dest="all", action="store_true", default=argparse.SUPPRESS,
                         help="include resolved blockers")
    listing.set_defaults(handler=run_list)

    resolve = actions.add_parser(
        "resolve", help="mark a blocker resolved (it stays in the log)",
        description=_wrap("Tick the blocker's box and append `(resolved DATE)` to its first line; --note adds a "
                          "`Resolution:` line. Resolving a resolved blocker changes nothing."),
    )
    _repo_option(resolve)
    resolve.add_argument("id", metavar="ID", help="the blocker id, e.g. B3")
    resolve.add_argument("--note", help="how it was resolved (one line)")
    resolve.set_defaults(handler=run_resolve)


def today() -> str:
    return datetime.date.today().isoformat()


def warn(lines) -> None:
    from readiness.core.blockers.log import sanitize

    for line in lines:
        print(f"readiness: warning: {sanitize(line)}", file=sys.stderr)


def id_floor(repo, docs_file: str) -> tuple[int, list[str]]:
    """The highest id used outside the README, with its warnings (readiness.core.blockers.log.id_floor; kept here for
    `readiness triage`)."""
    from readiness.core.blockers.log import id_floor as floor

    return floor(repo, docs_file)


def docs_file(repo) -> str:
    from readiness.core import config

    return config.load(repo.root)["docs_file"]


def log_blocker(repo, label: str, new: NewBlocker, date: str) -> Blocker:
    """Log the entry (readiness.core.blockers.log.log_blocker) and print its warnings to stderr (the shell's way)."""
    from readiness.core.blockers.log import log_blocker as log

    blocker, warnings = log(repo, label, new, date)
    warn(warnings)
    return blocker


def run_add(args: argparse.Namespace) -> int:
    from readiness.core.blockers import log as blockers
    from readiness.core.repo import open_repository

    new = blockers.NewBlocker(args.klass, args.summary, args.details, args.scope, args.follow_up,
                              args.next_module).cleaned()
    blockers.refuse_secrets(new.texts())
    with open_repository(args.repo) as repo:
        label = docs_file(repo)
        blocker = log_blocker(repo, label, new, today())
    print(blocker.id)
    print(f"readiness: logged {blocker.id} in {label}", file=sys.stderr)
    return 0


def _shown(value: str | None) -> str | None:
    from readiness.core.blockers.log import shown

    return None if value is None else shown(value)


def public_dict(blocker: Blocker) -> dict:
    """The JSON form, with every text field sanitised and masked."""
    data = blocker.to_dict()
    for key in ("summary", "details", "scope", "follow_up", "next", "resolution"):
        data[key] = _shown(data[key])
    return data


def run_list(args: argparse.Namespace) -> int:
    from readiness.core.blockers import log as blockers
    from readiness.core.repo import open_repository

    with open_repository(args.repo) as repo:
        label = docs_file(repo)
        readme = blockers.read_readme(repo.root, label)
    doc = readme.document()
    show_all = getattr(args, "all", False)
    shown = [b for b in doc.blockers if show_all or b.is_open]
    warn([*readme.warnings, *doc.warnings])
    if args.format == "json":
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


def run_resolve(args: argparse.Namespace) -> int:
    from readiness.core.blockers import log as blockers
    from readiness.core.repo import open_repository

    number = blockers.parse_id(args.id)
    with open_repository(args.repo) as repo:
        label = docs_file(repo)
        readme = blockers.read_readme(repo.root, label)
        doc = readme.document()
        text, blocker, changed = blockers.resolve_entry(doc, number, today=today(), note=args.note, label=label)
        if changed:
            blockers.write_readme(readme, text)
    warn([*readme.warnings, *doc.warnings])
    if changed:
        print(f"{blocker.id} resolved {blocker.resolved}")
    else:
        print(f"{blocker.id} already resolved {blocker.resolved}")
        extra = " (--note not added)" if args.note else ""
        print(f"readiness: {blocker.id} was already resolved: {label} left unchanged{extra}", file=sys.stderr)
    return 0
