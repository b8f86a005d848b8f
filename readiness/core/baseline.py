"""Baselines: adopt readiness on an existing repository without fixing every old finding first.

`readiness baseline` records today's findings over the whole tree in `.readiness-baseline.json` (at the repository
root, meant to be committed). Afterwards a run marks the findings that match an entry `baselined`: they are counted
but never make the run not ready, and the report shows only what is new. Entries that no longer match anything are
stale and listed, so the file shrinks as old findings are fixed (detect-secrets' baseline and gitleaks'
`--baseline-path` are the references).

What is stored: per entry a fingerprint, the path, the rule and how many findings share the fingerprint. Never a
value, a line or a snippet. The fingerprint is a hash of the path, the rule and the finding's (already masked)
snippet with its white space normalised: line numbers are not part of it, so editing a file elsewhere does not change
it, and whole-file findings (no line) are fingerprinted by path and rule alone. Findings that share a fingerprint
(the same line twice in a file) are matched by count: a third copy of a twice-baselined line is new.

Limit: the default scope sees only changed lines, so a copy of a baselined line added in a change is matched against
the baseline's count without seeing the unchanged copies; `check --all` counts them all.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from readiness.core.atomic import atomic_write
from readiness.core.errors import ConfigError
from readiness.core.models import Finding

BASELINE_FILE = ".readiness-baseline.json"
FORMAT_VERSION = 1
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Entry:
    fingerprint: str
    path: str
    rule: str
    count: int = 1

    def to_dict(self) -> dict[str, object]:
        return {"fingerprint": self.fingerprint, "path": self.path, "rule": self.rule, "count": self.count}


@dataclass(frozen=True, slots=True)
class Applied:
    """The findings with baselined ones marked, how many were, and the entries nothing matched any more."""

    findings: tuple[Finding, ...]
    baselined: int
    stale: tuple[Entry, ...]
    stale_complete: bool  # False in the default scope: only entries of files that no longer exist can be judged


def fingerprint(finding: Finding) -> str:
    """Line-number free: path, rule and the masked snippet with white space normalised."""
    snippet = _WS.sub(" ", finding.snippet).strip()
    material = "\0".join((finding.path, finding.rule, snippet))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def entries_for(findings: Iterable[Finding]) -> list[Entry]:
    """The baseline of these findings (waived ones are already accepted and left out)."""
    counts: Counter[tuple[str, str, str]] = Counter(
        (fingerprint(f), f.path, f.rule) for f in findings if not f.waived)
    return [Entry(fp, path, rule, n) for (fp, path, rule), n in sorted(counts.items(), key=lambda kv: kv[0][1:] +
                                                                     (kv[0][0],))]


def baseline_path(root: Path) -> Path:
    return Path(root) / BASELINE_FILE


def write(root: Path, entries: Sequence[Entry], tool_version: str) -> Path:
    path = baseline_path(root)
    data = {"version": FORMAT_VERSION, "generated_by": f"readiness {tool_version}",
            "about": "fingerprints of accepted findings (no values); `readiness baseline` rewrites this file",
            "entries": [e.to_dict() for e in entries]}
    atomic_write(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return path


def load(root: Path) -> list[Entry] | None:
    """The baseline's entries, None when the repository has none. A damaged file is one clear error."""
    path = baseline_path(root)
    if not path.is_file():
        return None
    fix = f"fix it or write it again with `readiness baseline` (or delete {BASELINE_FILE})"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{BASELINE_FILE} cannot be read ({exc.__class__.__name__}): {fix}") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("entries"),
                                                                                              list):
        raise ConfigError(f"{BASELINE_FILE} is not a version {FORMAT_VERSION} readiness baseline: {fix}")
    entries = []
    for number, raw in enumerate(data["entries"], start=1):
        try:
            entry = Entry(str(raw["fingerprint"]), str(raw["path"]), str(raw["rule"]), int(raw.get("count", 1)))
        except (TypeError, KeyError, ValueError, AttributeError):
            raise ConfigError(f"{BASELINE_FILE}: entry {number} needs fingerprint, path, rule and a count: "
                              f"{fix}") from None
        entries.append(entry)
    return entries


def apply(findings: Sequence[Finding], entries: Sequence[Entry], *, scope: str,
          existing_paths: Iterable[str]) -> Applied:
    """Mark the findings the baseline covers (up to each entry's count) and list the stale entries.

    With scope `all` every entry is judged; in the default scope only findings on changed lines are seen, so only
    entries of files that no longer exist are known to be stale.
    """
    left = {e.fingerprint: e.count for e in entries}
    out = []
    baselined = 0
    for finding in findings:
        fp = fingerprint(finding)
        if not finding.waived and left.get(fp, 0) > 0:
            left[fp] -= 1
            baselined += 1
            finding = replace(finding, baselined=True)
        out.append(finding)
    existing = set(existing_paths)
    if scope == "all":
        stale = [replace(e, count=left[e.fingerprint]) for e in entries if left.get(e.fingerprint, 0) > 0]
    else:
        stale = [e for e in entries if e.path not in existing]
    return Applied(findings=tuple(out), baselined=baselined, stale=tuple(stale), stale_complete=scope == "all")


def describe(applied: Applied, limit: int = 5) -> list[str]:
    """The notes a report carries: how many findings are baselined, which entries are stale."""
    notes = []
    if applied.baselined:
        notes.append(f"{applied.baselined} finding{'s' if applied.baselined != 1 else ''} baselined "
                     f"({BASELINE_FILE}): not reported, never failing")
    if applied.stale:
        shown = ", ".join(f"{e.path} {e.rule}" for e in applied.stale[:limit])
        more = f" … and {len(applied.stale) - limit} more" if len(applied.stale) > limit else ""
        n = len(applied.stale)
        notes.append(f"{n} stale baseline entr{'ies' if n != 1 else 'y'} (fixed or gone: run `readiness baseline` "
                     f"to drop {'them' if n != 1 else 'it'}): {shown}{more}")
    return notes
