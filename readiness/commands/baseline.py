"""`readiness baseline`: record today's findings over the whole tree in `.readiness-baseline.json`.

Later runs of `check` (any scope) mark findings that match an entry `baselined`: counted, never failing, not listed.
Running it again rewrites the file from the current tree, which drops the stale entries (readiness.core.baseline).

Deferred import: the scan pipeline (~270 ms) loads when the command runs, not when `readiness --help` builds the parser.
"""

from __future__ import annotations

from pathlib import Path

from readiness.core.exit_codes import OK

EXAMPLES = """examples:
  readiness baseline                # accept today's findings; commit .readiness-baseline.json
  readiness check                   # reports only new findings; says how many are baselined
  readiness check --all             # also lists stale baseline entries (fixed or gone)
  readiness baseline                # again, to drop the stale entries
"""


def baseline(*, repo: str = ".", config: Path | None = None) -> int:
    """Scan every file (as `check --all` does), write the baseline and print one line saying what it holds."""
    from readiness import __version__
    from readiness.core import baseline as baseline_mod  # deferred (see module doc)
    from readiness.core.pipeline.run import CheckOptions, scan_repository  # deferred (see module doc)

    result = scan_repository(CheckOptions(repo=repo, scope="all", config_path=config))
    try:
        root = Path(result.repo.root)
        before_file = baseline_mod.read(root)
        before = before_file.entries if before_file is not None else None
        salt = before_file.salt if before_file is not None and before_file.salt else baseline_mod.new_salt()
        fingerprints = baseline_mod.Fingerprinter(salt, baseline_mod.work_tree_reader(root, {
            f.path: f.text for f in result.files}))
        entries = baseline_mod.entries_for(result.findings, fingerprints)
    finally:
        result.repo.close()
    path = baseline_mod.write(root, entries, __version__, salt)
    total = sum(e.count for e in entries)
    line = f"wrote {path.name}: {total} finding{'s' if total != 1 else ''} in {len(entries)} " \
           f"entr{'ies' if len(entries) != 1 else 'y'} (fingerprints only, no values)"
    if before is not None:
        old = {e.fingerprint: e.count for e in before}
        new = {e.fingerprint: e.count for e in entries}
        dropped = sum(max(0, n - new.get(fp, 0)) for fp, n in old.items())
        added = sum(max(0, n - old.get(fp, 0)) for fp, n in new.items())
        line += f"; {added} added, {dropped} dropped since the last baseline"
    print(line)
    print("commit it: `readiness check` then reports only findings that are not in it")
    return OK
