"""Parsers of the record-keeping sub-commands: blocker, checklist, waive (argparse lives in the CLI only)."""

from __future__ import annotations

import argparse

from readiness.cli_options import CONFIG_HELP, TRUST_HELP, _config, _handler, _repo_option, _wrap, add_common
from readiness.commands import blocker, checklist, waive
from readiness.core.blockers.format import CLASSES


def add_blocker(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "blocker", help="add, list and resolve blockers in the README's ## Blockers section",
        description=_wrap("Keep a log of what blocks you in the README's `## Blockers` section (the file is `docs_file`, "
                          "README.md by default): one entry per blocker, newest last, resolved entries kept."),
        epilog=blocker.EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add", help="append a blocker and print its id",
        description=_wrap("Append a blocker to the `## Blockers` section (created at the end of the README when absent; "
                          "the README itself is created when missing) and print its id. Every other byte of the README "
                          "stays as it was. Text that looks like a secret is refused."),
        epilog=blocker.EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _repo_option(add)
    add.add_argument("--class", dest="klass", required=True, choices=CLASSES,
                     help="what kind of blocker: build, logic, integration or environment")
    add.add_argument("--summary", required=True, help="one line: what blocks you")
    add.add_argument("--details", help="more about it (one line)")
    add.add_argument("--scope", help="the smallest viable subset you ship meanwhile")
    add.add_argument("--follow-up", dest="follow_up", help="what the follow-up ticket will expand")
    add.add_argument("--next", dest="next_module", metavar="MODULE", help="the independent module you continue with")
    _handler(add, lambda a: blocker.add(repo=a.repo, klass=a.klass, summary=a.summary, details=a.details,
                                        scope=a.scope, follow_up=a.follow_up, next_module=a.next_module))

    listing = actions.add_parser("list", help="open blockers (--all: resolved too)",
                                 description="List the blockers logged in the README: open ones, or all with --all.")
    _repo_option(listing)
    listing.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    listing.add_argument("--all", dest="all", action="store_true", default=argparse.SUPPRESS,
                         help="include resolved blockers")
    _handler(listing, lambda a: blocker.list_blockers(repo=a.repo, fmt=a.format, show_all=getattr(a, "all", False)))

    resolve = actions.add_parser(
        "resolve", help="mark a blocker resolved (it stays in the log)",
        description=_wrap("Tick the blocker's box and append `(resolved DATE)` to its first line; --note adds a "
                          "`Resolution:` line. Resolving a resolved blocker changes nothing."),
    )
    _repo_option(resolve)
    resolve.add_argument("id", metavar="ID", help="the blocker id, e.g. B3")
    resolve.add_argument("--note", help="how it was resolved (one line)")
    _handler(resolve, lambda a: blocker.resolve(repo=a.repo, blocker_id=a.id, note=a.note))


# -- triage --------------------------------------------------------------------------------------------------------
def _checklist_common(parser: argparse.ArgumentParser) -> None:
    add_common(parser, suppress=True)
    parser.add_argument("--config", metavar="FILE", default=None, help=CONFIG_HELP)


def add_checklist(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "checklist", help="the checklists: list them, show one with live status, confirm manual items",
        description="The methodology's checklists (ready-for-review, merge, quality-gates, implemented, "
                    "minimum-per-feature) and your own, evaluated against the branch's changes, findings, gate "
                    "results and the items you confirmed.",
        epilog=checklist.EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="the available checklists",
                                 description="List the built-in checklists and the repository's own.")
    _checklist_common(listing)
    listing.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    _handler(listing, lambda a: checklist.list_checklists(repo=a.repo, base=a.base, config=_config(a),
                                                          fmt=a.format))

    show = actions.add_parser(
        "show", help="one checklist's items with live status (exit 1 when an item fails)",
        description="Scan the changes and show one checklist: each item's status (✔ pass, ✘ fail, ! warn, "
                    "○ awaiting you, – does not apply), why it has it, and for open items why it matters and what "
                    "to do. Exit 0 when no item fails (with --strict: and none awaits you), 1 otherwise.",
        epilog=checklist.EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _checklist_common(show)
    show.add_argument("id", metavar="ID", help="checklist id (see `readiness checklist list`)")
    show.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    show.add_argument("--strict", action="store_true", default=None, help="items awaiting you count as failing")
    show.add_argument("--gates", metavar="all|none|ID,ID", default="none",
                      help="quality gates to run first, for the items bound to gates (default: none)")
    show.add_argument("--trust", action="store_true", help=TRUST_HELP)
    _handler(show, lambda a: checklist.show(a.id, repo=a.repo, base=a.base, all_files=a.all, config=_config(a),
                                            fmt=a.format, strict=a.strict, gates=a.gates, trust=a.trust))

    check_item = actions.add_parser(
        "check", help="confirm a manual item (it turns stale when the files it covers change)",
        description="Confirm an item that needs your judgement. The confirmation is stored under the repository's "
                    "git directory for this branch, with the HEAD and a digest of the changed files; when they "
                    "change, the item goes back to awaiting you. --not-applicable (with a --note saying why) marks "
                    "the item as not applying to this change.",
        epilog=checklist.EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _checklist_common(check_item)
    check_item.add_argument("id", metavar="ID", help="checklist id")
    check_item.add_argument("item", metavar="ITEM", help="item id (see `readiness checklist show ID`)")
    check_item.add_argument("--note", help="why you are confident (shown with the item; one line)")
    check_item.add_argument("--not-applicable", dest="not_applicable", action="store_true",
                            help="the item does not apply to this change (needs --note)")
    _handler(check_item, lambda a: checklist.check_item(a.id, a.item, repo=a.repo, base=a.base, config=_config(a),
                                                        note=a.note, not_applicable=a.not_applicable))

    uncheck = actions.add_parser("uncheck", help="withdraw a confirmation",
                                 description="Remove your confirmation of a manual item on this branch.")
    _checklist_common(uncheck)
    uncheck.add_argument("id", metavar="ID", help="checklist id")
    uncheck.add_argument("item", metavar="ITEM", help="item id")
    _handler(uncheck, lambda a: checklist.uncheck_item(a.id, a.item, repo=a.repo, base=a.base, config=_config(a)))


def add_waive(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "waive", help="waive one finding, with a reason, in the configuration or as a comment on its line",
        description="Waive the finding FINDING_ID (its `id` in `readiness check --format json`; a unique prefix "
                    "works) of the current scan. By default the waiver goes to the configuration in use "
                    "(`[[tool.readiness.waivers]]` or readiness.toml), comments and layout kept; with --inline a "
                    "`readiness: ignore[CATEGORY] REASON` comment goes above the finding's line. A waived finding "
                    "stays in reports with \"waived\": true and no longer makes the run not ready.",
        epilog=waive.EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(parser, suppress=True)
    parser.add_argument("finding_id", metavar="FINDING_ID", help="the finding's id (or a unique prefix of it)")
    parser.add_argument("--reason", required=True, help="why this finding is acceptable (stored with the waiver)")
    parser.add_argument("--inline", action="store_true",
                        help="write a comment above the finding's line instead of a configuration entry")
    parser.add_argument("--config", metavar="FILE", default=None, help=CONFIG_HELP)
    _handler(parser, lambda a: waive.waive(finding_id=a.finding_id, reason=a.reason, inline=a.inline, repo=a.repo,
                                           base=a.base, all_files=a.all, config=_config(a)))
