"""Manual check-offs from the checklist screen (no textual here): the same record `readiness checklist check`
writes, and the gates a checklist item depends on."""

from __future__ import annotations

from readiness.core import scan

MAX_NOTE = 300


def clean_note(note: str) -> str:
    """One line, no control characters, no secrets (a note is stored and shown)."""
    from readiness.core.errors import UsageError
    from readiness.core.secrets import find_secrets, mask_secrets

    text = " ".join(scan.clean(note).split())[:MAX_NOTE]
    if text and find_secrets(text):
        raise UsageError(f"the note looks like it contains a secret ({mask_secrets(text)}): describe what you "
                         "checked, not the credential")
    return text


def save_check_off(repo, cfg, key: str, action: str, note: str = "") -> list[str]:
    """Confirm ("confirmed"), mark not applicable ("not-applicable") or undo ("unchecked") a manual item.

    The same record `readiness checklist check` writes: the digest of the files the item covers, the HEAD, the
    time, the note; stored under the git directory per branch.
    """
    from readiness.core import state
    from readiness.core.checklists import change_digests, find, load_for
    from readiness.core.errors import UsageError

    checklist_id, _, item_id = key.partition("/")
    checklist = find(load_for(repo.root, cfg), checklist_id)
    item = checklist.item(item_id)
    manual = item.check.manual_part() if item is not None else None
    if manual is None:
        raise UsageError(f"{key} is checked automatically: it cannot be confirmed by hand")
    store = state.ManualState(repo.git_dir)
    branch = state.branch_key(repo.branch, repo.head)
    if action == "unchecked":
        return store.update(branch, key, None)
    note = clean_note(note)
    if action == state.NOT_APPLICABLE and not note:
        raise UsageError("marking an item not applicable needs a note saying why")
    digests = change_digests(repo)
    covered = state.relevant_paths(digests, manual.paths)
    entry = state.ManualEntry(status=state.NOT_APPLICABLE if action == state.NOT_APPLICABLE else state.CONFIRMED,
                              digest=state.relevant_digest(digests, manual.paths), head=repo.head,
                              at=state.now_utc(), note=note, files=len(covered))
    return store.update(branch, key, entry)


def gate_ids(check) -> list[str]:
    """The gates a checklist item's check depends on (walking all/any)."""
    if check.kind == "gate":
        return [check.gate]
    return [g for child in check.children for g in gate_ids(child)]
