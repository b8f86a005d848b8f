"""`readiness report --format markdown`: a pull-request description body for the branch.

Deferred imports: the configuration (~60 ms), the blockers log (~55 ms), the secret patterns (~30 ms) and the scan
pipeline (~270 ms) load when the command runs, not when `readiness --help` builds the parser (`-X importtime`, on
top of `import readiness.cli`).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from readiness.core.errors import ReadinessError, UsageError
from readiness.core.exit_codes import NOT_READY, OK
from readiness.render.markdown import render_markdown

EXAMPLES = """examples:
  readiness report --format markdown > pr-body.md
  gh pr create --title "Refunds" --body-file pr-body.md
  readiness report --gates all --strict --base origin/develop
  readiness report --post --dry-run        # the sticky pull-request comment, printed instead of posted
  readiness report --post                  # create or update it on this branch's pull request (gh)
"""


def open_blockers(root: Path, config_path: Path | None) -> tuple[list[tuple[str, str, str, str]] | None, list[str]]:
    """(id, class, date, summary) of the README's open blockers, secrets masked; None when the log cannot be read."""
    from readiness.core import config as config_mod  # deferred (see module doc)
    from readiness.core.blockers import log as blockers  # deferred (see module doc)
    from readiness.core.secrets.find import mask_secrets  # deferred (see module doc)

    try:
        label = config_mod.load(root, config_path)["docs_file"]
        readme = blockers.read_readme(root, label)
        doc = readme.document()
    except ReadinessError as exc:
        return None, [f"open blockers left out of the report: {exc}"]
    rows = [(b.id, b.klass, b.date, mask_secrets(blockers.sanitize(b.summary))) for b in doc.blockers if b.is_open]
    return rows, [*readme.warnings, *doc.warnings]


def report(*, repo: str = ".", base: str | None = None, all_files: bool = False, fail_on: str | None = None,
           config: Path | None = None, strict: bool | None = None, gates: str = "none", trust: bool = False,
           post: bool = False, dry_run: bool = False, pr: int | None = None) -> int:
    """Scan and print the pull-request body (with `post`: post it as the sticky comment); 0 when ready, 1 when not."""
    from readiness.core.pipeline.run import CheckOptions, run_check  # deferred (see module doc)

    if (dry_run or pr is not None) and not post:
        raise UsageError("--dry-run and --pr go with --post: `readiness report --post --dry-run`")
    options = CheckOptions(repo=repo, base=base, scope="all" if all_files else "diff", fail_on=fail_on,
                           config_path=config, strict=strict, gates=gates, trust=trust)
    result = run_check(options)
    rows, warnings = open_blockers(Path(result.repo.root), config)
    for line in warnings:
        print(f"readiness: warning: {line}", file=sys.stderr)
    if not post:
        render_markdown(result, sys.stdout, blockers=rows)
        return OK if result.ready else NOT_READY
    from readiness.core import pr_comment  # deferred: only --post talks to GitHub

    text = io.StringIO()
    render_markdown(result, text, blockers=rows)
    if dry_run:
        where = f"pull request #{pr}" if pr is not None else "this branch's pull request"
        print(f"dry run: would create or update the readiness comment on {where}:", file=sys.stderr)
        sys.stdout.write(pr_comment.comment_body(text.getvalue()))
        return OK if result.ready else NOT_READY
    posted = pr_comment.post(text.getvalue(), Path(result.repo.root), pr)
    print(f"{posted.action} the readiness comment on pull request #{posted.pr}" +
          (f": {posted.url}" if posted.url else ""))
    return OK if result.ready else NOT_READY
