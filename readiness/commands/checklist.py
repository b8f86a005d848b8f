"""`readiness checklist list|show|check|uncheck`: the checklists, one with live status, and manual check-offs.

Deferred imports: the configuration (~60 ms), the repository (~10 ms), the checklists and the scan pipeline (~270 ms)
and the rich renderer (~50 ms) load when a command runs, not when `readiness --help` builds the parser
(`-X importtime`, on top of `import readiness.cli`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from readiness.core.errors import UsageError
from readiness.core.exit_codes import NOT_READY, OK

EXAMPLES = """examples:
  readiness checklist list
  readiness checklist show ready-for-review
  readiness checklist show merge --format json
  readiness checklist show quality-gates --gates all
  readiness checklist check ready-for-review metrics-baseline --note "payments log every refund"
  readiness checklist check implemented durable-persistence --not-applicable --note "nothing is stored"
  readiness checklist uncheck ready-for-review metrics-baseline
"""
MAX_NOTE = 500


def _open(repo: str, base: str | None, config: Path | None):
    """The repository (with the configured base) and its configuration; the caller closes the repository."""
    from readiness.core import config as config_mod  # deferred (see module doc)
    from readiness.core.repo import open_repository  # deferred (see module doc)

    handle = open_repository(repo, None)
    try:
        cfg = config_mod.load(handle.root, config)
        base = base or cfg["base"]
        if base is not None:
            handle.close()
            handle = open_repository(repo, base)
        return handle, cfg
    except BaseException:
        handle.close()
        raise


def list_checklists(*, repo: str = ".", base: str | None = None, config: Path | None = None,
                    fmt: str = "text") -> int:
    """The built-in checklists and the repository's own, one line each (or JSON)."""
    from readiness.core.checklists.loader import load_for  # deferred (see module doc)

    handle, cfg = _open(repo, base, config)
    with handle:
        checklists = load_for(handle.root, cfg)
    rows: list[dict[str, Any]] = [{"id": c.id, "title": c.title, "description": c.description, "items": len(c.items),
             "origin": c.origin, "overrides_builtin": c.overrides,
             "required": c.id in cfg["checklists_required"]} for c in checklists]
    if fmt == "json":
        json.dump({"schema_version": 1, "checklists": rows}, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    width = max(len(r["id"]) for r in rows)
    title_width = max(len(r["title"]) for r in rows)
    for r in rows:
        origin = r["origin"] + (" (overrides the built-in)" if r["overrides_builtin"] else "")
        required = "  required for ready" if r["required"] else ""
        print(f"{r['id']:<{width}}  {r['title']:<{title_width}}  {r['items']:>2} items  {origin}{required}")
    return 0


def item_dict(item, definition) -> dict:
    manual = definition.check.manual_part() if definition else None
    return {**item.to_dict(), "why": item.why, "how": item.how, "source": definition.source if definition else "",
            "finding_ids": list(item.finding_ids), "check": definition.check.describe() if definition else item.kind,
            "confirmable": manual is not None}


def show(checklist_id: str, *, repo: str = ".", base: str | None = None, all_files: bool = False,
         config: Path | None = None, fmt: str = "text", strict: bool | None = None, gates: str = "none",
         trust: bool = False) -> int:
    """Scan and show one checklist with live status; 0 when the run is ready, 1 when not."""
    from readiness.core.checklists.loader import find, load_for  # deferred (see module doc)
    from readiness.core.pipeline.run import CheckOptions, run_check  # deferred (see module doc)

    handle, cfg = _open(repo, base, config)
    with handle:  # an unknown id is an error before the scan, not after it
        definition = find(load_for(handle.root, cfg), checklist_id)
    report = run_check(CheckOptions(repo=repo, base=base, scope="all" if all_files else "diff", config_path=config,
                                    strict=strict, gates=gates, trust=trust))
    result = next(c for c in report.checklists if c.id == definition.id)
    ok = report.ready  # the run's one verdict, as `check` and the TUI state it
    if fmt == "json":
        data = {"schema_version": 1, "repo": report.repo.to_dict(),
                "checklist": {"id": result.id, "title": result.title, "description": result.description,
                              "source": definition.source, "origin": definition.origin,
                              "items": [item_dict(i, definition.item(i.id)) for i in result.items]},
                "ready": ok, "verdict": report.verdict.to_dict(), "notes": list(report.notes)}
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        from readiness.render.checklist import print_checklist  # deferred (see module doc)

        print_checklist(report, result, definition)
    return OK if ok else NOT_READY


def _clean_note(text: str | None, not_applicable: bool) -> str:
    from readiness.core.checklists.manual import clean_note, refuse_secret  # deferred (see module doc)

    note = clean_note(text)
    if len(note) > MAX_NOTE:
        raise UsageError(f"--note is {len(note)} characters long: keep it under {MAX_NOTE} (one line)")
    if not_applicable and not note:
        raise UsageError("--not-applicable needs --note saying why the item does not apply to this change")
    refuse_secret(note, ", and run the command again")
    return note


def _warn(notes) -> None:
    for line in notes:
        print(f"readiness: warning: {line}", file=sys.stderr)


def check_item(checklist_id: str, item: str, *, repo: str = ".", base: str | None = None,
               config: Path | None = None, note: str | None = None, not_applicable: bool = False) -> int:
    """Confirm a manual item (or mark it not applicable, with a note) on this branch."""
    from readiness.core.checklists.loader import load_for  # deferred (see module doc)
    from readiness.core.checklists.manual import check_off  # deferred (see module doc)

    cleaned = _clean_note(note, not_applicable)
    handle, cfg = _open(repo, base, config)
    with handle:
        done = check_off(handle, load_for(handle.root, cfg), checklist_id, item, not_applicable=not_applicable,
                         note=cleaned)
    _warn(done.notes)
    what = "marked not applicable" if not_applicable else "confirmed"
    covered = done.covered
    covers = (f"{len(covered)} changed file{'s' if len(covered) != 1 else ''}; changing "
              f"{'it' if len(covered) == 1 else 'them'} makes this stale") if covered else \
        "no changed files yet; the first change makes this stale"
    print(f"{what}: {done.key} on {done.branch} ({covers})")
    return 0


def uncheck_item(checklist_id: str, item: str, *, repo: str = ".", base: str | None = None,
                 config: Path | None = None) -> int:
    """Withdraw a confirmation of a manual item on this branch."""
    from readiness.core.checklists.loader import load_for  # deferred (see module doc)
    from readiness.core.checklists.manual import manual_item, withdraw  # deferred (see module doc)
    from readiness.core.models import ItemKind  # deferred (see module doc)

    handle, cfg = _open(repo, base, config)
    with handle:
        checklists = load_for(handle.root, cfg)
        undone = withdraw(handle, checklists, checklist_id, item)
        only_manual = manual_item(checklists, checklist_id, item)[1].check.kind == ItemKind.MANUAL
    _warn(undone.notes)
    if undone.removed:
        # state words match the real state: an item with automatic checks too may be failing, not awaiting you
        now = ("it awaits you again" if only_manual else
               f"its automatic checks still decide: `readiness checklist show {checklist_id}` says how it stands")
        print(f"unchecked: {undone.key} on {undone.branch} ({now})")
    else:
        print(f"{undone.key} was not confirmed on {undone.branch}: nothing to undo")
    return 0
