"""Baselines: adopt readiness on an existing repository without fixing every old finding first.

`readiness baseline` records today's findings over the whole tree in `.readiness-baseline.json` (at the repository
root, meant to be committed). Afterwards a run marks the findings that match an entry `baselined`: they are counted
but never make the run not ready, and the report shows only what is new. Entries that no longer match anything are
stale and listed, so the file shrinks as old findings are fixed (detect-secrets' baseline and gitleaks'
`--baseline-path` are the references).

What is stored: per entry a fingerprint, the path, the rule and how many findings share the fingerprint. Never a
value, a line or a snippet. The fingerprint is a hash of the path, the rule and the finding's (already masked)
snippet with its white space normalised: line numbers are not part of it, so editing a file elsewhere does not change
it, and whole-file findings (no line) are fingerprinted by path and rule alone. A secret finding's fingerprint also
holds a salted, slow hash (PBKDF2) of each secret value on its line (a private key: of the whole key block), with a
random salt stored in the baseline file (`value_salt`): replacing a baselined token by another one makes a new
finding, and the hash is the same in every clone (the finding's `id` is keyed per clone and cannot serve). Findings that share a fingerprint
(the same line twice in a file) are matched by count: a third copy of a twice-baselined line is new.

The default scope sees only changed lines: there a line finding is matched against every copy of its line in the
file, so a copy of a baselined line added by the change is new.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets as _random
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from readiness.core.atomic import atomic_write
from readiness.core.errors import ConfigError
from readiness.core.models import Finding
from readiness.core.secrets.values import Secret

BASELINE_FILE = ".readiness-baseline.json"
FORMAT_VERSION = 1
MAX_COUNT = 1_000_000
SECRET_CATEGORIES = ("hardcoded-secret/", "printed-secret/")
_VALUE_ROUNDS = 20_000  # PBKDF2 rounds: the salt is public (in the file), so a weak password must cost to guess
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


@dataclass(frozen=True, slots=True)
class Baseline:
    """A baseline file's entries and the salt of its secret value hashes (empty in a file written before salts)."""

    entries: list[Entry]
    salt: str = ""
    problems: tuple[str, ...] = field(default=())  # what was wrong with entries that were left out or bounded


def fingerprint(finding: Finding, value_hash: str = "") -> str:
    """Line-number free: path, rule and the masked snippet with white space normalised (plus, for a secret
    finding, the salted hash of its values: see `Fingerprinter`)."""
    snippet = _WS.sub(" ", finding.snippet).strip()
    parts = (finding.path, finding.rule, snippet, value_hash) if value_hash else (finding.path, finding.rule, snippet)
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def new_salt() -> str:
    return _random.token_hex(16)


class Fingerprinter:
    """Fingerprints with the secret values of secret findings in them: `read(path)` gives a file's text (None when
    it cannot be read: the finding is then fingerprinted without its value). Values never leave this object."""

    def __init__(self, salt: str, read: Callable[[str], str | None]) -> None:
        self._salt = salt.encode("ascii", "replace")
        self._read = read
        self._matches: dict[str, list[tuple[int, int, Secret]]] = {}  # path -> (start line, end line, value)
        self._hashes: dict[tuple[str, int], str] = {}
        self._done: dict[tuple[str, int, str, str], str] = {}

    def __call__(self, finding: Finding) -> str:
        if finding.line is None or not finding.rule.startswith(SECRET_CATEGORIES):
            return fingerprint(finding)
        key = (finding.path, finding.line, finding.rule, finding.snippet)
        cached = self._done.get(key)
        if cached is None:
            hashes = sorted(self._hash(finding.path, i) for i, (first, last, _) in enumerate(self._spans(finding.path))
                            if first <= finding.line <= last)
            cached = self._done[key] = fingerprint(finding, ",".join(hashes))
        return cached

    def _spans(self, path: str) -> list[tuple[int, int, Secret]]:
        spans = self._matches.get(path)
        if spans is None:
            from readiness.core.secrets.find import find_secrets  # deferred: the secret patterns cost ~30 ms

            text = self._read(path)
            spans = []
            for match in find_secrets(text or "", unquoted=True):
                start = match.start
                if match.rule == "hardcoded-secret/private-key":  # reported from its BEGIN line on (hardcoded_secret)
                    begin = (text or "").rfind("-----BEGIN", 0, match.start)
                    start = begin if begin >= 0 else start
                first = (text or "").count("\n", 0, start) + 1
                last = first + (text or "").count("\n", start, max(start, match.end - 1))
                spans.append((first, last, match.secret))
            self._matches[path] = spans
        return spans

    def _hash(self, path: str, index: int) -> str:
        """The salted PBKDF2 hash of one value, computed once and only for values a finding is reported on."""
        key = (path, index)
        if key not in self._hashes:
            value = self._matches[path][index][2].reveal().encode("utf-8", "surrogatepass")
            self._hashes[key] = hashlib.pbkdf2_hmac("sha256", value, self._salt, _VALUE_ROUNDS)[:8].hex()
        return self._hashes[key]


