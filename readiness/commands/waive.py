"""`readiness waive FINDING_ID --reason TEXT [--inline]`: waive one finding of the current scan.

The finding is looked up in the same scan `readiness check` runs (same --repo, --base, --all); the waiver is written by
the core (readiness.core.waive), in the configuration in use by default or as a comment above the line with
`--inline`. Prints one line saying what was written where.

Deferred imports: the waiver writer (~65 ms), the scan pipeline (~270 ms) and the secret patterns (~30 ms) load when
the command runs, not when `readiness --help` builds the parser (`-X importtime`, on top of `import readiness.cli`).
"""

from __future__ import annotations

from pathlib import Path

from readiness.core.errors import UsageError
from readiness.core.exit_codes import OK

EXAMPLES = """examples:
  readiness check --format json | jq -r '.findings[].id'
  readiness waive 3f9c2a1b --reason "fixture data, not a real key"
  readiness waive 3f9c2a1b --reason "intentional: the CLI prints the masked token" --inline
"""


def waive(*, finding_id: str, reason: str, inline: bool = False, repo: str = ".", base: str | None = None,
          all_files: bool = False, config: Path | None = None) -> int:
    """Write the waiver and print `waived ID (RULE at PATH:LINE) in FILE: TEXT`."""
    from readiness.core import waive as waive_mod  # deferred (see module doc)
    from readiness.core.pipeline.run import CheckOptions, scan_repository  # deferred (see module doc)
    from readiness.core.secrets.find import mask_secrets  # deferred (see module doc)

    wanted = finding_id.strip()
    if not wanted:
        raise UsageError("give the id of a finding (the `id` of `readiness check --format json`)")
    reason = waive_mod.clean_reason(reason)
    result = scan_repository(CheckOptions(repo=repo, base=base, scope="all" if all_files else "diff",
                                          config_path=config))
    try:
        matches = [f for f in result.findings if f.id == wanted] or [f for f in result.findings
                                                                      if f.id.startswith(wanted)]
        if not matches:
            scope = "all files" if all_files else "the changes (pass --all for the whole tree)"
            raise UsageError(f"no finding with id {wanted!r} in {scope}: copy an id from "
                             "`readiness check --format json`")
        if len(matches) > 1:
            raise UsageError(f"{len(matches)} findings start with {wanted!r}: give more of the id")
        finding = matches[0]
        root = result.repo.root
        written = (waive_mod.waive_inline(root, finding, reason) if inline
                   else waive_mod.waive_in_config(root, result.config.source, finding.id, reason))
    finally:
        result.repo.close()
    where = finding.path if finding.line is None else f"{finding.path}:{finding.line}"
    target = Path(written.path)
    shown = target.relative_to(root) if target.is_relative_to(root) else target
    print(mask_secrets(f"waived {finding.id} ({finding.rule} at {where}) in {shown}: {written.text.strip()}"))
    return OK
