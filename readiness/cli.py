"""Command line: argparse and nothing else. It builds the parsers, calls one typed function of
readiness/commands/ per sub-command, and maps errors to exit codes (pre-commit's `main.py`).

`main(argv=None) -> int`; stdout carries only results, stderr the diagnostics.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from readiness import __version__
from readiness.commands import blocker, check, checklist, gates, init, report, triage, trust, waive
from readiness.core.blockers.format import CLASSES
from readiness.core.errors import ReadinessError
from readiness.core.exit_codes import ERROR, INTERRUPTED, NOT_READY, OK

EXIT_OK, EXIT_NOT_READY, EXIT_ERROR, EXIT_INTERRUPTED = OK, NOT_READY, ERROR, INTERRUPTED
CONFIG_HELP = "configuration file (default: readiness.toml or [tool.readiness] in pyproject.toml)"
TRUST_HELP = "run gates that execute the repository's code even without `readiness trust` (for CI)"
Handler = Callable[[argparse.Namespace], int]


def add_common(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    """--repo, --base, --all: on the top-level parser and again on each sub-command (either place works)."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--repo", metavar="DIR", default=default if suppress else ".",
                        help="directory inside the repository (default: current directory; the root is found upward)")
    parser.add_argument("--base", metavar="REF", default=default,
                        help="branch or ref to compare against (default: auto-detected: the upstream's remote HEAD, "
                             "origin/main, origin/master, main, master, trunk, develop)")
    parser.add_argument("--all", dest="all", action="store_true", default=default if suppress else False,
                        help="scan every tracked and untracked-not-ignored file instead of only the changes")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, then exit 2, like every other error
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def _wrap(text: str) -> str:
    return textwrap.fill(text, 100)


def _config(args: argparse.Namespace) -> Path | None:
    return Path(args.config) if args.config else None


def _repo_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repo", metavar="DIR", default=argparse.SUPPRESS,
                        help="directory inside the repository (default: current directory)")


def _handler(parser: argparse.ArgumentParser, handler: Handler) -> None:
    parser.set_defaults(handler=handler)


# -- check, report, gates, trust, init ---------------------------------------------------------------------------
def _add_check(sub: argparse._SubParsersAction) -> None:
    from readiness.render.formats import RENDERERS

    parser = sub.add_parser(
        "check", help="scan the changes and print a report (exit 1 when not ready)",
        description="Scan what this branch changes (committed since the merge-base with the base branch, staged, "
                    "unstaged and untracked files) and print a report. With --all, scan every file.",
        epilog="Exit codes: 0 ready, 1 not ready, 2 usage/configuration/repository error, 130 interrupted.",
    )
    add_common(parser, suppress=True)
    parser.add_argument("--format", choices=sorted(RENDERERS), default="text", help="report format (default: text)")
    parser.add_argument("--fail-on", choices=("error", "warning", "never"), default=None,
                        help="lowest unwaived severity that makes the run not ready (default: error, or the "
                             "configured fail_on)")
    parser.add_argument("--config", metavar="FILE", default=None, help=CONFIG_HELP)
    parser.add_argument("--gates", metavar="all|none|ID,ID", default="none",
                        help="quality gates to run: all, none (default) or a comma-separated list of build, lint, "
                             "tests, coverage, security, smoke, performance, docs and configured gates")
    parser.add_argument("--trust", action="store_true", help=TRUST_HELP)
    parser.add_argument("--strict", action="store_true", default=None,
                        help="checklist items awaiting your confirmation make the run not ready (default: the "
                             "configured strict, false)")
    _handler(parser, lambda a: check.check(repo=a.repo, base=a.base, all_files=a.all, fmt=a.format,
                                           fail_on=a.fail_on, config=_config(a), gates=a.gates, trust=a.trust,
                                           strict=a.strict))


def _add_init(sub: argparse._SubParsersAction) -> None:
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
    _handler(parser, lambda a: init.init(repo=a.repo, toml=a.toml, checklists=a.checklists))


