"""Run the registered scanners over a scan context and turn raw findings into report findings.

This is where scope, severity overrides, inline and configured waivers, and fingerprints are applied, so
every scanner gets them for free and none can forget them.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from readiness.core.models import Finding, Severity
from readiness.core.names import escape_undecodable, path_secrets, shown_name
from readiness.core.scan import workers as workers_mod
from readiness.core.scan.base import PerFileScanner, RawFinding, Rule, ScanContext, SourceFile
from readiness.core.scan.scanners import SCANNERS, all_rules
from readiness.core.scan.waivers import parse_waiver, waiver_for
from readiness.core.secrets.find import find_secrets, mask_known, mask_secrets

WAIVER_RULE = Rule(
    id="waiver/missing-reason",
    category="waiver",
    severity=Severity.WARNING,
    title="Waiver without a reason",
    what="A `readiness: ignore[...]` comment that does not say why the finding is acceptable.",
    why="A waiver is a decision a reviewer has to trust; without a reason nobody can check it later.",
    fix="Add the reason after the bracket: `# readiness: ignore[todo-throw] abstract by convention`.",
    example="# readiness: ignore[todo-throw]",
)

TOO_LARGE_RULE = Rule(
    id="skipped-file/too-large",
    category="skipped-file",
    severity=Severity.INFO,
    title="File too large to scan",
    what="A changed file larger than `max_file_size` was not scanned.",
    why="Scanning huge generated or vendored files is slow and rarely finds anything a reviewer would act on.",
    fix="Exclude the file with `exclude`, or raise `max_file_size` if it is hand-written code.",
)

UNKNOWN_TARGET_RULE = Rule(
    id="waiver/unknown-target",
    category="waiver",
    severity=Severity.WARNING,
    title="Waiver naming no known category or rule",
    what="A `readiness: ignore[...]` comment whose brackets name something that is neither a category "
         "(`todo-throw`) nor a rule id (`todo-throw/python-stub`) nor `*`: it waives nothing.",
    why="A misspelt waiver (`todo-throws`) silently waives nothing: the finding stays, and the reader believes it "
        "was judged acceptable.",
    fix="Name the category or rule id the finding shows (`readiness rules` lists them).",
    example="# readiness: " "ignore[todo-throws] abstract by convention",  # in parts: no waiver of this file
)

# Rules owned by the pipeline rather than a scanner (waivers, skipped files).
EXTRA_RULES: dict[str, Rule] = {WAIVER_RULE.id: WAIVER_RULE, UNKNOWN_TARGET_RULE.id: UNKNOWN_TARGET_RULE,
                                TOO_LARGE_RULE.id: TOO_LARGE_RULE}

_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Remove control characters (terminal escapes among them) from text that came from the repository."""
    return _CONTROL.sub("", text)


def fingerprint(path: str, rule: str, content: str, occurrence: int) -> str:
    normalised = _WS.sub(" ", content).strip()
    material = "\0".join((path, rule, normalised, str(occurrence)))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class ConfigWaiver:
    id: str
    reason: str


def run(
    ctx: ScanContext,
    *,
    severity_overrides: dict[str, Severity] | None = None,
    config_waivers: Iterable[ConfigWaiver] = (),
    scanners: Iterable[str] | None = None,
    extra: Iterable[RawFinding] = (),
    workers: bool = False,
) -> list[Finding]:
    """All findings for the context, sorted by path and line. Pure apart from what scanners read via ctx.repo.
    `workers`: a large tree's per-file scanners may share the work with a forked child (`scan.workers`, which
    says when that pays and is safe); the findings are the same either way."""
    rules = {**all_rules(), **EXTRA_RULES}
    by_path = {f.path: f for f in ctx.files}
    configured = {w.id: w.reason for w in config_waivers}
    overrides = severity_overrides or {}
    seen: dict[tuple[str, str, str], int] = {}
    findings: list[Finding] = []
    origins: list[tuple[SourceFile | None, int | None]] = []  # each finding's file and line, for `_mask_detected`
    with_secrets: set[str] = set()  # files a secret scanner reported

    def emit(raw: RawFinding) -> None:
        rule = rules[raw.rule]
        source = by_path.get(raw.path)
        if raw.line is not None and source is not None and not source.is_changed(raw.line):
            return
        # A secret may sit on a line another scanner reports: the line is masked before it is used for anything,
        # the fingerprint included (ids are hashes of masked text, or the scanner's keyed hash).
        line_text = ""
        if source is not None and raw.line is not None and (raw.key is None or raw.snippet is None):
            line_text = mask_secrets(source.line(raw.line))
        content = raw.key if raw.key is not None else line_text
        occurrence_key = (raw.path, raw.rule, _WS.sub(" ", content).strip())
        occurrence = seen.get(occurrence_key, 0)
        seen[occurrence_key] = occurrence + 1
        fid = fingerprint(raw.path, raw.rule, content, occurrence)
        severity = raw.severity or rule.severity
        if rule.category in overrides:
            severity = overrides[rule.category]
        waived, reason = False, None
        if source is not None and raw.line is not None:
            inline = waiver_for(source.lines, raw.line, rule.category, rule.id)
            if inline is not None:
                waived, reason = True, inline.reason or None
        if fid in configured:
            waived, reason = True, configured[fid]
        snippet = raw.snippet if raw.snippet is not None else line_text
        if rule.category in _SECRET_CATEGORIES and source is not None:
            with_secrets.add(raw.path)
        origins.append((source, raw.line))
        findings.append(
            Finding(
                id=fid,
                rule=rule.id,
                category=rule.category,
                severity=severity,
                path=shown_name(raw.path),  # non-UTF-8 bytes escaped, a token in a file name masked
                line=raw.line,
                # the path's own secrets too: in `test_<token>*.py` no detector sees the token's start
                message=clean(mask_secrets(escape_undecodable(raw.message), path_secrets(raw.path))),
                snippet=clean(mask_secrets(snippet.rstrip()))[:300],
                waived=waived,
                waiver_reason=None if reason is None else clean(mask_secrets(reason)),
                commit=raw.commit,
            )
        )

    selected = [SCANNERS[name] for name in (scanners if scanners is not None else SCANNERS)]
    per_file = [s for s in selected if isinstance(s, PerFileScanner)]
    mine, theirs = list(ctx.files), list[SourceFile]()
    if per_file and workers and workers_mod.worth_forking(ctx.files):
        mine, theirs = workers_mod.split(ctx.files)
    collect = workers_mod.fork_scan(ctx, per_file, theirs) if theirs else None
    later: list[RawFinding] = []  # with a child: the repository-level findings, emitted after the child's
    try:
        for raw in workers_mod.scan_files(ctx, per_file, mine):  # file by file: one file's lines held at a time
            emit(raw)
        for each in selected:
            if ctx.cancelled():
                break
            for raw in each.finish(ctx) if isinstance(each, PerFileScanner) else each.scan(ctx):
                if collect is None:
                    emit(raw)
                else:
                    later.append(raw)
            for source in ctx.files:
                source.release()
    except BaseException:  # an interrupt or a scanner's bug: the child is ended, not waited for
        if collect is not None:
            collect(True)
        raise
    if collect is not None:
        from_child = collect(False)
        for raw in from_child if from_child is not None else workers_mod.scan_files(ctx, per_file, theirs):
            emit(raw)
        for raw in later:
            emit(raw)
    for raw in (*extra, *_waiver_problems(ctx.files, rules)):
        emit(raw)
    findings = _mask_detected(findings, origins, [by_path[p] for p in sorted(with_secrets)])
    findings = one_per_problem(findings)
    findings.sort(key=lambda f: (f.path, f.line or 0, f.rule))
    return findings


