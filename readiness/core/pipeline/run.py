"""One headless run, end to end: config → repository → scope → read files once → scanners → Report."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from readiness import __version__
from readiness.core import config as config_mod
from readiness.core.checklists.engine import checklists_ready
from readiness.core.checklists.loader import evaluate_scan
from readiness.core.models import Finding, RepoInfo, Report, Severity
from readiness.core.repo import Repository, open_repository
from readiness.core.scan import engine as scan
from readiness.core.scan.base import RawFinding, Rule, ScanContext, SourceFile, language_of, matches_any
from readiness.core.scan.scanners import SCANNERS

TOO_LARGE_RULE = Rule(
    id="skipped-file/too-large",
    category="skipped-file",
    severity=Severity.INFO,
    title="File too large to scan",
    what="A changed file larger than `max_file_size` was not scanned.",
    why="Scanning huge generated or vendored files is slow and rarely finds anything a reviewer would act on.",
    fix="Exclude the file with `exclude`, or raise `max_file_size` if it is hand-written code.",
)
scan.EXTRA_RULES[TOO_LARGE_RULE.id] = TOO_LARGE_RULE


@dataclass
class CheckOptions:
    repo: str = "."
    base: str | None = None
    scope: str = "diff"  # "diff" or "all"
    fail_on: str | None = None  # None: from the configuration
    config_path: Path | None = None
    strict: bool | None = None  # manual checklist items make the run not ready; None: from the configuration
    gates: str | None = None  # quality gates to run: "all", "none" or "id,id" (readiness.core.gates)
    trust: bool = False  # run code-executing gates without a trust record (an explicit choice, e.g. CI)


@dataclass
class ScanResult:
    """What a scan produced, before checklists and gates are added.

    `applicability`: what the scanners say about their rules in this run (`rule_applicability`): rule id -> None
    when it applied, else why it did not. The checklist engine turns a check whose rules did not apply into `skip`
    ("does not apply: the project declares no entry point") instead of a `pass` that checked nothing. Empty: not
    known (every rule is taken to apply).
    """

    repo: Repository
    config: config_mod.Config
    files: list[SourceFile]
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    changed_paths: list[str] = field(default_factory=list)
    applicability: dict[str, str | None] = field(default_factory=dict)


def _spec(patterns: list[str]) -> pathspec.PathSpec | None:
    return pathspec.PathSpec.from_lines("gitignore", patterns) if patterns else None


def select_paths(repo: Repository, cfg: config_mod.Config, scope: str) -> dict[str, frozenset[int] | None]:
    """Paths in scope and their changed lines (None: all lines), after include/exclude."""
    if scope == "all":
        selected: dict[str, frozenset[int] | None] = dict.fromkeys(repo.all_paths())
    else:
        selected = {c.path: c.lines for c in repo.changes().values() if c.status != "D"}
    include, exclude = _spec(cfg["include"]), _spec(cfg["exclude"])
    return {p: lines for p, lines in selected.items()
            if (include is None or include.match_file(p)) and (exclude is None or not exclude.match_file(p))}


def read_sources(repo: Repository, cfg: config_mod.Config, selected: dict[str, frozenset[int] | None],
                 cancelled: Callable[[], bool] = lambda: False) -> tuple[list[SourceFile], list[RawFinding], list[str]]:
    """Read and decode every file in scope once. Skips become notes (or info findings for huge files)."""
    files: list[SourceFile] = []
    extra: list[RawFinding] = []
    skipped: dict[str, list[str]] = {}
    test_globs = tuple(cfg["test_globs"])
    for path, lines in sorted(selected.items()):
        if cancelled():
            break
        if lines is not None and not lines:
            continue  # only deletions in this file
        read = repo.read(path, cfg["max_file_size"])
        if read.text is None:
            if read.skipped and read.skipped.startswith("too large"):
                extra.append(RawFinding(TOO_LARGE_RULE.id, path, None, f"not scanned: {read.skipped}"))
            elif read.skipped != "deleted":
                skipped.setdefault((read.skipped or "skipped").split(" (")[0], []).append(path)
            continue
        files.append(SourceFile(path=path, text=read.text, changed=lines, is_test=matches_any(path, test_globs),
                                language=language_of(path), new=lines is None))
    notes = [f"skipped {len(paths)} {kind} file{'s' if len(paths) != 1 else ''}: {', '.join(paths[:3])}"
             f"{' …' if len(paths) > 3 else ''}" for kind, paths in sorted(skipped.items())]
    return files, extra, notes


def scan_repository(options: CheckOptions, cancelled: Callable[[], bool] = lambda: False) -> ScanResult:
    """Open the repository and run every scanner over the scope. The caller closes `result.repo`."""
    repo = open_repository(Path(options.repo), options.base)
    try:
        cfg = config_mod.load(repo.root, options.config_path)
        if options.base is None and cfg["base"] is not None:  # the root's configuration names the base
            repo.use_base(cfg["base"])
        selected = select_paths(repo, cfg, options.scope)
        files, extra, notes = read_sources(repo, cfg, selected, cancelled)
        ctx, findings = run_scanners(repo, cfg, files, extra, options.scope, cancelled)
        return ScanResult(repo=repo, config=cfg, files=files, findings=findings,
                          notes=[*repo.notes, *notes], changed_paths=sorted(selected),
                          applicability={} if cancelled() else rule_applicability(ctx))
    except BaseException:
        repo.close()
        raise


def run_scanners(repo: Repository, cfg: config_mod.Config, files: list[SourceFile], extra: list[RawFinding],
                 scope: str, cancelled: Callable[[], bool] = lambda: False) -> tuple[ScanContext, list[Finding]]:
    """Every scanner over `files`, with the configuration's severity overrides and waivers (also the TUI's rescan)."""
    ctx = ScanContext(files=files, repo=repo, scope=scope, settings=cfg.values, test_globs=tuple(cfg["test_globs"]),
                      cancelled=cancelled)
    overrides = {cat: Severity(sev) for cat, sev in cfg["severity"].items()}
    waivers = [scan.ConfigWaiver(w["id"], w["reason"]) for w in cfg["waivers"]]
    return ctx, scan.run(ctx, severity_overrides=overrides, config_waivers=waivers, extra=extra)


def rule_applicability(ctx: ScanContext) -> dict[str, str | None]:
    """Ask every scanner module that can say so (`applicability(ctx)`, `not_applicable(ctx)`) which of its rules
    applied to this run: rule id -> None when it applied, else why not. Cheap after a scan over the same context:
    the scanners answer from what they cached in it."""
    answers: dict[str, str | None] = {}
    for scanner in SCANNERS.values():
        module = sys.modules.get(type(scanner).__module__)
        applied, why_not = getattr(module, "applicability", None), getattr(module, "not_applicable", None)
        if applied is None:
            continue
        reasons = why_not(ctx) if why_not is not None else {}
        for rule, ok in applied(ctx).items():
            answers[rule] = None if ok else reasons.get(rule, "nothing in scope for this rule to judge")
    return answers


def is_ready(findings: list[Finding], fail_on: str, gates=()) -> bool:
    if any(str(g.status) in ("fail", "error", "timeout") for g in gates):
        return False
    if fail_on == "never":
        return True
    floor = Severity(fail_on)
    return not any(f.severity.at_least(floor) and not f.waived for f in findings)


def run_check(options: CheckOptions, cancelled: Callable[[], bool] = lambda: False) -> Report:
    result = scan_repository(options, cancelled)
    try:
        repo = result.repo
        fail_on = options.fail_on or result.config["fail_on"]
        info = RepoInfo(root=str(repo.root), branch=repo.branch, head=repo.head, base=repo.base,
                        merge_base=repo.merge_base, scope=options.scope)
        from readiness.core.gates import parse_selection, run_gates

        selected = parse_selection(options.gates, result.config.values)
        gate_results = tuple(run_gates(repo, result.config, selected, scope=options.scope, findings=result.findings,
                                       trust=options.trust)) if selected else ()
        checklists, checklist_notes = evaluate_scan(result, gates=gate_results)
        strict = result.config["strict"] if options.strict is None else options.strict
        return Report(tool_version=__version__, repo=info, findings=tuple(result.findings), checklists=checklists,
                      gates=gate_results, notes=(*result.notes, *checklist_notes), fail_on=fail_on,
                      files_scanned=len(result.files),
                      ready=is_ready(result.findings, fail_on, gate_results)
                      and (fail_on == "never"  # report-only: findings and checklist items never fail the run
                           or checklists_ready(checklists, result.config["checklists_required"], strict)))
    finally:
        result.repo.close()
