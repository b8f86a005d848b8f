"""Manual check-offs: confirm, mark not applicable or withdraw a checklist item that needs the user's judgement.

The one implementation behind `readiness checklist check|uncheck` and the TUI's checklist screen. A check-off
records the HEAD, the time, the note and a digest of the changed files the item covers (readiness.core.checklists.state keeps
it under the git directory, per branch); when those files change, the engine turns the item back to awaiting you.
Nothing here prints: the state file's notes are returned for the caller to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from readiness.core.checklists import state
from readiness.core.checklists.loader import change_digests, find
from readiness.core.errors import UsageError
from readiness.core.secrets.find import find_secrets, mask_secrets

if TYPE_CHECKING:
    from readiness.core.checklists.loader import Check, Checklist, Item
    from readiness.core.repo import Repository

@dataclass(frozen=True, slots=True)
class CheckOff:
    """A check-off written: `key` ("checklist-id/item-id") on `branch`, covering `covered` (changed files)."""

    key: str
    branch: str
    status: str
    covered: tuple[str, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """A check-off withdrawn: `removed` is False when the item was not confirmed on `branch` (nothing written)."""

    key: str
    branch: str
    removed: bool
    notes: tuple[str, ...] = ()


def clean_note(note: str | None) -> str:
    """The note as it is stored and shown: one line, no control characters (an escape sequence loses its ESC)."""
    # deferred: readiness.core.scan.engine loads every scanner (~0.16 s at import) and a note needs only `clean`
    from readiness.core.scan.engine import clean

    return " ".join(clean(note or "").split())


def refuse_secret(note: str, advice: str = "") -> None:
    """UsageError when the note looks like it contains a secret (it would be stored and shown); `advice` is
    appended to the message (the command line adds how to go on)."""
    if not note:
        return
    if find_secrets(note, prose=True):
        raise UsageError(f"the note looks like it contains a secret ({mask_secrets(note)}): describe what you "
                         f"checked, not the credential{advice}")


def manual_item(checklists: Sequence[Checklist], checklist_id: str, item_id: str) -> tuple[Checklist, Item, Check]:
    """The checklist, the item and its manual part; UsageError (naming the items that can be confirmed) when
    there is no such item or it is checked automatically."""
    checklist = find(checklists, checklist_id)
    item = checklist.item(item_id)
    confirmable = [i.id for i in checklist.items if i.check.manual_part() is not None]
    choices = f"items to confirm in {checklist.id}: {', '.join(confirmable)}" if confirmable else \
        f"{checklist.id} has no item to confirm by hand"
    if item is None:
        raise UsageError(f"no item {item_id!r} in checklist {checklist.id} ({choices})")
    manual = item.check.manual_part()
    if manual is None:
        raise UsageError(f"{checklist.id}/{item.id} is checked automatically ({item.check.describe()}), it cannot be "
                         f"confirmed by hand ({choices})")
    return checklist, item, manual


def check_off(repo: Repository, checklists: Sequence[Checklist], checklist_id: str, item_id: str, *,
              not_applicable: bool = False, note: str = "") -> CheckOff:
    """Confirm (or, with `not_applicable`, mark as not applying) a manual item on the repository's current branch.

    `note` must already be clean (`clean_note`, `refuse_secret`); marking an item not applicable needs one.
    Raises UsageError for an unknown or automatic item, StateError when the state cannot be written.
    """
    checklist, item, manual = manual_item(checklists, checklist_id, item_id)
    if not_applicable and not note:
        raise UsageError("marking an item not applicable needs a note saying why")
    digests = change_digests(repo)
    covered = state.relevant_paths(digests, manual.paths)
    status = state.NOT_APPLICABLE if not_applicable else state.CONFIRMED
    entry = state.ManualEntry(status=status, digest=state.relevant_digest(digests, manual.paths), head=repo.head,
                              at=state.now_utc(), note=note, files=len(covered))
    branch = state.branch_key(repo.branch, repo.head)
    key = f"{checklist.id}/{item.id}"
    notes = state.ManualState(repo.git_dir).update(branch, key, entry)
    return CheckOff(key, branch, status, tuple(covered), tuple(notes))


def withdraw(repo: Repository, checklists: Sequence[Checklist], checklist_id: str, item_id: str) -> Withdrawal:
    """Remove the check-off of a manual item on the current branch (the item awaits you again)."""
    checklist, item, _ = manual_item(checklists, checklist_id, item_id)
    branch = state.branch_key(repo.branch, repo.head)
    store = state.ManualState(repo.git_dir)
    current, notes = store.load(branch)
    key = f"{checklist.id}/{item.id}"
    removed = key in current
    if removed:
        notes += store.update(branch, key, None)
    return Withdrawal(key, branch, removed, tuple(notes))
