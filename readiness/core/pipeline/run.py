"""One headless run, end to end: config → repository → scope → read files once → scanners → Report.

The scanners (their registry, the scan engine, the history and parse-note stages: ~50 ms of imports and regex
compiles) are imported where they run, not with this module: a scan answered from the result cache never loads them.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from readiness import __version__
from readiness.core import baseline, git_state
from readiness.core import config as config_mod
from readiness.core.checklists import flaky_age
from readiness.core.checklists.loader import evaluate_scan
from readiness.core.checklists.signals import change_signals
from readiness.core.gates import store
from readiness.core.gates.selection import known_gates, parse_selection
from readiness.core.gates.store import Stored, store_file
from readiness.core.models import Finding, GateResult, RepoInfo, Report, Severity
from readiness.core.names import shown_name
from readiness.core.pipeline import cache as result_cache
from readiness.core.pipeline.scope import read_sources, select_paths
from readiness.core.pipeline.sources import LazySources, texts_of
from readiness.core.pipeline.verdict import decide, mark_stale_gates
from readiness.core.repo import Repository, open_repository
from readiness.core.scan.base import RawFinding, ScanContext, SourceFile


@dataclass
class CheckOptions:
    repo: str = "."
    base: str | None = None
    scope: str = "diff"  # "diff", "all" or "staged" (the index against HEAD, files read from the index)
    fail_on: str | None = None  # None: from the configuration
    config_path: Path | None = None
    strict: bool | None = None  # manual checklist items make the run not ready; None: from the configuration
    gates: str | None = None  # quality gates to run: "all", "none" or "id,id" (readiness.core.gates)
    trust: bool = False  # run code-executing gates without a trust record (an explicit choice, e.g. CI)
    history: bool = False  # scan every commit reachable from HEAD for secrets (the diff scope reads the branch's)
    use_cache: bool = True  # reuse the scan result cache (pipeline/cache.py) when the tree is unchanged


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
    files: Sequence[SourceFile]  # a cache hit's files are read when iterated (pipeline/sources.py)
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    changed_paths: list[str] = field(default_factory=list)
    applicability: dict[str, str | None] = field(default_factory=dict)
    scope: str = "diff"
    signals: dict[str, str] | None = None  # the change signals, when the scan knows them (a cache hit); else None
    flaky_markers: list[tuple[str, int]] | None = None  # the flaky markers' lines, likewise
    rules: frozenset[str] | None = None  # the ids of every known rule, likewise (None: ask the scanners)


def scan_repository(options: CheckOptions, cancelled: Callable[[], bool] = lambda: False,
                    snapshot: bool = False) -> ScanResult:
    """Open the repository and run every scanner over the scope. The caller closes `result.repo`. `snapshot`: a
    one-shot run that closes the repository at its end (git's file lists read once, `Repository.snapshot`)."""
    repo = open_repository(Path(options.repo), options.base)
    repo.snapshot = snapshot
    try:
        cfg = config_mod.load(repo.root, options.config_path)
        if options.base is None and cfg["base"] is not None:  # the root's configuration names the base
            repo.use_base(cfg["base"])
        repo.skip_unwritten = bool(cfg["skip_unwritten"])
        if options.scope == "staged":
            repo.use_index()
        selected = select_paths(repo, cfg, options.scope)
        in_conflict = git_state.findings(repo)  # unmerged paths; merge/rebase in progress, submodules: notes
        scanned = _cached_scan(repo, cfg, selected, in_conflict, options, cancelled)
        notes = [n for n in (repo.unwritten_note(),) if n] + scanned.read_notes
        findings, baseline_notes = apply_baseline(repo, scanned.findings, options.scope, texts_of(scanned.files))
        return ScanResult(repo=repo, config=cfg, files=scanned.files, findings=findings,
                          notes=[shown_name(n) for n in (*repo.notes_for(options.scope), *notes,
                                                         *git_state.notes(repo, options.scope),
                                                         *scanned.notes, *baseline_notes)],  # paths in notes too
                          changed_paths=sorted(selected), applicability=scanned.applicability, scope=options.scope,
                          signals=scanned.signals, flaky_markers=scanned.markers, rules=scanned.rules)
    except BaseException:
        repo.close()
        raise


@dataclass
class _Scanned:
    files: Sequence[SourceFile]
    findings: list[Finding]
    applicability: dict[str, str | None]
    notes: list[str]  # what the scanners said (files that do not parse)
    read_notes: list[str]  # what reading and the history stage said
    signals: dict[str, str] | None = None
    markers: list[tuple[str, int]] | None = None
    rules: frozenset[str] | None = None


def _cached_scan(repo: Repository, cfg: config_mod.Config, selected: dict[str, frozenset[int] | None],
                 in_conflict: list[RawFinding], options: CheckOptions, cancelled: Callable[[], bool]) -> _Scanned:
    """Read the files in scope and run the scanners, or answer from the result cache when this exact tree,
    configuration and rule set were scanned before: a hit reads no file (`pipeline/sources.py` reads one when
    someone asks). A miss is kept unless cancelled, with the change signals and flaky markers the checklists read.
    A staged scan (the index, not the tree) and a tree in conflict (the index's unmerged entries) are not cached."""
    label = options.scope + ("+history" if options.history else "")  # history findings depend on the commits
    key = result_cache.scan_key(repo, cfg, label) \
        if not in_conflict and options.use_cache and options.scope != "staged" else None
    hit = result_cache.load(repo.git_dir, key, sorted(selected)) if key is not None else None
    if hit is not None:
        files = LazySources(hit.files, lambda: read_sources(repo, cfg, selected)[0],
                            lambda path: repo.read(path, cfg["max_file_size"]).text)
        return _Scanned(files, hit.findings, hit.applicability, hit.notes, hit.read_notes, hit.signals, hit.markers,
                        hit.rules)
    from readiness.core.scan.history import scan_history  # deferred (see the module doc)
    from readiness.core.scan.parse_notes import parse_notes

    read, extra, read_notes = read_sources(repo, cfg, selected, cancelled)
    if options.scope == "diff" or options.history:  # the commits a pull request carries (scan/history.py)
        carried, history_notes = scan_history(repo, cfg, read, every_commit=options.history, cancelled=cancelled)
        extra, read_notes = [*extra, *carried], [*read_notes, *history_notes]
    ctx, findings = run_scanners(repo, cfg, read, [*extra, *in_conflict], options.scope, cancelled)
    if cancelled():
        return _Scanned(read, findings, {}, [], read_notes)
    scanned = _Scanned(read, findings, rule_applicability(ctx), parse_notes(ctx), read_notes)
    if key is not None:
        scanned.signals = change_signals(read, sorted(selected), tuple(cfg["source_roots"]),
                                         int(cfg["large_change_lines"]))
        scanned.markers = flaky_age.markers(read)
        scanned.rules = known_rules()
        result_cache.save(repo.git_dir, key, findings, scanned.applicability, scanned.notes, in_scope=sorted(selected),
                          files=[f.path for f in read], read_notes=read_notes, signals=scanned.signals,
                          markers=scanned.markers, rules=scanned.rules)
    return scanned


def known_rules() -> frozenset[str]:
    """The id of every rule the scanners and the scan engine report."""
    from readiness.core.scan.engine import EXTRA_RULES  # deferred (see the module doc)
    from readiness.core.scan.scanners import all_rules

    return frozenset({**all_rules(), **EXTRA_RULES})


def apply_baseline(repo: Repository, findings: list[Finding], scope: str,
                   texts: Mapping[str, str] | None = None) -> tuple[list[Finding], list[str]]:
    """Mark the findings `.readiness-baseline.json` accepts (readiness.core.baseline); the notes say how many and
    which entries are stale. `texts`: the files read (path -> text), to tell a new copy of a baselined line in the
    default scope. Without a baseline file nothing changes. In the diff and staged scopes only the entries the
    merge-base's baseline holds count: a branch cannot accept its own findings (`baseline.merge_base_view`)."""
    found = baseline.read(repo.root)
    if found is None:
        return findings, []
    notes = list(found.problems)
    if scope != "all" and repo.merge_base:
        found, added = baseline.merge_base_view(found, repo.git("show", f"{repo.merge_base}:{baseline.BASELINE_FILE}",
                                                                ok=(0, 128)), repo.merge_base)
        notes += added
    existing = {e.path for e in found.entries if (repo.root / e.path).is_file()}  # in the work tree, tracked or not
    fingerprints = baseline.Fingerprinter(found.salt, baseline.work_tree_reader(repo.root, texts))
    applied = baseline.apply(findings, found.entries, scope=scope, existing_paths=existing, texts=texts,
                             fingerprints=fingerprints)
    return list(applied.findings), notes + baseline.describe(applied)


def run_scanners(repo: Repository, cfg: config_mod.Config, files: list[SourceFile], extra: list[RawFinding],
                 scope: str, cancelled: Callable[[], bool] = lambda: False) -> tuple[ScanContext, list[Finding]]:
    """Every scanner over `files`, with the configuration's severity overrides and waivers (also the TUI's rescan)."""
    from readiness.core.scan import engine as scan  # deferred (see the module doc)

    # the scanners judge a staged change as they judge any change: only `all` differs for them
    ctx = ScanContext(files=files, repo=repo, scope="all" if scope == "all" else "diff", settings=cfg.values,
                      test_globs=tuple(cfg["test_globs"]), cancelled=cancelled,
                      config_path=config_mod.relative_source(cfg, repo.root))
    overrides = {cat: Severity(sev) for cat, sev in cfg["severity"].items()}
    waivers = [scan.ConfigWaiver(w["id"], w["reason"]) for w in cfg["waivers"]]
    return ctx, scan.run(ctx, severity_overrides=overrides, config_waivers=waivers, extra=extra, workers=True)


def rule_applicability(ctx: ScanContext) -> dict[str, str | None]:
    """Ask every scanner module that can say so (`applicability(ctx)`, `not_applicable(ctx)`) which of its rules
    applied to this run: rule id -> None when it applied, else why not. Cheap after a scan over the same context:
    the scanners answer from what they cached in it."""
    from readiness.core.scan.scanners import SCANNERS  # deferred (see the module doc)

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


def current_gates(result: ScanResult, selection: Sequence[str], *, scope: str, trust: bool = False,
                  cancelled: Callable[[], bool] = lambda: False) -> tuple[tuple[GateResult, ...], Stored]:
    """The gate results this run states: the selected gates run now, every other gate's stored result while its
    inputs are unchanged (`readiness gates` earlier, the TUI); plus what is stored but stale."""
    repo, cfg = result.repo, result.config
    run_now = bool(selection) and not cancelled()
    kept = store_file(repo.git_dir).is_file()
    if not (run_now or kept):
        return (), Stored(fresh={}, stale={})  # no gate ran here nor runs now: the gate modules are not even loaded
    from readiness.core.gates.running import gate_keys, run_gates  # deferred: every gate module, runner and trust
    # The tree is hashed once for both: what ran before is judged, and what runs now is stored, under these keys.
    keys = gate_keys(repo, cfg, known_gates(cfg.values), scope)
    stored = store.stored(repo.git_dir, keys) if kept else Stored(fresh={}, stale={})
    ran = {g.id: g for g in run_gates(repo, cfg, selection, scope=scope, findings=result.findings,
                                      trust=trust, keys=keys)} if run_now else {}
    gates = []
    for gate_id in known_gates(cfg.values):
        if gate_id in ran:
            gates.append(ran[gate_id])
        elif gate_id in stored.fresh:
            hit = stored.fresh[gate_id]
            gates.append(dataclasses.replace(hit, summary=f"{hit.summary} (last run: its files are unchanged)"))
    stale = {g: r for g, r in stored.stale.items() if g not in ran}
    return tuple(gates), Stored(fresh=stored.fresh, stale=stale)


def run_check(options: CheckOptions, cancelled: Callable[[], bool] = lambda: False) -> Report:
    result = scan_repository(options, cancelled, snapshot=True)
    try:
        repo = result.repo
        fail_on = options.fail_on or result.config["fail_on"]
        info = RepoInfo(root=shown_name(str(repo.root)), branch=repo.branch, head=repo.head, base=repo.base,
                        merge_base=repo.merge_base, scope=options.scope)
        selection = parse_selection(options.gates, result.config.values)
        gates, stored = current_gates(result, selection, scope=options.scope, trust=options.trust,
                                      cancelled=cancelled)
        checklists, checklist_notes = evaluate_scan(result, gates=gates)
        checklists = mark_stale_gates(checklists, stored.stale)
        strict = result.config["strict"] if options.strict is None else options.strict
        verdict = decide(result.findings, checklists, gates, fail_on=fail_on,
                         required=result.config["checklists_required"], strict=strict)
        return Report(tool_version=__version__, repo=info, findings=tuple(result.findings), checklists=checklists,
                      gates=gates, notes=(*result.notes, *map(shown_name, checklist_notes)), fail_on=fail_on,
                      files_scanned=len(result.files), verdict=verdict, files_in_scope=len(result.changed_paths))
    finally:
        result.repo.close()