def _add_report(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "report", help="a pull-request description: checklists as task lists, findings, gates, open blockers",
        description="Scan the changes and print a pull-request description body in GitHub-flavoured Markdown: "
                    "each checklist as a task list (- [x] for items that pass) with the reason, a findings summary "
                    "table, the gate results and the open blockers from the README. Exit codes as for "
                    "`readiness check`: 0 ready, 1 not ready, 2 error.",
        epilog=report.EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(parser, suppress=True)
    parser.add_argument("--format", choices=("markdown",), default="markdown", help="report format (default: "
                        "markdown)")
    parser.add_argument("--fail-on", choices=("error", "warning", "never"), default=None,
                        help="lowest unwaived severity that makes the branch not ready (default: error, or the "
                             "configured fail_on)")
    parser.add_argument("--strict", action="store_true", default=None,
                        help="checklist items awaiting your confirmation make the branch not ready")
    parser.add_argument("--gates", metavar="all|none|ID,ID", default="none",
                        help="quality gates to run first, so the report carries their results (default: none)")
    parser.add_argument("--trust", action="store_true", help=TRUST_HELP)
    parser.add_argument("--config", metavar="FILE", default=None, help=CONFIG_HELP)
    _handler(parser, lambda a: report.report(repo=a.repo, base=a.base, all_files=a.all, fail_on=a.fail_on,
                                             config=_config(a), strict=a.strict, gates=a.gates, trust=a.trust))


def _add_gates(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "gates", help="run the quality gates (build, lint, tests, coverage, security, smoke, performance, docs)",
        description="Run the quality gates on what this branch changes (with --all, on every file). Static gates "
                    "(build, lint, security, performance, docs) always run; gates that execute the repository's "
                    "code (tests, coverage, smoke, commands from the configuration) run only after `readiness "
                    "trust`, or with --trust.",
        epilog="Exit codes: 0 no gate failed, 1 a gate failed, errored or timed out, 2 usage/configuration/"
               "repository error, 130 interrupted. Configure gates with [tool.readiness.gates.<id>].",
    )
    add_common(parser, suppress=True)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--only", metavar="ID,ID", default="all",
                        help="run only these gates (default: all enabled gates)")
    parser.add_argument("--trust", action="store_true", help=TRUST_HELP)
    parser.add_argument("--no-cache", action="store_true",
                        help="run every gate, even a green one whose tree state is unchanged")
    parser.add_argument("--config", metavar="FILE", default=None, help=CONFIG_HELP)
    _handler(parser, lambda a: gates.gates(repo=a.repo, base=a.base, all_files=a.all, fmt=a.format, only=a.only,
                                           trust=a.trust, use_cache=not a.no_cache, config=_config(a)))


def _add_trust(sub: argparse._SubParsersAction) -> None:
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
    parser.add_argument("--config", metavar="FILE", default=None, help=CONFIG_HELP)
    _handler(parser, lambda a: trust.trust(repo=a.repo, show=a.show, revoke=a.revoke, config=_config(a)))


# -- blocker -------------------------------------------------------------------------------------------------------
def _add_blocker(sub: argparse._SubParsersAction) -> None:
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
def _add_triage(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "triage", help="the rapid triage flow when you are blocked (classify, scope, log, ticket, continue)",
        description=_wrap("Walk the rapid triage flow: 1. classify the blocker (suggested from --evidence), 2. reduce "
                          "scope (defer checklist items or changed modules), 3. log it in the README's Blockers "
                          "section, 4. write a follow-up ticket (saved under the git directory and printed; filed with "
                          "`gh issue create` only when you confirm, or pass --file-issue), 5. pick the next independent "
                          "module. With answers as flags, or without a terminal, it runs headless."),
        epilog=triage.EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--repo", metavar="DIR", default=argparse.SUPPRESS,
                        help="directory inside the repository (default: current directory)")
    parser.add_argument("--base", metavar="REF", default=argparse.SUPPRESS,
                        help="branch to compare against when listing changed modules (default: auto-detected)")
    parser.add_argument("--evidence", metavar="FILE", action="append", default=[],
                        help="a failing output (pytest log, build log) or a `readiness check --format json` report "
                             "(its failing gates and findings suggest the class, its unfinished checklist items can be "
                             "deferred); repeatable")
    answers = parser.add_argument_group("answers (any of them makes the run headless)")
    answers.add_argument("--class", dest="klass", choices=(*CLASSES, "auto"),
                         help="blocker class; auto takes the one suggested by the evidence")
    answers.add_argument("--summary", help="one line: what blocks you")
    answers.add_argument("--details", help="more about it (one line)")
    answers.add_argument("--defer", metavar="ITEM", action="append", default=None,
                         help="a checklist item id or changed module deferred to the follow-up; repeatable")
    answers.add_argument("--scope", help="the smallest viable subset you ship (default: 'ship without' the deferred)")
    answers.add_argument("--follow-up", dest="follow_up", help="what the follow-up ticket expands")
    answers.add_argument("--criterion", metavar="TEXT", action="append", default=None,
                         help="an acceptance criterion of the ticket; repeatable")
    answers.add_argument("--next", metavar="MODULE", help="the module you continue with; auto: the first "
                                                          "independent one; none: skip")
    answers.add_argument("--file-issue", dest="file_issue", action="store_true", default=None,
                         help="file the ticket with `gh issue create` (gh must be installed and logged in)")
    parser.add_argument("--planned", metavar="MODULE", action="append", default=[],
                        help="a module you plan to write, offered in step 5; repeatable")
    parser.add_argument("--blocked", metavar="MODULE", action="append", default=[],
                        help="a module that is blocked (besides deferred ones): step 5 avoids its importers")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="headless output: the ticket as Markdown (text) or a JSON summary")
    parser.add_argument("--no-tui", dest="no_tui", action="store_true",
                        help="in a terminal, ask step by step on the terminal even when the TUI is installed")
    _handler(parser, _run_triage)


