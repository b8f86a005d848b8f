"""The pure checklist engine: findings, gate results, manual check-offs and the files in scope in; statuses out.

No I/O and no clock: the TUI re-runs it on every file change. Every item gets one status from the contract
(`pass fail warn manual skip error`) and a one-line `detail` saying why, with the ids of the findings behind it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol

from readiness.core.checklists.model import Check, Checklist, Condition, Item
from readiness.core.checklists.signals import describe as signals_absent
from readiness.core.checklists.state import CONFIRMED, ManualEntry, relevant_digest
from readiness.core.models import ChecklistResult, Finding, GateResult, GateStatus, ItemKind, ItemResult, Status
from readiness.core.paths import matcher, matches_any
from readiness.core.safe_regex import BoundedPattern, compile_bounded, slow_message

# `all` reports its worst child, `any` its best; skipped children do not count.
_RANK = {Status.PASS: 0, Status.WARN: 1, Status.MANUAL: 2, Status.ERROR: 3, Status.FAIL: 4}
_NOUNS = {"todo-throw": "TODO throw", "missing-test": "missing test", "printed-secret": "printed secret",
          "hardcoded-secret": "hard-coded secret", "missing-docs": "docs gap", "silent-failure": "silent failure"}
_MAX_LOCATIONS = 3
MEASURES = {"lines": "changed lines covered", "branches": "decision branches of changed lines taken",
            "functions": "changed functions entered by the tests"}  # gate measures an item may judge
_UNTRUSTED = "untrusted"  # how a code-executing gate skipped for want of trust begins its summary (core.gates)


@dataclass(frozen=True)
class Inputs:
    """Everything an evaluation looks at.

    `paths`: the files in scope (the changes, or every file with --all); `texts`: the contents of those that were
    read; `digests`: content digests of the branch's changed files (what manual check-offs are compared against);
    `manual`: check-offs keyed "checklist-id/item-id"; `rules`: the rule ids installed (None: do not check that a
    findings check is backed by a rule); `applicability`: what the scanners said about their rules in this run, rule
    id -> None when the rule applied, else why it did not ("the project declares no entry point"). A rule missing
    from it is assumed to apply. A findings check none of whose rules applied is `skip` ("does not apply: ..."),
    not `pass`: nothing was checked.
    """

    findings: Sequence[Finding] = ()
    gates: Mapping[str, GateResult] = field(default_factory=dict)
    manual: Mapping[str, ManualEntry] = field(default_factory=dict)
    paths: Sequence[str] = ()
    texts: Mapping[str, str] = field(default_factory=dict)
    digests: Mapping[str, str] = field(default_factory=dict)
    rules: Collection[str] | None = None
    applicability: Mapping[str, str | None] = field(default_factory=dict)
    signals: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class _Outcome:
    status: Status
    detail: str
    finding_ids: tuple[str, ...] = ()
    not_applicable: str | None = None  # why: the check's rules did not apply to this run
    confirm: bool = False  # a confirmation is still awaited, whatever the gates say (ItemResult.awaits_confirmation)


class _HasRule(Protocol):
    """A finding, or a `_RuleProbe` standing in for any finding of one rule."""

    @property
    def rule(self) -> str: ...

    @property
    def category(self) -> str: ...


def _matches(ref: str, finding: _HasRule) -> bool:
    if "/" not in ref:
        return finding.category == ref
    return finding.rule.startswith(ref)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 'es' if noun.endswith('s') else 's'}"


def _noun(refs: Sequence[str]) -> str:
    if len(refs) == 1 and refs[0] in _NOUNS:
        return _NOUNS[refs[0]]
    if len(refs) == 1:
        return f"{refs[0]} finding"
    return "finding"


def _locations(findings: Sequence[Finding]) -> str:
    """`pkg/a.py:41, :58, pkg/b.py` — at most a few distinct locations, then "+N more"."""
    places = list(dict.fromkeys((f.path, f.line) for f in findings))  # two rules on one file: one location
    parts: list[str] = []
    last_path = None
    for path, line in places[:_MAX_LOCATIONS]:
        if line is None:
            parts.append(path)
        elif path == last_path:
            parts.append(f":{line}")
        else:
            parts.append(f"{path}:{line}")
        last_path = path
    more = len(places) - _MAX_LOCATIONS
    return ", ".join(parts) + (f" +{more} more" if more > 0 else "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Evaluation:
    def __init__(self, inputs: Inputs) -> None:
        self.inputs = inputs
        self.in_scope = len(inputs.paths)
        self._lowered: dict[str, str] = {}

    def lowered(self, path: str) -> str:
        if path not in self._lowered:
            self._lowered[path] = self.inputs.texts.get(path, "").lower()
        return self._lowered[path]

    # -- check kinds -----------------------------------------------------------------------------------------------
    def not_applicable(self, check: Check) -> str | None:
        """Why none of the rules a findings check covers applied to this run (None: one did, or nobody knows)."""
        known = self.inputs.applicability
        if not known:
            return None
        universe = self.inputs.rules if self.inputs.rules is not None else known.keys()
        covered = {r for r in universe if any(_matches(ref, _RuleProbe(r)) for ref in check.refs)
                   and not any(_matches(ref, _RuleProbe(r)) for ref in check.exclude)}
        if not covered or any(known.get(r) is None for r in covered):
            return None
        if any(f.rule in covered for f in self.inputs.findings):
            return None  # it reported something, so it applied
        return next(str(why) for rule, why in known.items() if rule in covered)  # the first rule's reason (the
        # scanners list their main rule first)

    def findings(self, check: Check) -> _Outcome:
        rules = self.inputs.rules
        if rules is not None:
            missing = [r for r in check.refs if not any(_matches(r, _RuleProbe(rule)) for rule in rules)]
            if missing:
                return _Outcome(Status.ERROR, f"cannot check: no installed rule provides {', '.join(missing)}")
        why = self.not_applicable(check)
        if why is not None:
            return _Outcome(Status.SKIP, f"does not apply: {why}", not_applicable=why)
        matched = [f for f in self.inputs.findings
                   if any(_matches(r, f) for r in check.refs) and not any(_matches(r, f) for r in check.exclude)
                   and f.severity.at_least(check.severity) and (not check.paths or matches_any(f.path, check.paths))]
        active = [f for f in matched if not f.waived and not f.baselined]
        waived = sum(f.waived for f in matched)
        baselined = len(matched) - len(active) - waived
        nouns = check.label or f"{_noun(check.refs)}s"
        if not active:
            files = _plural(self.in_scope, "file")
            accepted = ", ".join(f"{n} {what}" for n, what in ((waived, "waived"), (baselined, "baselined")) if n)
            return _Outcome(Status.PASS, f"no {nouns} in {files} in scope" + (f" ({accepted})" if accepted else ""))
        ids = tuple(f.id for f in active)
        if len(active) == 1:
            f = active[0]
            where = f.path if f.line is None else f"{f.path}:{f.line}"
            return _Outcome(check.on_findings, _one_line(f"{where}: {f.message}"), ids)
        return _Outcome(check.on_findings, f"{len(active)} {nouns} in {_locations(active)}", ids)

    def gate(self, check: Check) -> _Outcome:
        result = self.inputs.gates.get(check.gate)
        if result is None:
            return _Outcome(Status.MANUAL, f"not run yet: `readiness check --gates {check.gate}`")
        summary = _one_line(result.summary)
        said = f": {summary}" if summary else ""
        measured = self.measured(check, result)
        if measured is not None:
            return measured
        if result.status == GateStatus.PASS and any(m[0] == "duration_s" and m[1] > m[2] for m in result.measures):
            return _Outcome(Status.WARN, f"{check.gate} gate passed, too slowly{said}")  # over its time target
        if result.status == GateStatus.PASS:
            return _Outcome(Status.PASS, f"{check.gate} gate passed{said}")
        if result.status == GateStatus.FAIL:
            return _Outcome(Status.FAIL, f"{check.gate} gate failed{said}")
        if result.status == GateStatus.TIMEOUT:
            return _Outcome(Status.FAIL, f"{check.gate} gate timed out{said}")
        if result.status == GateStatus.SKIP and summary.startswith(_UNTRUSTED):  # not verified: the developer acts
            return _Outcome(Status.MANUAL, f"{check.gate} gate not run: {summary}")
        if result.status == GateStatus.SKIP:
            return _Outcome(check.on_skip, f"{check.gate} gate skipped{said}")
        return _Outcome(Status.ERROR, f"{check.gate} gate could not run{said}")

    @staticmethod
    def measured(check: Check, result: GateResult) -> _Outcome | None:
        """A gate item that names a measure (`measure = "branches"`, `at_least = 75`) is judged on it, when the
        gate ran to the end and reported it (otherwise the gate's own status decides)."""
        if not check.measure or result.status not in (GateStatus.PASS, GateStatus.FAIL):
            return None
        found = next((m for m in result.measures if m[0] == check.measure), None)
        if found is None:
            return None
        _, covered, total = found
        what = MEASURES.get(check.measure, check.measure)
        if total == 0:
            return _Outcome(Status.PASS, f"nothing to measure ({what}: 0 of 0)")
        percent = 100.0 * covered / total
        status = Status.PASS if percent >= check.at_least else Status.FAIL
        return _Outcome(status, f"{percent:.1f}% of {what} ({covered}/{total}, at least {check.at_least}%)")

    def manual(self, check: Check, key: str) -> _Outcome:
        entry = self.inputs.manual.get(key)
        if entry is None:
            return _Outcome(Status.MANUAL, _one_line(check.prompt), confirm=True)
        if entry.digest != relevant_digest(self.inputs.digests, check.paths):
            return _Outcome(Status.MANUAL, f"stale: files changed since you confirmed on {entry.date}; re-check with "
                                           f"`readiness checklist check {key.replace('/', ' ', 1)}`", confirm=True)
        note = f": {_one_line(entry.note)}" if entry.note else ""
        if entry.status == CONFIRMED:
            return _Outcome(Status.PASS, f"confirmed by you on {entry.date}{note}")
        return _Outcome(Status.SKIP, f"marked not applicable on {entry.date}{note}")

    def changed(self, check: Check) -> _Outcome:
        match = matcher(check.refs).match  # compiled once for every path in scope (--all: thousands)
        hits = [p for p in self.inputs.paths if match(p)]
        if hits:
            more = f" +{len(hits) - _MAX_LOCATIONS} more" if len(hits) > _MAX_LOCATIONS else ""
            return _Outcome(Status.PASS, f"changed: {', '.join(hits[:_MAX_LOCATIONS])}{more}")
        return _Outcome(check.on_findings, f"no file in scope matches {', '.join(check.refs)}")

    def absent(self, wanted: Sequence[str]) -> str | None:
        """Why a check or item needing one of the change signals `wanted` is not asked (None: it is)."""
        if not wanted or self.inputs.signals is None:
            return None
        return signals_absent(self.inputs.signals, wanted)

    def signal(self, check: Check) -> _Outcome:
        name = check.refs[0]
        if self.inputs.signals is None:
            return _Outcome(Status.SKIP, f"not known: {name} is read from the change")
        if name in self.inputs.signals:
            return _Outcome(check.on_findings, self.inputs.signals[name])
        return _Outcome(Status.PASS, signals_absent(self.inputs.signals, (name,)) or "")

    def run(self, check: Check, key: str) -> _Outcome:
        why = self.absent(check.when)
        if why is not None:
            return _Outcome(Status.SKIP, f"not asked: {why}", not_applicable=why)
        if check.kind.combines:
            return self.combine(check, key)
        if check.kind == ItemKind.MANUAL:
            return self.manual(check, key)
        return getattr(self, check.kind)(check)

    def combine(self, check: Check, key: str) -> _Outcome:
        outcomes = [self.run(child, key) for child in check.children]
        ids = tuple(dict.fromkeys(i for o in outcomes for i in o.finding_ids))
        judged = [o for child, o in zip(check.children, outcomes, strict=True) if child.kind == ItemKind.FINDINGS]
        if check.kind == ItemKind.ALL and judged and all(o.not_applicable for o in judged):
            # The scanners say the subject of the item is absent (no entry point, no HMAC, nothing that needs a
            # test): a gate not run yet or a confirmation awaited is not asked for; a result that exists still counts.
            why = "; ".join(dict.fromkeys(str(o.not_applicable) for o in judged))
            outcomes = [o for o in outcomes if o.status != Status.MANUAL]
            if all(o.status == Status.SKIP for o in outcomes):
                return _Outcome(Status.SKIP, f"does not apply: {why}", ids, not_applicable=why)
        counted = [o for o in outcomes if o.status != Status.SKIP]
        if not counted:
            return _Outcome(Status.SKIP, "; ".join(o.detail for o in outcomes), ids)
        pick = max if check.kind == ItemKind.ALL else min
        status = pick((o.status for o in counted), key=_RANK.__getitem__)
        if check.kind == ItemKind.ALL and status == Status.PASS:
            shown = counted
        elif check.kind == ItemKind.ALL:  # the deciding details first, then the other open ones that add something
            shown = [o for o in counted if o.status == status]
            explained = {i for o in shown for i in o.finding_ids}
            for o in counted:
                if o.status not in (status, Status.PASS) and not (o.finding_ids and explained >= set(o.finding_ids)):
                    shown.append(o)
                    explained.update(o.finding_ids)
        else:
            shown = [o for o in counted if o.status == status]
        shown += [o for o in outcomes if o.status == Status.SKIP and o.detail.startswith("not asked")]
        waiting = [o for o in counted if o.status == Status.MANUAL]
        # `all`: one confirmation not given is still needed once the gates pass; `any`: only when no open gate
        # could settle the item by itself
        confirm = status == Status.MANUAL and (any(o.confirm for o in waiting) if check.kind == ItemKind.ALL
                                               else all(o.confirm for o in waiting))
        return _Outcome(status, "; ".join(dict.fromkeys(o.detail for o in shown)), ids, confirm=confirm)

    # -- applicability -----------------------------------------------------------------------------------------------
    def applies(self, when: Condition) -> str | None:
        """None when the item applies, else why it does not."""
        changed, excluded = matcher(when.changed).match, matcher(when.exclude).match
        candidates = [p for p in self.inputs.paths
                      if (not when.changed or changed(p)) and not (when.exclude and excluded(p))]
        reason = f"applies only when {when.description}" if when.description else None
        if when.changed and len(candidates) < when.changed_at_least:
            return reason or (f"fewer than {when.changed_at_least} files in scope match {', '.join(when.changed)}"
                              if when.changed_at_least > 1 else f"no file in scope matches {', '.join(when.changed)}")
        if when.changed_words and not any(w in self.lowered(p) for p in candidates for w in when.changed_words):
            return reason or f"no file in scope mentions {' or '.join(when.changed_words)}"
        if when.changed_text is not None:
            pattern = _compiled(when.changed_text)
            if not any(pattern.search(self.inputs.texts.get(p, "")) for p in candidates):
                if pattern.slow:  # a repository-supplied pattern that backtracks: stopped, and said so
                    return slow_message("changed_text", pattern)
                return reason or f"no file in scope matches /{when.changed_text}/"
        if when.findings and not any(_matches(r, f) for f in self.inputs.findings for r in when.findings):
            return reason or f"no {', '.join(when.findings)} finding in scope"
        return self.absent(when.signals)

    def item(self, checklist: Checklist, item: Item) -> ItemResult:
        key = f"{checklist.id}/{item.id}"
        if item.applies_when is not None:
            reason = self.applies(item.applies_when)
            if reason is not None and key not in self.inputs.manual:  # what you recorded is still shown
                return _result(item, _Outcome(Status.SKIP, f"does not apply: {reason}"))
        outcome = self.run(item.check, key)
        signals = self.inputs.signals or {}
        shown = [signals[s] for s in (item.applies_when.signals if item.applies_when else ()) if s in signals]
        if shown and outcome.status in (Status.WARN, Status.FAIL):  # say what made it apply
            outcome = replace(outcome, detail=f"{outcome.detail} (applies: {shown[0]})")
        return _result(item, outcome)


def _result(item: Item, outcome: _Outcome) -> ItemResult:
    return ItemResult(id=item.id, title=item.title, status=outcome.status, detail=outcome.detail,
                      finding_ids=outcome.finding_ids, why=item.why, how=item.how, kind=item.check.kind,
                      gates=gate_ids(item.check), awaits_confirmation=outcome.confirm)


@dataclass(frozen=True, slots=True)
class _RuleProbe:
    """A stand-in finding for asking "would this reference ever match a finding of this rule?"."""

    rule: str

    @property
    def category(self) -> str:
        return self.rule.split("/", 1)[0]


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> BoundedPattern:
    """The checklist's pattern (it comes from the repository) with a time budget; it compiled when loaded."""
    return compile_bounded(pattern)


def evaluate(checklists: Iterable[Checklist], inputs: Inputs) -> tuple[ChecklistResult, ...]:
    """The status of every item of every checklist. Pure: the same inputs give the same results."""
    run = _Evaluation(inputs)
    return tuple(ChecklistResult(id=c.id, title=c.title, description=c.description,
                                 items=tuple(run.item(c, item) for item in c.items)) for c in checklists)


def gate_ids(check: Check) -> tuple[str, ...]:
    """The gates a checklist item's check reads (walking all/any), each once."""
    if check.kind == ItemKind.GATE:
        return (check.gate,) if check.gate else ()
    return tuple(dict.fromkeys(g for child in check.children for g in gate_ids(child)))


def checklists_ready(results: Iterable[ChecklistResult], required: Collection[str], strict: bool = False) -> bool:
    """False while an item of a required checklist fails (with `strict`, also while one awaits the developer)."""
    blocking = {Status.FAIL, Status.MANUAL} if strict else {Status.FAIL}
    return not any(item.status in blocking for c in results if c.id in required for item in c.items)


def counts(result: ChecklistResult) -> dict[Status, int]:
    tally = dict.fromkeys(Status, 0)
    for item in result.items:
        tally[item.status] += 1
    return tally
