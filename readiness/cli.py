"""Command line: argparse and nothing else. It builds the parsers, calls one typed function of
readiness/commands/ per sub-command, and maps errors to exit codes (pre-commit's `main.py`).

`main(argv=None) -> int`; stdout carries only results, stderr the diagnostics.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys

from readiness import __version__
from readiness.cli_options import (
    CONFIG_HELP,
    TRUST_HELP,
    Handler,
    _config,
    _handler,
    _Parser,
    _repo_option,
    _wrap,
    add_common,
)
from readiness.cli_records import add_blocker, add_checklist, add_waive
from readiness.commands import OutputClosed, baseline, cache, check, gates, init, report, rules, triage, trust
from readiness.core import interrupts
from readiness.core.blockers.format import CLASSES
from readiness.core.errors import ReadinessError
from readiness.core.exit_codes import ERROR, INTERRUPTED, NOT_READY, OK
from readiness.core.terminal import tui_refusal
from readiness.render.formats import RENDERERS

EXIT_OK, EXIT_NOT_READY, EXIT_ERROR, EXIT_INTERRUPTED = OK, NOT_READY, ERROR, INTERRUPTED
# Write errors of standard output (`> /dev/full`, a quota, an I/O error): one line, exit 2.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


# -- check, report, gates, trust, init ---------------------------------------------------------------------------
def _add_check(sub: argparse._SubParsersAction) -> None:
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
    parser.add_argument("--history", action="store_true",
                        help="scan the lines every commit reachable from HEAD added for secrets (default: the "
                             "commits between the merge-base and HEAD, without --all)")
    parser.add_argument("--no-cache", action="store_true",
                        help="scan every file again instead of reusing the findings of this exact tree (the scan "
                             "cache under the git directory; gate results keep their own `gates --no-cache`)")
    parser.add_argument("--staged", action="store_true",
                        help="scan exactly what the next commit holds: the index against HEAD, files read from the "
                             "index (a partially staged file is judged by its staged content; for pre-commit)")
    _handler(parser, lambda a: check.check(repo=a.repo, base=a.base, all_files=a.all, fmt=a.format,
                                           fail_on=a.fail_on, config=_config(a), gates=a.gates, trust=a.trust,
                                           strict=a.strict, history=a.history, use_cache=not a.no_cache,
                                           staged=a.staged))


def _add_init(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "init", help="write a commented [tool.readiness] table (or readiness.toml)",
        description="Append a commented [tool.readiness] table with every key at its default to pyproject.toml "
                    "(or write readiness.toml when there is no pyproject.toml, or with --toml). Existing "
                    "configuration is never overwritten.",
    )
    _repo_option(parser)  # no --base or --all: init scans nothing
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
    parser.add_argument("--post", action="store_true",
                        help="post the report as one sticky pull-request comment (created, then updated in place) "
                             "through the GitHub CLI `gh`, instead of printing it")
    parser.add_argument("--dry-run", dest="dry_run", action="store_true",
                        help="with --post: print the comment it would post, touch nothing")
    parser.add_argument("--pr", metavar="NUMBER", type=int, default=None,
                        help="with --post: the pull request (default: the current branch's, from `gh pr view`)")
    _handler(parser, lambda a: report.report(repo=a.repo, base=a.base, all_files=a.all, fail_on=a.fail_on,
                                             config=_config(a), strict=a.strict, gates=a.gates, trust=a.trust,
                                             post=a.post, dry_run=a.dry_run, pr=a.pr))


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


def _add_baseline(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "baseline", help="accept today's findings: write .readiness-baseline.json (fingerprints only)",
        description="Scan every file (as `check --all` does) and write the fingerprints of today's findings to "
                    ".readiness-baseline.json at the repository root (never a value, line or snippet). `check` "
                    "then marks those findings baselined: counted, never failing, not listed. Running it again "
                    "rewrites the file and drops the entries that no longer match (stale).",
        epilog=baseline.EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--repo", metavar="DIR", default=argparse.SUPPRESS,
                        help="directory inside the repository (default: current directory)")
    parser.add_argument("--config", metavar="FILE", default=None, help=CONFIG_HELP)
    _handler(parser, lambda a: baseline.baseline(repo=a.repo, config=_config(a)))


def _add_rules(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "rules", help="every rule: id, category, default severity and what it finds, one per line",
        description="List every rule the scanners know, one per line: its id, its category, its default severity "
                    "and one line of text. `readiness explain RULE` tells more about one.",
        epilog=rules.EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    _handler(parser, lambda a: rules.rules(fmt=a.format))
    explain = sub.add_parser(
        "explain", help="what a rule finds, why it matters, an example and how to fix it",
        description="Print a rule's What / Why / Example / Fix: the text the terminal UI's detail pane shows.",
        epilog=rules.EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    explain.add_argument("rule", metavar="RULE", help="a rule id (see `readiness rules`) or a unique suffix of one")
    _handler(explain, lambda a: rules.explain(a.rule))


# -- blocker -------------------------------------------------------------------------------------------------------
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
        from readiness.tui.launch import run_triage  # textual: imported by run_triage, after the early scan forks
    except ImportError:
        return None
    return run_triage


def _run_triage(args: argparse.Namespace) -> int:
    answers = triage.Answers(klass=args.klass, summary=args.summary, details=args.details, defer=args.defer,
                             scope=args.scope, follow_up=args.follow_up, criteria=args.criterion, next=args.next,
                             file_issue=args.file_issue)

    def wizard() -> int | None:
        run = _tui_wizard() if tui_refusal() is None else None  # a dumb terminal: asked step by step instead
        return None if run is None else run(args)

    return triage.triage(repo=args.repo, base=args.base, evidence=args.evidence, answers=answers,
                         planned=args.planned, blocked=args.blocked, fmt=args.format, no_tui=args.no_tui,
                         wizard=wizard)


def _add_cache(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("cache", help="manage the scan result cache (readiness cache clear)",
                            description="The scan result cache keeps the findings of each scanned tree under the "
                                        "git directory; `clear` removes it.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    clear = actions.add_parser("clear", help="remove the scan result cache of this clone")
    add_common(clear, suppress=True)
    _handler(clear, lambda a: cache.clear(repo=a.repo))


# -- checklist -----------------------------------------------------------------------------------------------------
COMMANDS = (_add_check, _add_init, add_blocker, _add_triage, add_checklist, _add_report, _add_gates, _add_trust,
            add_waive, _add_cache, _add_baseline, _add_rules)


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
    refusal = tui_refusal()
    if refusal is not None:  # before importing textual: a dumb terminal would spin on a screen it cannot show
        print(f"readiness: error: {refusal}", file=sys.stderr)
        return EXIT_ERROR
    try:
        from readiness.tui.launch import run_app  # textual: imported by run_app, after the early scan forks
    except ImportError:
        build_parser().print_help(sys.stdout)
        return EXIT_OK
    return run_app(args)


def _drop_stdout() -> None:
    """Point standard output at /dev/null: what is still buffered must not fail again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (captured output in tests)
        pass


