"""`readiness check`: headless scan (and, on request, gates) with a report in text, json, markdown or sarif.

Deferred import: the scan pipeline (~270 ms on top of `import readiness.cli`, `-X importtime`) is imported when
the command runs, not when `readiness --help` builds the parser.
"""

from __future__ import annotations

import sys
from pathlib import Path

from readiness.commands import emit
from readiness.core.errors import UsageError
from readiness.core.exit_codes import NOT_READY, OK
from readiness.render.formats import RENDERERS


def check(*, repo: str = ".", base: str | None = None, all_files: bool = False, fmt: str = "text",
          fail_on: str | None = None, config: Path | None = None, gates: str = "none", trust: bool = False,
          strict: bool | None = None, history: bool = False,
          use_cache: bool = True, staged: bool = False) -> int:
    """Scan, print the report in `fmt`; 0 when ready, 1 when not. `staged`: only what the next commit holds."""
    from readiness.core.pipeline.run import CheckOptions, run_check  # deferred (see module doc)

    if staged and all_files:
        raise UsageError("--staged and --all are different scopes: pass one of them")
    options = CheckOptions(repo=repo, base=base, scope="all" if all_files else "staged" if staged else "diff",
                           fail_on=fail_on, config_path=config, gates=gates, trust=trust, strict=strict,
                           history=history, use_cache=use_cache)
    report = run_check(options)
    return emit(OK if report.ready else NOT_READY, lambda: RENDERERS[fmt](report, sys.stdout))
