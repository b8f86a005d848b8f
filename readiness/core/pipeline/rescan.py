"""A save re-scanned: only the saved files are read again, the scanners run again, and what a save cannot change
(the branch's history, files too large to read) is carried over. The TUI's watcher calls it on every save; the rules
(history kept, unmerged paths and parse notes asked again, the baseline matched again) live here, next to the
pipeline they follow, not in a front end."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from readiness.core import baseline, git_state
from readiness.core.models import Finding
from readiness.core.pipeline.run import ScanResult, apply_baseline, rule_applicability, run_scanners
from readiness.core.pipeline.scope import read_sources, select_paths
from readiness.core.scan import history
from readiness.core.scan.base import SourceFile
from readiness.core.scan.engine import TOO_LARGE_RULE
from readiness.core.scan.parse_notes import STILL_RAN, parse_notes


def rescan(previous: ScanResult, scope: str, paths: Iterable[str],
           cancelled: Callable[[], bool] = lambda: False) -> ScanResult:
    """Re-read only `paths` (repository-relative) and run the scanners again, keeping every other file as read.

    In diff scope the scanners see every file in scope (cross-file rules such as missing tests stay right); in
    all scope only the changed files are scanned and their findings replace the old ones for those paths.
    """
    repo, cfg = previous.repo, previous.config
    changed = set(paths)
    selected = select_paths(repo, cfg, scope)
    old = {f.path: f for f in previous.files}
    to_read = {p: lines for p, lines in selected.items() if p in changed or p not in old}
    fresh, extra, notes = read_sources(repo, cfg, to_read, cancelled)
    by_path = {f.path: f for f in fresh}
    files: list[SourceFile] = []
    for path, lines in sorted(selected.items()):
        if path in by_path:
            files.append(by_path[path])
        elif path in old and path not in to_read:
            source = old[path]
            files.append(source if source.changed == lines else dataclasses.replace(source, changed=lines))
    kept_large = [f for f in previous.findings if f.rule == TOO_LARGE_RULE.id and f.path in selected
                  and f.path not in to_read]
    # a save changes no commit: what the branch's history carries stays; unmerged paths are asked again
    kept_history = [f for f in previous.findings if f.rule == history.RULE_ID]
    scanned = files if scope == "diff" else fresh
    ctx, findings = run_scanners(repo, cfg, scanned, [*extra, *git_state.findings(repo)], scope, cancelled)
    if scope == "all":
        replaced = set(to_read)
        findings = [f for f in previous.findings if f.path not in replaced and f.path in selected] + findings
    findings = _unique([*findings, *kept_large, *kept_history])
    findings.sort(key=lambda f: (f.path, f.line or 0, f.rule))
    # the baseline is matched again over the whole new list, as `check` does (counts and stale entries change)
    findings, baseline_notes = apply_baseline(repo, [dataclasses.replace(f, baselined=False) for f in findings],
                                              scope, {f.path: f.text for f in files})
    old_notes = [n for n in previous.notes if not n.startswith("skipped ") and not baseline.is_note(n)
                 and not (scope == "diff" and n.endswith(STILL_RAN))]  # parse notes are asked again below
    applicability = rule_applicability(ctx) if scope == "diff" else previous.applicability
    return ScanResult(repo=repo, config=cfg, files=files, findings=findings,
                      notes=list(dict.fromkeys([*old_notes, *notes, *parse_notes(ctx), *baseline_notes])),
                      changed_paths=sorted(selected), applicability=applicability, scope=scope)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for finding in findings:
        if finding.id not in seen:
            seen.add(finding.id)
            out.append(finding)
    return out
