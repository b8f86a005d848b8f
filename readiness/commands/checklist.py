"""`readiness checklist list|show|check|uncheck`: the checklists, one with live status, and manual check-offs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from readiness.core.errors import UsageError

EXAMPLES = """examples:
  readiness checklist list
  readiness checklist show ready-for-review
  readiness checklist show merge --format json
  readiness checklist show quality-gates --gates all
  readiness checklist check ready-for-review metrics-baseline --note "payments log every refund"
  readiness checklist check implemented durable-persistence --not-applicable --note "nothing is stored"
  readiness checklist uncheck ready-for-review metrics-baseline
"""
MAX_NOTE = 500


def _common(parser: argparse.ArgumentParser) -> None:
    from readiness.cli import add_common

    add_common(parser, suppress=True)
    parser.add_argument("--config", metavar="FILE", default=None,
                        help="configuration file (default: readiness.toml or [tool.readiness] in pyproject.toml)")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "checklist", help="the checklists: list them, show one with live status, confirm manual items",
        description="The methodology's checklists (ready-for-review, merge, quality-gates, implemented, "
                    "minimum-per-feature) and your own, evaluated against the branch's changes, findings, gate "
                    "results and the items you confirmed.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="the available checklists",
                                 description="List the built-in checklists and the repository's own.")
    _common(listing)
    listing.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    listing.set_defaults(handler=run_list)

    show = actions.add_parser(
        "show", help="one checklist's items with live status (exit 1 when an item fails)",
        description="Scan the changes and show one checklist: each item's status (✔ pass, ✘ fail, ! warn, "
                    "○ awaiting you, – does not apply), why it has it, and for open items why it matters and what "
                    "to do. Exit 0 when no item fails (with --strict: and none awaits you), 1 otherwise.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(show)
    show.add_argument("id", metavar="ID", help="checklist id (see `readiness checklist list`)")
    show.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    show.add_argument("--strict", action="store_true", default=None, help="items awaiting you count as failing")
    show.add_argument("--gates", metavar="all|none|ID,ID", default="none",
                      help="quality gates to run first, for the items bound to gates (default: none)")
    show.add_argument("--trust", action="store_true",
                      help="run gates that execute the repository's code even without `readiness trust` (for CI)")
    show.set_defaults(handler=run_show)

    check = actions.add_parser(
        "check", help="confirm a manual item (it turns stale when the files it covers change)",
        description="Confirm an item that needs your judgement. The confirmation is stored under the repository's "
                    "git directory for this branch, with the HEAD and a digest of the changed files; when they "
                    "change, the item goes back to awaiting you. --not-applicable (with a --note saying why) marks "
                    "the item as not applying to this change.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(check)
    check.add_argument("id", metavar="ID", help="checklist id")
    check.add_argument("item", metavar="ITEM", help="item id (see `readiness checklist show ID`)")
    check.add_argument("--note", help="why you are confident (shown with the item; one line)")
    check.add_argument("--not-applicable", dest="not_applicable", action="store_true",
                       help="the item does not apply to this change (needs --note)")
    check.set_defaults(handler=run_check_item)

    uncheck = actions.add_parser("uncheck", help="withdraw a confirmation",
                                 description="Remove your confirmation of a manual item on this branch.")
    _common(uncheck)
    uncheck.add_argument("id", metavar="ID", help="checklist id")
    uncheck.add_argument("item", metavar="ITEM", help="item id")
    uncheck.set_defaults(handler=run_uncheck_item)


def _options(args: argparse.Namespace):
    from readiness.core.pipeline.run import CheckOptions

    return CheckOptions(repo=args.repo, base=args.base, scope="all" if args.all else "diff",
                        config_path=Path(args.config) if args.config else None, strict=args.strict,
                        gates=args.gates, trust=args.trust)


def _open(args: argparse.Namespace):
    """The repository (with the configured base) and its configuration; the caller closes the repository."""
    from readiness.core import config as config_mod
    from readiness.core.repo import open_repository

    repo = open_repository(args.repo, None)
    try:
        cfg = config_mod.load(repo.root, Path(args.config) if args.config else None)
        base = args.base or cfg["base"]
        if base is not None:
            repo.close()
            repo = open_repository(args.repo, base)
        return repo, cfg
    except BaseException:
        repo.close()
        raise


def run_list(args: argparse.Namespace) -> int:
    from readiness.core.checklists.loader import load_for

    repo, cfg = _open(args)
    with repo:
        checklists = load_for(repo.root, cfg)
    rows = [{"id": c.id, "title": c.title, "description": c.description, "items": len(c.items),
             "origin": c.origin, "overrides_builtin": c.overrides,
             "required": c.id in cfg["checklists_required"]} for c in checklists]
    if args.format == "json":
        json.dump({"schema_version": 1, "checklists": rows}, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    width = max(len(r["id"]) for r in rows)
    title_width = max(len(r["title"]) for r in rows)
    for r in rows:
        origin = r["origin"] + (" (overrides the built-in)" if r["overrides_builtin"] else "")
        required = "  required for ready" if r["required"] else ""
        print(f"{r['id']:<{width}}  {r['title']:<{title_width}}  {r['items']:>2} items  {origin}{required}")
    return 0


def item_dict(item, definition) -> dict:
    manual = definition.check.manual_part() if definition else None
    return {**item.to_dict(), "why": item.why, "how": item.how, "source": definition.source if definition else "",
            "finding_ids": list(item.finding_ids), "check": definition.check.describe() if definition else item.kind,
            "confirmable": manual is not None}


def run_show(args: argparse.Namespace) -> int:
    from readiness.core.checklists.engine import checklists_ready
    from readiness.core.checklists.loader import find, load_for
    from readiness.core.pipeline.run import run_check

    repo, cfg = _open(args)
    with repo:  # an unknown id is an error before the scan, not after it
        definition = find(load_for(repo.root, cfg), args.id)
    report = run_check(_options(args))
    result = next(c for c in report.checklists if c.id == definition.id)
    strict = cfg["strict"] if args.strict is None else args.strict
    ok = checklists_ready([result], {result.id}, strict)
    if args.format == "json":
        data = {"schema_version": 1, "repo": report.repo.to_dict(),
                "checklist": {"id": result.id, "title": result.title, "description": result.description,
                              "source": definition.source, "origin": definition.origin,
                              "items": [item_dict(i, definition.item(i.id)) for i in result.items]},
                "ready": ok, "notes": list(report.notes)}
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _print_checklist(report, result, definition)
    return 0 if ok else 1


def _print_checklist(report, result, definition) -> None:
    from rich.console import Console
    from rich.text import Text

    from readiness.core.checklists.engine import counts
    from readiness.core.models import Status
    from readiness.render.formats import STATUS_ICON, STATUS_STYLE, safe

    console = Console(file=sys.stdout, highlight=False, soft_wrap=True, emoji=False)
    repo = report.repo
    header = Text(result.title, style="bold")
    where = repo.branch or (f"detached {repo.head[:7]}" if repo.head else "no commits")
    header.append(f"    {where}" + (f" → {repo.base}" if repo.base else ""), style="dim")
    console.print(header)
    for note in report.notes:
        console.print(Text(f"note: {safe(note)}", style="dim"))
    width = max(len(i.title) for i in result.items)
    for item in result.items:
        status = str(item.status)
        line = Text(" ")
        line.append(f"{STATUS_ICON[status]} ", style=STATUS_STYLE[status])
        line.append(f"{item.title:<{width}}  ")
        line.append(safe(item.detail), style="dim" if item.status in (Status.PASS, Status.SKIP) else "")
        console.print(line)
        if item.status in (Status.PASS, Status.SKIP):
            continue
        spec = definition.item(item.id)
        if item.why:
            source = f" ({spec.source})" if spec and spec.source else ""
            console.print(Text(f"     why  \u201c{item.why}\u201d{source}", style="dim"))
        if item.how:
            console.print(Text(f"     how  {item.how}", style="dim"))
        if item.status == Status.MANUAL and spec and spec.check.manual_part() is not None:
            console.print(Text(f"     run  readiness checklist check {result.id} {item.id} [--note TEXT]",
                               style="dim"))
    tally = counts(result)
    applicable = len(result.items) - tally[Status.SKIP]
    parts = [f"{tally[Status.PASS]}/{applicable} pass"]
    for status, label in ((Status.FAIL, "failing"), (Status.ERROR, "could not be checked"), (Status.WARN, "warning"),
                          (Status.MANUAL, "awaiting you"), (Status.SKIP, "do not apply")):
        if tally[status]:
            parts.append(f"{tally[status]} {label}")
    console.print()
    console.print(Text(" · ".join(parts), style="bold"))


def _clean_note(args: argparse.Namespace) -> str:
    from readiness.core.checklists.manual import clean_note, refuse_secret

    note = clean_note(args.note)
    if len(note) > MAX_NOTE:
        raise UsageError(f"--note is {len(note)} characters long: keep it under {MAX_NOTE} (one line)")
    if args.not_applicable and not note:
        raise UsageError("--not-applicable needs --note saying why the item does not apply to this change")
    refuse_secret(note, ", and run the command again")
    return note


def _warn(notes) -> None:
    for line in notes:
        print(f"readiness: warning: {line}", file=sys.stderr)


def run_check_item(args: argparse.Namespace) -> int:
    from readiness.core.checklists.loader import load_for
    from readiness.core.checklists.manual import check_off

    note = _clean_note(args)
    repo, cfg = _open(args)
    with repo:
        done = check_off(repo, load_for(repo.root, cfg), args.id, args.item, not_applicable=args.not_applicable,
                         note=note)
    _warn(done.notes)
    what = "marked not applicable" if args.not_applicable else "confirmed"
    covered = done.covered
    covers = (f"{len(covered)} changed file{'s' if len(covered) != 1 else ''}; changing "
              f"{'it' if len(covered) == 1 else 'them'} makes this stale") if covered else \
        "no changed files yet; the first change makes this stale"
    print(f"{what}: {done.key} on {done.branch} ({covers})")
    return 0


def run_uncheck_item(args: argparse.Namespace) -> int:
    from readiness.core.checklists.loader import load_for
    from readiness.core.checklists.manual import withdraw

    repo, cfg = _open(args)
    with repo:
        undone = withdraw(repo, load_for(repo.root, cfg), args.id, args.item)
    _warn(undone.notes)
    if undone.removed:
        print(f"unchecked: {undone.key} on {undone.branch} (it awaits you again)")
    else:
        print(f"{undone.key} was not confirmed on {undone.branch}: nothing to undo")
    return 0
