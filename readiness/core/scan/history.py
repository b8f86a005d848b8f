"""Secrets a pull request carries in its commits: the lines each commit of the branch added, not only the tree.

A token committed on the branch and deleted in a later commit is gone from the work tree but still in the pull
request's history: whoever can read the branch (the remote, its forks, CI logs) can read the token. In the default
(diff) scope every commit between the merge-base and HEAD is read; `readiness check --history` reads every commit
reachable from HEAD. One `git log -p -U0` reads each commit's changed blobs once; only added lines are scanned, with
the same detectors, allow markers and allowlists as the hard-coded-secret scanner. A value still present in the
work-tree file is left to the tree scan; a value gone from it is an error (`hardcoded-secret/in-history`) with the
commit's short id and subject, masked as everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from readiness.core import config as config_mod
from readiness.core.diff import diff_path
from readiness.core.models import Severity
from readiness.core.paths import matcher
from readiness.core.repo import Repository
from readiness.core.scan.base import RawFinding, SourceFile, language_of
from readiness.core.scan.scanners.hardcoded_secret import (
    RULES,
    compile_allowlist,
    findings_with_matches,
    peer_records,
)
from readiness.core.secrets.find import mask_secrets
from readiness.core.secrets.fingerprint import fingerprint_key, keyed_hash
from readiness.core.secrets.values import SecretMatch

RULE_ID = "hardcoded-secret/in-history"
_LOG = ("log", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--no-merges", "--reverse", "-M",
        "--diff-algorithm=myers", "--src-prefix=a/", "--dst-prefix=b/", "--ignore-submodules=all",
        "--format=%x00%H%x00%s%x00")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Addition:
    """The lines one commit added to one file: their text joined by newlines, and each one's line number."""

    commit: str
    subject: str
    path: str
    text: str
    numbers: tuple[int, ...]


def parse_log(out: str) -> Iterator[Addition]:
    """`git log -p -U0 --format=%x00%H%x00%s%x00` output into the added lines of each commit and file."""
    parts = out.split("\0")
    for at in range(1, len(parts) - 2, 3):
        commit, subject, patch = parts[at], parts[at + 1], parts[at + 2]
        for block in re.split(r"^diff --git ", patch, flags=re.M)[1:]:
            header, _, body = block.partition("\n@@")
            path = next((diff_path(row[4:]) for row in header.split("\n")
                         if row.startswith("+++ ") and row != "+++ /dev/null"), None)
            if path is None or not body:
                continue
            lines, numbers, number = [], [], 0
            for row in ("@@" + body).split("\n"):
                if row.startswith("@@"):
                    hunk = _HUNK.match(row)
                    number = int(hunk.group(1)) if hunk else number
                elif row.startswith("+"):
                    lines.append(row[1:])
                    numbers.append(number)
                    number += 1
            if lines:
                yield Addition(commit, subject, path, "\n".join(lines), tuple(numbers))


_COMMIT_HEADER = re.compile(r"\0[0-9a-f]{40}\0")


def streamed_log(repo: Repository, revisions: list[str]) -> Iterator[Addition]:
    """`parse_log` over git's output as it arrives, a commit at a time (`--history` on a long history reads
    gigabytes of patches: they never sit in memory at once, and no timeout cuts a slow walk)."""
    buffer = ""
    for piece in repo.git_stream(*_LOG, *revisions, "--"):
        buffer += piece
        starts = [m.start() for m in _COMMIT_HEADER.finditer(buffer, max(0, len(buffer) - len(piece) - 42))]
        if starts and starts[-1] > 0:
            cut = starts[-1]
            yield from parse_log(buffer[:cut])
            buffer = buffer[cut:]
    yield from parse_log(buffer)


def commit_range(repo: Repository, every_commit: bool) -> list[str] | None:
    """The revisions to walk: merge-base..HEAD (the branch's commits), or HEAD (every commit); None: nothing."""
    if repo.head is None:
        return None
    if every_commit:
        return [repo.head]
    if repo.merge_base is None or repo.merge_base == repo.head:
        return None
    return [f"{repo.merge_base}..{repo.head}"]


def scan_history(repo: Repository, cfg: config_mod.Config, files: list[SourceFile], *, every_commit: bool = False,
                 cancelled: Callable[[], bool] = lambda: False) -> tuple[list[RawFinding], list[str]]:
    """History findings (secrets added by a commit and gone from the tree) and the notes to show."""
    revisions = commit_range(repo, every_commit)
    if revisions is None or cancelled():
        return [], []
    include, exclude = matcher(cfg["include"]), matcher(cfg["exclude"])
    allowed = matcher(cfg["secret_allowlist_paths"])
    allow = compile_allowlist(list(cfg["secret_allowlist"]))
    key = fingerprint_key(repo.git_dir)
    peers = peer_records(repo)
    tree = {source.path: source.text for source in files}
    findings: list[RawFinding] = []
    seen: set[tuple[str, str]] = set()
    commits: set[str] = set()
    for addition in streamed_log(repo, revisions):
        if cancelled():
            break
        commits.add(addition.commit)
        path = addition.path
        if (include and not include.match(path)) or exclude.match(path) or allowed.match(path):
            continue
        source = SourceFile(path, addition.text, language=language_of(path))
        for raw, match in findings_with_matches(source, key, allow):
            value = match.secret.reveal()
            if path not in tree:
                tree[path] = repo.read(path, cfg["max_file_size"]).text or ""
            identity = (path, keyed_hash(value, key))
            if value in tree[path] or identity in seen:
                continue  # still in the tree: the tree scan reports it; or an earlier commit already did
            number = addition.numbers[(raw.line or 1) - 1]
            if peers and peers.accepts(match.rule, path, number, value, addition.commit):
                continue
            seen.add(identity)
            findings.append(_history_finding(addition, raw, match, number))
    notes = [f"history: read {len(commits)} commit{'s' if len(commits) != 1 else ''} reachable from HEAD"] \
        if every_commit else []
    return findings, notes


def _history_finding(addition: Addition, raw: RawFinding, match: SecretMatch, number: int) -> RawFinding:
    short = addition.commit[:7]
    # the commit's own secret is masked in its subject too (`use db password <value> for now`): named by nothing
    # there, the detectors would not recognise it
    subject = _CONTROL.sub("", mask_secrets(addition.subject, [match.secret]))[:80]
    title = RULES[match.rule].title.lower() if match.rule in RULES else "secret"
    return RawFinding(
        rule=RULE_ID, path=addition.path, line=None, severity=Severity.ERROR,
        message=f"{title} {match.masked} added by commit {short} “{subject}” (line {number}) and gone from the "
                "tree: the pull request still carries it in its history",
        snippet=f"{short}:{number}: {raw.snippet or ''}", key=f"history\0{raw.key or ''}", commit=(short, subject))