_SECRET_CATEGORIES = frozenset({"hardcoded-secret", "printed-secret"})


def _mask_detected(findings: list[Finding], origins: list[tuple[SourceFile | None, int | None]],
                   secret_files: list[SourceFile]) -> list[Finding]:
    """A secret is masked in every finding, whoever reports it. The detectors judge a value where it is written (a
    name assigned, a provider's prefix): the same value quoted elsewhere (a TODO's message, another rule's snippet,
    another file) is not recognised again, and a message cut short before masking can end inside a secret of its
    line. So every value detected in a file a secret scanner reported, and every value detected on a finding's own
    line, is masked in every message and snippet (`mask_known`)."""
    detected = {m.secret.reveal() for source in secret_files for m in find_secrets(source.text, prose=True)}
    out: list[Finding] = []
    for finding, (source, line) in zip(findings, origins, strict=True):
        known = set(detected)
        if source is not None and line is not None:
            known.update(m.secret.reveal() for m in find_secrets(source.line(line), prose=True))
        if known:
            message, snippet = mask_known(finding.message, known), mask_known(finding.snippet, known)
            commit = finding.commit and (finding.commit[0], mask_known(finding.commit[1], known))
            if (message, snippet, commit) != (finding.message, finding.snippet, finding.commit):
                finding = dataclasses.replace(finding, message=message, snippet=snippet, commit=commit)
        out.append(finding)
    return out


def one_per_problem(findings: Iterable[Finding]) -> list[Finding]:
    """Rules of one category that see the same line report one problem: `except Exception: pass` is swallowed
    (silent-failure/python-swallowed, a warning) and, in a module that logs nothing, disappears without a signal
    (silent-failure/no-baseline-signal, info). They merge into one finding: the strongest severity, its rule, id and
    message (an unwaived finding wins over a waived one of the same severity). Whole-file findings never merge."""
    kept: dict[tuple[str, int, str], Finding] = {}
    merged: list[Finding] = []
    for finding in findings:
        if finding.line is None:
            merged.append(finding)
            continue
        key = (finding.path, finding.line, finding.category)
        other = kept.get(key)
        if other is None or (finding.severity.rank, not finding.waived) > (other.severity.rank, not other.waived):
            kept[key] = finding
    return [*merged, *kept.values()]


def _waiver_problems(files: Iterable[SourceFile], rules: dict[str, Rule]) -> Iterator[RawFinding]:
    """Inline waivers that say no reason, or name no known category or rule (they waive nothing)."""
    known = {*rules, *(rule.category for rule in rules.values()), "*"}
    for source in files:
        if "readiness:" not in source.text:
            continue
        for number, text in enumerate(source.lines, start=1):
            waiver = parse_waiver(text, number)
            if waiver is None:
                continue
            if not waiver.reason:
                yield RawFinding(
                    rule=WAIVER_RULE.id,
                    path=source.path,
                    line=number,
                    message="waiver without a reason: say why after `ignore[...]`",
                )
            for target in sorted(waiver.targets - known):
                close = difflib.get_close_matches(target, sorted(known - {"*"}), n=1)
                yield RawFinding(
                    rule=UNKNOWN_TARGET_RULE.id,
                    path=source.path,
                    line=number,
                    message=f"waiver names `{target}`, which is no category or rule: it waives nothing"
                            + (f" (did you mean `{close[0]}`?)" if close else " (`readiness rules` lists them)"),
                    key=f"unknown-target:{target}",
                )
