"""`readiness report --format markdown`: a pull-request description body for the branch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXAMPLES = """examples:
  readiness report --format markdown > pr-body.md
  gh pr create --title "Refunds" --body-file pr-body.md
  readiness report --gates all --strict --base origin/develop
"""


def register(sub: argparse._SubParsersAction) -> None:
    from readiness.cli import add_common

    parser = sub.add_parser(
        "report", help="a pull-request description: checklists as task lists, findings, gates, open blockers",
        description="Scan the changes and print a pull-request description body in GitHub-flavoured Markdown: "
                    "each checklist as a task list (- [x] for items that pass) with the reason, a findings summary "
                    "table, the gate results and the open blockers from the README. Exit codes as for "
                    "`readiness check`: 0 ready, 1 not ready, 2 error.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
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
    parser.add_argument("--trust", action="store_true",
                        help="run gates that execute the repository's code even without `readiness trust` (for CI)")
    parser.add_argument("--config", metavar="FILE", default=None,
                        help="configuration file (default: readiness.toml or [tool.readiness] in pyproject.toml)")
    parser.set_defaults(handler=run)


def open_blockers(root: Path, config_path: Path | None) -> tuple[list[tuple[str, str, str, str]] | None, list[str]]:
    """(id, class, date, summary) of the README's open blockers, secrets masked; None when the log cannot be read."""
    from readiness.core import config as config_mod
    from readiness.core.blockers import log as blockers
    from readiness.core.errors import ReadinessError
    from readiness.core.secrets.values import mask_secrets

    try:
        label = config_mod.load(root, config_path)["docs_file"]
        readme = blockers.read_readme(root, label)
        doc = readme.document()
    except ReadinessError as exc:
        return None, [f"open blockers left out of the report: {exc}"]
    rows = [(b.id, b.klass, b.date, mask_secrets(blockers.sanitize(b.summary))) for b in doc.blockers if b.is_open]
    return rows, [*readme.warnings, *doc.warnings]


def run(args: argparse.Namespace) -> int:
    from readiness.core.pipeline.run import CheckOptions, run_check
    from readiness.render.markdown import render_markdown

    config_path = Path(args.config) if args.config else None
    options = CheckOptions(repo=args.repo, base=args.base, scope="all" if args.all else "diff",
                           fail_on=args.fail_on, config_path=config_path, strict=args.strict, gates=args.gates,
                           trust=args.trust)
    report = run_check(options)
    rows, warnings = open_blockers(Path(report.repo.root), config_path)
    for line in warnings:
        print(f"readiness: warning: {line}", file=sys.stderr)
    render_markdown(report, sys.stdout, blockers=rows)
    return 0 if report.ready else 1
