"""`readiness report --format markdown`: a pull-request description body for the branch.

Deferred imports: the configuration (~60 ms), the blockers log (~55 ms), the secret patterns (~30 ms) and the scan
pipeline (~270 ms) load when the command runs, not when `readiness --help` builds the parser (`-X importtime`, on
top of `import readiness.cli`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from readiness.core.errors import ReadinessError
from readiness.core.exit_codes import NOT_READY, OK
from readiness.render.markdown import render_markdown

EXAMPLES = """examples:
  readiness report --format markdown > pr-body.md
  gh pr create --title "Refunds" --body-file pr-body.md
  readiness report --gates all --strict --base origin/develop
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
           config: Path | None = None, strict: bool | None = None, gates: str = "none", trust: bool = False) -> int:
    """Scan and print the pull-request body; 0 when ready, 1 when not."""
    from readiness.core.pipeline.run import CheckOptions, run_check  # deferred (see module doc)

    options = CheckOptions(repo=repo, base=base, scope="all" if all_files else "diff", fail_on=fail_on,
                           config_path=config, strict=strict, gates=gates, trust=trust)
    result = run_check(options)
    rows, warnings = open_blockers(Path(result.repo.root), config)
    for line in warnings:
        print(f"readiness: warning: {line}", file=sys.stderr)
    render_markdown(result, sys.stdout, blockers=rows)
    return OK if result.ready else NOT_READY