def work_tree_reader(root: Path, texts: Mapping[str, str] | None = None) -> Callable[[str], str | None]:
    """`texts` first (the files a run read), else the file in the work tree (None when it cannot be read)."""
    def read(path: str) -> str | None:
        if texts is not None and path in texts:
            return texts[path]
        try:
            return (Path(root) / path).read_text(encoding="utf-8", errors="surrogateescape")
        except (OSError, ValueError):
            return None
    return read


def entries_for(findings: Iterable[Finding], fingerprints: Callable[[Finding], str] = fingerprint) -> list[Entry]:
    """The baseline of these findings (waived ones are already accepted and left out)."""
    counts: Counter[tuple[str, str, str]] = Counter(
        (fingerprints(f), f.path, f.rule) for f in findings if not f.waived)
    return [Entry(fp, path, rule, n) for (fp, path, rule), n in sorted(counts.items(), key=lambda kv: kv[0][1:] +
                                                                     (kv[0][0],))]


def baseline_path(root: Path) -> Path:
    return Path(root) / BASELINE_FILE


def write(root: Path, entries: Sequence[Entry], tool_version: str, salt: str = "") -> Path:
    path = baseline_path(root)
    data = {"version": FORMAT_VERSION, "generated_by": f"readiness {tool_version}",
            "about": "fingerprints of accepted findings (no values); `readiness baseline` rewrites this file",
            "value_salt": salt, "entries": [e.to_dict() for e in entries]}
    atomic_write(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return path


def load(root: Path) -> list[Entry] | None:
    """The baseline's entries, None when the repository has none. A damaged file is one clear error."""
    found = read(root)
    return None if found is None else found.entries


def read(root: Path) -> Baseline | None:
    """The baseline file of the work tree, None when there is none. A damaged file is one clear error."""
    path = baseline_path(root)
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{BASELINE_FILE} cannot be read ({exc.__class__.__name__}): {_FIX}") from None
    return parse(text)


_FIX = f"fix it or write it again with `readiness baseline` (or delete {BASELINE_FILE})"


def parse(text: str, name: str = BASELINE_FILE) -> Baseline:
    """A baseline file's text. Hostile content (huge numbers, deep nesting) is one clear ConfigError; counts out of
    1..1,000,000 are bounded and said in `problems`."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        why = "nested too deeply" if isinstance(exc, RecursionError) else f"not JSON: {exc.__class__.__name__}"
        raise ConfigError(f"{name} cannot be read ({why}): {_FIX}") from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("entries"),
                                                                                              list):
        raise ConfigError(f"{name} is not a version {FORMAT_VERSION} readiness baseline: {_FIX}")
    salt = data.get("value_salt", "")
    if not isinstance(salt, str) or len(salt) > 256:
        raise ConfigError(f"{name}: value_salt must be a short string: {_FIX}")
    entries = []
    bounded = 0
    for number, raw in enumerate(data["entries"], start=1):
        try:
            entry = Entry(str(raw["fingerprint"]), str(raw["path"]), str(raw["rule"]), _count(raw.get("count", 1)))
        except (TypeError, KeyError, ValueError, AttributeError, OverflowError):
            raise ConfigError(f"{name}: entry {number} needs fingerprint, path, rule and a count: "
                              f"{_FIX}") from None
        if not 1 <= entry.count <= MAX_COUNT:
            bounded += 1
            entry = replace(entry, count=min(max(entry.count, 1), MAX_COUNT))
        entries.append(entry)
    problems = (f"{name}: {bounded} entr{'ies' if bounded != 1 else 'y'} with a count outside 1..{MAX_COUNT:,} "
                f"(read as the nearest bound): {_FIX}",) if bounded else ()
    return Baseline(entries, salt, problems)


def _count(raw: object) -> int:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise TypeError("count")
    if isinstance(raw, float) and raw != int(raw):  # int() raises OverflowError on inf, ValueError on nan
        raise ValueError("count")
    if isinstance(raw, str) and len(raw) > 20:
        raise ValueError("count")
    return int(raw)


def merge_base_view(work: Baseline, base_text: str, merge_base: str) -> tuple[Baseline, list[str]]:
    """What a change may rely on: the work tree's entries that the merge-base's baseline (`base_text`, empty when
    it had none) holds too, up to the base's counts, with the base's salt. The notes say how many entries the
    branch added (honoured once merged) and what is wrong with a damaged base file."""
    notes: list[str] = []
    try:
        base = parse(base_text, f"{BASELINE_FILE} at the merge-base {merge_base[:7]}") if base_text.strip() \
            else Baseline([])
    except ConfigError as exc:
        base, notes = Baseline([]), [str(exc)]
    allowed: dict[str, int] = {}
    for e in base.entries:
        allowed[e.fingerprint] = allowed.get(e.fingerprint, 0) + e.count
    kept, added = [], 0
    for e in work.entries:
        take = min(e.count, allowed.get(e.fingerprint, 0)) if work.salt == base.salt else 0
        added += e.count - take
        if take:
            allowed[e.fingerprint] -= take
            kept.append(replace(e, count=take))
    if added:
        notes.append(f"{added} {_ADDED_HEAD}{'ies' if added != 1 else 'y'} added on this branch "
                     f"{'are' if added != 1 else 'is'} {_ADDED_TAIL} (the merge-base's "
                     f"{BASELINE_FILE} decides what a change may rely on)")
    return Baseline(kept, base.salt, work.problems), notes


def apply(findings: Sequence[Finding], entries: Sequence[Entry], *, scope: str,
          existing_paths: Iterable[str], texts: Mapping[str, str] | None = None,
          fingerprints: Callable[[Finding], str] = fingerprint) -> Applied:
    """Mark the findings the baseline covers (up to each entry's count) and list the stale entries.

    With scope `all` every finding is seen, so the counts decide alone. The default scope sees only findings on
    changed lines: a line finding there is matched against the copies of its line in the whole file (`texts`), so a
    new copy of a baselined line (the same `raise NotImplementedError` in a new function) is new, not baselined.
    Only entries of files that no longer exist, and that no finding matched, are known to be stale in that scope.
    """
    left: dict[str, int] = {}
    for e in entries:
        left[e.fingerprint] = left.get(e.fingerprint, 0) + e.count
    if scope != "all" and texts:
        left = _minus_unseen_copies(findings, left, texts, fingerprints)
    out = []
    baselined = 0
    used: set[str] = set()
    for finding in findings:
        fp = fingerprints(finding)
        if not finding.waived and left.get(fp, 0) > 0:
            left[fp] -= 1
            baselined += 1
            used.add(fp)
            finding = replace(finding, baselined=True)
        out.append(finding)
    existing = set(existing_paths)
    if scope == "all":
        stale = [replace(e, count=left[e.fingerprint]) for e in entries if left.get(e.fingerprint, 0) > 0]
    else:
        stale = [e for e in entries if e.path not in existing and e.fingerprint not in used]
    return Applied(findings=tuple(out), baselined=baselined, stale=tuple(stale), stale_complete=scope == "all")


def _minus_unseen_copies(findings: Sequence[Finding], left: dict[str, int], texts: Mapping[str, str],
                         fingerprints: Callable[[Finding], str]) -> dict[str, int]:
    """Entry counts less the copies of each matched line that the scope does not show (unchanged lines): those are
    the baselined ones; what remains is what the findings in scope may still take."""
    seen: Counter[str] = Counter()
    sample: dict[str, Finding] = {}
    for f in findings:
        fp = fingerprints(f)
        if f.line is not None and not f.waived and left.get(fp, 0) > 0 and f.path in texts:
            seen[fp] += 1
            sample.setdefault(fp, f)
    out = dict(left)
    for fp, in_scope in seen.items():
        f = sample[fp]
        copies = _copies(texts[f.path], f.snippet)
        unseen = max(0, copies - in_scope)  # copies on lines the scope does not show
        out[fp] = max(0, left[fp] - unseen)
    return out


def _copies(text: str, snippet: str) -> int:
    """How many lines of `text` read as `snippet` (white space normalised; masked first when the snippet is)."""
    # deferred: the secret patterns cost ~30 ms; only a masked snippet needs them
    from readiness.core.secrets.find import mask_secrets

    want = _WS.sub(" ", snippet).strip()
    if not want:
        return 0
    masked = "*" in want
    count = 0
    for line in text.split("\n"):
        candidate = _WS.sub(" ", line).strip()
        if masked and candidate and candidate[:4] == want[:4]:
            candidate = _WS.sub(" ", mask_secrets(line)).strip()
        if candidate[:300] == want[:300]:
            count += 1
    return count


def is_note(note: str) -> bool:
    """Whether a report note is one `describe` wrote (a rescan replaces them)."""
    return (note.endswith(_NOTE_TAIL) or note.startswith(_STALE_HEAD) or note.startswith(BASELINE_FILE)
            or note.endswith(_ADDED_TAIL, 0, note.find(" (") if " (" in note else len(note)))


_ADDED_HEAD = "baseline entr"
_ADDED_TAIL = "not honoured until merged"
_NOTE_TAIL = f"baselined ({BASELINE_FILE}): not reported, never failing"
_STALE_HEAD = "stale baseline entr"


def describe(applied: Applied, limit: int = 5) -> list[str]:
    """The notes a report carries: how many findings are baselined, which entries are stale."""
    notes = []
    if applied.baselined:
        notes.append(f"{applied.baselined} finding{'s' if applied.baselined != 1 else ''} {_NOTE_TAIL}")
    if applied.stale:
        shown = ", ".join(f"{e.path} {e.rule}" for e in applied.stale[:limit])
        more = f" … and {len(applied.stale) - limit} more" if len(applied.stale) > limit else ""
        n = len(applied.stale)
        notes.append(f"{n} {_STALE_HEAD}{'ies' if n != 1 else 'y'} (fixed or gone: run `readiness baseline` "
                     f"to drop {'them' if n != 1 else 'it'}): {shown}{more}")
    return notes