def _tui_wizard() -> Handler | None:
    """The TUI's triage wizard, when the TUI is installed."""
    try:
        from readiness.tui.app import run_triage
    except ImportError:
        return None
    return run_triage


def _run_triage(args: argparse.Namespace) -> int:
    answers = triage.Answers(klass=args.klass, summary=args.summary, details=args.details, defer=args.defer,
                             scope=args.scope, follow_up=args.follow_up, criteria=args.criterion, next=args.next,
                             file_issue=args.file_issue)

    def wizard() -> int | None:
        run = _tui_wizard()
        return None if run is None else run(args)

    return triage.triage(repo=args.repo, base=args.base, evidence=args.evidence, answers=answers,
                         planned=args.planned, blocked=args.blocked, fmt=args.format, no_tui=args.no_tui,
                         wizard=wizard)


# -- checklist -----------------------------------------------------------------------------------------------------
def _checklist_common(parser: argparse.ArgumentParser) -> None:
    add_common(parser, suppress=True)
    parser.add_argument("--config", metavar="FILE", default=None, help=CONFIG_HELP)


def _add_checklist(sub: argparse._SubParsersAction) -> None:
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


def _add_waive(sub: argparse._SubParsersAction) -> None:
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


COMMANDS = (_add_check, _add_init, _add_blocker, _add_triage, _add_checklist, _add_report, _add_gates, _add_trust,
            _add_waive)


# -- the program ---------------------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="readiness",
        description="Is this branch ready for review? Finds TODO throws, untested changes, leaked secrets and "
                    "missing docs in what you changed, runs the quality gates, and walks you through the "
                    "ready-for-review and merge checklists. Without a command it opens the terminal UI.",
        epilog="Exit codes: 0 ready, 1 not ready, 2 usage/configuration/repository error, 130 interrupted. "
               "Run `readiness COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"readiness {__version__}")
    add_common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add in COMMANDS:
        add(sub)
    return parser


def open_app(args: argparse.Namespace) -> int:
    """`readiness` with no command: the terminal UI when it is installed, the help otherwise."""
    try:
        from readiness.tui.app import run_app
    except ImportError:
        build_parser().print_help(sys.stdout)
        return EXIT_OK
    return run_app(args)


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            return open_app(args)
        return handler(args)
    except ReadinessError as exc:
        from readiness.core.secrets.find import mask_secrets

        print(f"readiness: error: {mask_secrets(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("readiness: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`readiness check | head`): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the one place that turns a bug into one line instead of a traceback
        if os.environ.get("READINESS_DEBUG"):
            raise
        from readiness.core.secrets.find import mask_secrets

        print(f"readiness: internal error: {exc.__class__.__name__}: {mask_secrets(str(exc))} "
              "(set READINESS_DEBUG=1 to see the traceback, and please report it)", file=sys.stderr)
        return EXIT_ERROR
