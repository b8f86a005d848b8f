"""`readiness cache clear`: remove the scan result cache (`readiness.core.pipeline.cache`) of this clone.

Deferred imports: the repository and the cache load when the command runs, not when `readiness --help` builds the
parser.
"""

from __future__ import annotations

import sys


def clear(*, repo: str = ".") -> int:
    """Remove `<git dir>/readiness/scan-cache.json`; say whether there was one. Gate results are kept (`readiness
    gates --no-cache` runs the gates again)."""
    from readiness.core.pipeline import cache  # deferred (see module doc)
    from readiness.core.repo import open_repository  # deferred (see module doc)

    with open_repository(repo) as handle:
        path = cache.cache_file(handle.git_dir)
        removed = cache.clear(handle.git_dir)
    print(f"removed {path}" if removed else f"no scan cache to remove ({path} does not exist)", file=sys.stdout)
    return 0
