"""Manual check-offs from the checklist screen (no textual here): the same record `readiness checklist check`
writes, and the gates a checklist item depends on."""

from __future__ import annotations

from readiness.core.checklists.loader import load_for
from readiness.core.checklists.state import NOT_APPLICABLE
from readiness.core.models import ItemKind

MAX_NOTE = 300


def clean_note(note: str) -> str:
    """One line, no control characters, no secrets (a note is stored and shown); longer notes are cut."""
    # Local: readiness.core.checklists.manual (~3 ms) is needed only when a note is cleaned or an item checked off.
    from readiness.core.checklists import manual as checkoffs

    text = checkoffs.clean_note(note)[:MAX_NOTE]
    checkoffs.refuse_secret(text)
    return text


def save_check_off(repo, cfg, key: str, action: str, note: str = "") -> list[str]:
    """Confirm ("confirmed"), mark not applicable ("not-applicable") or undo ("unchecked") a manual item.

    The same record `readiness checklist check` writes (readiness.core.checklists.manual): the digest of the files the
    item covers, the HEAD, the time, the note; stored under the git directory per branch. Returns the state
    file's warnings.
    """
    # Local: readiness.core.checklists.manual (~3 ms) is needed only when a note is cleaned or an item checked off.
    from readiness.core.checklists import manual as checkoffs

    checklist_id, _, item_id = key.partition("/")
    checklists = load_for(repo.root, cfg)
    if action == "unchecked":
        return list(checkoffs.withdraw(repo, checklists, checklist_id, item_id).notes)
    return list(checkoffs.check_off(repo, checklists, checklist_id, item_id, not_applicable=action == NOT_APPLICABLE,
                                    note=clean_note(note)).notes)


def gate_ids(check) -> list[str]:
    """The gates a checklist item's check depends on (walking all/any)."""
    if check.kind == ItemKind.GATE:
        return [check.gate]
    return [g for child in check.children for g in gate_ids(child)]
