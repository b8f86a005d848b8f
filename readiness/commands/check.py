"""`readiness check`: headless scan (and, on request, gates) with a report in text, json, markdown or sarif."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    from readiness.cli import add_common
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
    parser.add_argument("--config", metavar="FILE", default=None,
                        help="configuration file (default: readiness.toml or [tool.readiness] in pyproject.toml)")
    parser.add_argument("--gates", metavar="all|none|ID,ID", default="none",
                        help="quality gates to run: all, none (default) or a comma-separated list of build, lint, "
                             "tests, coverage, security, smoke, performance, docs and configured gates")
    parser.add_argument("--trust", action="store_true",
                        help="run gates that execute the repository's code even without `readiness trust` (for CI)")
    parser.add_argument("--strict", action="store_true", default=None,
                        help="checklist items awaiting your confirmation make the run not ready (default: the "
                             "configured strict, false)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from readiness.core.pipeline.run import CheckOptions, run_check
    from readiness.render.formats import RENDERERS

    options = CheckOptions(repo=args.repo, base=args.base, scope="all" if args.all else "diff",
                           fail_on=args.fail_on, config_path=Path(args.config) if args.config else None,
                           gates=args.gates, trust=args.trust, strict=args.strict)
    report = run_check(options)
    RENDERERS[args.format](report, sys.stdout)
    return 0 if report.ready else 1