def main(argv: list[str] | None = None) -> int:
    code: int | None = None
    try:
        args = build_parser().parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            return open_app(args)
        with interrupts.guarded():  # SIGTERM/SIGHUP take Ctrl-C's clean-up path (CONTRACT.md: exit 130)
            code = handler(args)
        sys.stdout.flush()  # a write error (full disk, closed pipe) surfaces here, not at interpreter exit
        return code
    except OutputClosed as exc:  # `readiness check | head`: the reader left, the verdict's exit code stands
        _drop_stdout()
        return exc.code
    except ReadinessError as exc:
        from readiness.core.secrets.find import mask_secrets  # error path only: ~30 ms at start-up

        print(f"readiness: error: {mask_secrets(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("readiness: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`readiness check | head`): not an error worth a traceback; the exit code stands.
        _drop_stdout()
        return EXIT_OK if code is None else code
    except Exception as exc:  # the one place that turns a bug into one line instead of a traceback
        if isinstance(exc, OSError) and exc.errno in _OUTPUT_ERRNOS and exc.filename is None:
            _drop_stdout()
            print(f"readiness: error: cannot write the output: {exc.strerror} (free some space, or send the "
                  "output elsewhere)", file=sys.stderr)
            return EXIT_ERROR
        if os.environ.get("READINESS_DEBUG"):
            raise
        from readiness.core.secrets.find import mask_secrets  # error path only: ~30 ms at start-up

        print(f"readiness: internal error: {exc.__class__.__name__}: {mask_secrets(str(exc))} "
              "(set READINESS_DEBUG=1 to see the traceback, and please report it)", file=sys.stderr)
        return EXIT_ERROR
