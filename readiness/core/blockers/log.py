"""The README's `## Blockers` log: parse it, add and resolve entries, write the file back safely.

The edits are text transformations on a list of lines that keep their own line endings: only the lines of the
entry being added or resolved change, every other byte (BOM, CRLF or LF, tabs, a missing final newline) stays as
it was. The heading is found by parsing Markdown (markdown-it-py, CommonMark, YAML front matter), so a
`## Blockers` inside a code block, a blockquote, a list or front matter never counts. Every edit is parsed again
before it is written: an entry that would not come back as the same entry is refused, not written.

Entry format (CONTRACT.md):

    - [ ] **B1** · build · 2026-11-26 · pytest collection fails on Python 3.13
      - Scope: ship the parser without the streaming mode
      - Follow-up: streaming mode for large inputs
      - Next: readiness/report.py

Resolved: `- [x] **B1** · … (resolved 2026-11-27)`, with an optional `  - Resolution: note` line.

This module logs an entry end to end (`log_blocker`: read, add, verify, write, record the id) and re-exports the
parts, so `from readiness.core.blockers import log as blockers` reaches everything: the parsed document
(`readiness.core.blockers.document`), the edits (`readiness.core.blockers.edit`), the file with its safety checks
and the id record (`readiness.core.blockers.readme`) and the entry vocabulary (`readiness.core.blockers.format`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from readiness.core.blockers.document import (
    Blocker,
    Document,
    Section,
    clean_field,
    escape,
    parse,
    sanitize,
    shown,
    split_lines,
    unescape,
)
from readiness.core.blockers.edit import (
    NewBlocker,
    add_entry,
    check_editable,
    entry_lines,
    find_duplicate,
    parse_id,
    refuse_secrets,
    resolve_entry,
)
from readiness.core.blockers.format import CLASSES, FIELDS, RESOLUTION
from readiness.core.blockers.readme import (
    BOM,
    MAX_README_SIZE,
    Readme,
    check_writable,
    load_floor,
    read_readme,
    save_floor,
    write_readme,
)
from readiness.core.errors import RepoError
from readiness.core.writer import writer_lock

if TYPE_CHECKING:
    from readiness.core.repo import Repository


def highest_in_history(repo: Repository, docs_file: str, limit: int = 200) -> int:
    """Highest id of a real entry in any version of the README the history knows (all branches).

    Each version a commit touched an entry-looking line in (and the version before it, where a removal happened) is
    parsed like the README itself, so `**B1**` in a fenced example or elsewhere in the text never counts.
    """
    commits = repo.git("log", "--all", "--no-textconv", "--no-ext-diff", "--format=%H", f"--max-count={limit}",
                       "-G", r"\*\*B[0-9]+\*\*", "--", docs_file).split()
    highest = 0
    for commit in commits:
        for rev in (commit, f"{commit}^"):
            text = repo.git("show", "--no-textconv", f"{rev}:{docs_file}", ok=(0, 128))
            if text:
                highest = max(highest, parse(text.removeprefix("\ufeff")).highest)
    return highest


# -- logging an entry: the README, this clone's id record and the README's history -----------------------------
def id_floor(repo: Repository, docs_file: str) -> tuple[int, list[str]]:
    """The highest id used outside the README as it is now: this clone's record and the README's git history.

    Returns the floor and warnings (never printed here); an unreadable history is a warning, not an error.
    """
    floor, warnings = load_floor(repo.git_dir)
    if repo.head is not None:
        try:
            floor = max(floor, highest_in_history(repo, docs_file))
        except RepoError as exc:
            warnings.append(f"could not read the history of {docs_file} ({exc}): ids come from the README")
    return floor, warnings


def log_blocker(repo: Repository, label: str, new: NewBlocker, date: str) -> tuple[Blocker, list[str]]:
    """Read the README `label`, add the entry, verify and atomically write it, record the id so it is never
    handed out again. Returns the entry and the warnings (about the README, the history, the id record), unprinted.

    `readiness blocker add`, `readiness triage` and the TUI all log through here, so they never hand out the same id;
    the writer lock (`readiness.core.writer`) makes concurrent runs wait for each other instead of failing.
    """
    with writer_lock(repo.git_dir) as lock_warnings:  # concurrent writers queue here instead of failing
        readme = read_readme(repo.root, label)
        doc = readme.document()
        floor, notes = id_floor(repo, label)
        text, blocker = add_entry(doc, new, today=date, floor=floor, label=label,
                                  title=None if readme.exists else repo.root.name)
        write_readme(readme, text)
        saved = save_floor(repo.git_dir, blocker.number)
    return blocker, [*lock_warnings, *readme.warnings, *doc.warnings, *notes, *saved]


def resolve_blocker(repo: Repository, label: str, number: int, note: str | None,
                    date: str) -> tuple[Blocker, bool, list[str]]:
    """Mark entry `number` resolved under the writer lock (read, edit, verify, write atomically). Returns the
    entry, whether the README changed (False: it was resolved already) and the warnings, unprinted."""
    with writer_lock(repo.git_dir) as lock_warnings:
        readme = read_readme(repo.root, label)
        doc = readme.document()
        text, blocker, changed = resolve_entry(doc, number, today=date, note=note, label=label)
        if changed:
            write_readme(readme, text)
    return blocker, changed, [*lock_warnings, *readme.warnings, *doc.warnings]


__all__ = ["BOM", "CLASSES", "FIELDS", "MAX_README_SIZE", "RESOLUTION", "Blocker", "Document", "NewBlocker",
           "Readme", "Section", "add_entry", "check_editable", "check_writable", "clean_field", "entry_lines",
           "escape", "find_duplicate", "highest_in_history", "id_floor", "load_floor", "log_blocker", "parse",
           "parse_id", "read_readme", "refuse_secrets", "resolve_blocker", "resolve_entry", "sanitize", "save_floor",
           "shown", "split_lines", "unescape", "write_readme"]
