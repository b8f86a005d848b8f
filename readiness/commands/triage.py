"""`readiness triage`: the rapid triage flow (classify, reduce scope, log, follow-up, continue).

With answers as flags, or without a terminal, it runs headless. In a terminal without answers it opens the TUI
on its triage wizard (`readiness.tui.app.run_triage`), or asks step by step with --no-tui (or when the TUI is not
installed). Nothing is written before the five steps are answered: then the README entry is logged, the follow-up
ticket is saved under `<git dir>/readiness/tickets/` and printed, and — only when asked — filed with
`gh issue create`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from readiness.core.blockers.format import CLASSES
from readiness.core.errors import ReadinessError, UsageError

if TYPE_CHECKING:  # the heavy modules are imported where they are used: registering the command stays cheap
    from readiness.core.blockers.log import Blocker
    from readiness.core.triage.flow import Context, Evidence, Item, Ticket, Triage

ANSWER_FLAGS = ("klass", "summary", "details", "scope", "defer", "follow_up", "criterion", "next", "file_issue")
MAX_EVIDENCE = 1 << 20  # the last MiB of a saved output is plenty to classify it
EXAMPLES = """examples:
  readiness triage                      # in a terminal: step by step
  readiness triage --evidence pytest.log --class auto --summary "CI cannot reach the staging DB" \\
      --defer pkg/sync.py --follow-up "sync against staging" --next auto
  readiness check --format json > report.json && readiness triage --evidence report.json ...
"""


def _wrap(text: str) -> str:
    return textwrap.fill(text, 100)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "triage", help="the rapid triage flow when you are blocked (classify, scope, log, ticket, continue)",
        description=_wrap("Walk the rapid triage flow: 1. classify the blocker (suggested from --evidence), 2. reduce "
                          "scope (defer checklist items or changed modules), 3. log it in the README's Blockers "
                          "section, 4. write a follow-up ticket (saved under the git directory and printed; filed with "
                          "`gh issue create` only when you confirm, or pass --file-issue), 5. pick the next independent "
                          "module. With answers as flags, or without a terminal, it runs headless."),
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--repo", metavar="DIR", default=argparse.SUPPRESS,
                        help="directory inside the repository (default: current directory)")
    parser.add_argument("--base", metavar="REF", default=argparse.SUPPRESS,
                        help="branch to compare against when listing changed modules (default: auto-detected)")
    parser.add_argument("--evidence", metavar="FILE", action="append", default=[],
                        help="a failing output (pytest log, build log) or a `readiness check --format json` report "
                             "(its failing gates and findings suggest the class, its unfinished checklist items can be "
                             "deferred); repeatable")
    answers = parser.add_argument_group("answers (any of them makes the run headless)")
    answers.add_argument("--class", dest="klass", choices=(*CLASSES, "auto"),
                         help="blocker class; auto takes the one suggested by the evidence")
    answers.add_argument("--summary", help="one line: what blocks you")
    answers.add_argument("--details", help="more about it (one line)")
    answers.add_argument("--defer", metavar="ITEM", action="append", default=None,
                         help="a checklist item id or changed module deferred to the follow-up; repeatable")
    answers.add_argument("--scope", help="the smallest viable subset you ship (default: 'ship without' the deferred)")
    answers.add_argument("--follow-up", dest="follow_up", help="what the follow-up ticket expands")
    answers.add_argument("--criterion", metavar="TEXT", action="append", default=None,
                         help="an acceptance criterion of the ticket; repeatable")
    answers.add_argument("--next", metavar="MODULE", help="the module you continue with; auto: the first "
                                                          "independent one; none: skip")
    answers.add_argument("--file-issue", dest="file_issue", action="store_true", default=None,
                         help="file the ticket with `gh issue create` (gh must be installed and logged in)")
    parser.add_argument("--planned", metavar="MODULE", action="append", default=[],
                        help="a module you plan to write, offered in step 5; repeatable")
    parser.add_argument("--blocked", metavar="MODULE", action="append", default=[],
                        help="a module that is blocked (besides deferred ones): step 5 avoids its importers")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="headless output: the ticket as Markdown (text) or a JSON summary")
    parser.add_argument("--no-tui", dest="no_tui", action="store_true",
                        help="in a terminal, ask step by step on the terminal even when the TUI is installed")
    parser.set_defaults(handler=run)


# -- gathering the context ---------------------------------------------------------------------------------------
def check_evidence_files(paths: list[str]) -> None:
    """Refuse a missing or unreadable --evidence file before anything else is asked or opened."""
    for name in paths:
        try:
            with open(name, "rb"):
                pass
        except FileNotFoundError:
            raise UsageError(f"evidence file {name} does not exist: pass the path of a saved output (pytest log, "
                             "build log) or of a `readiness check --format json` report") from None
        except OSError as exc:
            raise UsageError(f"cannot read evidence file {name}: {exc.strerror or exc}") from None


def read_evidence(paths: list[str]) -> tuple[list[Evidence], list[Item]]:
    """Saved outputs become evidence; a readiness JSON report adds its failing gates, its findings and its
    unfinished checklist items."""
    from readiness.core.triage.flow import Evidence, Item, findings_evidence

    check_evidence_files(paths)
    evidence: list[Evidence] = []
    items: list[Item] = []
    for name in paths:
        try:
            with open(name, "rb") as handle:
                handle.seek(0, os.SEEK_END)
                handle.seek(max(0, handle.tell() - MAX_EVIDENCE))
                text = handle.read().decode("utf-8", "replace")
        except OSError as exc:
            raise UsageError(f"cannot read evidence file {name}: {exc.strerror or exc}") from None
        report = _report(text)
        if report is None:
            evidence.append(Evidence(source=Path(name).name, text=text, status="fail",
                                     integration="integration" in name.lower()))
            continue
        for gate in report.get("gates") or []:
            if isinstance(gate, dict) and isinstance(gate.get("id"), str):
                details = gate.get("details") if isinstance(gate.get("details"), list) else []
                text = "\n".join([str(gate.get("summary") or ""), *(str(d) for d in details)])
                evidence.append(Evidence(source=f"gate {gate['id']}", text=text, status=str(gate.get("status")),
                                         gate=gate["id"]))
        rows = [f for f in report.get("findings") or [] if isinstance(f, dict) and not f.get("waived")]
        evidence += findings_evidence(
            (str(f.get("category")), str(f.get("severity")), str(f.get("path")),
             f.get("line") if isinstance(f.get("line"), int) else None, str(f.get("message") or ""))
            for f in rows)
        for checklist in report.get("checklists") or []:
            for item in (checklist.get("items") or []) if isinstance(checklist, dict) else []:
                if isinstance(item, dict) and item.get("status") in ("fail", "warn", "manual"):
                    items.append(Item(key=f"{checklist.get('id')}/{item.get('id')}", label=str(item.get("title")),
                                      kind="checklist", detail=str(item.get("detail") or "")))
    return evidence, items


def _report(text: str) -> dict | None:
    if not text.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not (isinstance(data, dict) and "schema_version" in data and ("gates" in data or "findings" in data)):
        return None
    return data


def gather(repo, cfg, args: argparse.Namespace) -> Context:
    from readiness.core.scan.base import SOURCE_LANGUAGES, language_of
    from readiness.core.triage.flow import Context, Item, import_graph

    evidence, items = read_evidence(args.evidence)
    changed = sorted(c.path for c in repo.changes().values()
                     if c.status != "D" and language_of(c.path) in SOURCE_LANGUAGES)
    items += [Item(key=path, label=path, kind="module") for path in changed]
    planned = [PurePosixPath(p.replace("\\", "/")).as_posix() for p in args.planned]
    sources = {}
    for path in repo.all_paths():
        if path.endswith((".py", ".pyw")):
            text = repo.read_text(path, cfg["max_file_size"])
            if text is not None:
                sources[path] = text
    return Context(evidence=tuple(evidence), items=tuple(items), candidates=tuple([*changed, *planned]),
                   imports=import_graph(sources), blocked=tuple(args.blocked), branch=repo.branch, head=repo.head,
                   docs_file=cfg["docs_file"])


# -- doing it --------------------------------------------------------------------------------------------------------
@dataclass
class Outcome:
    blocker: Blocker
    ticket: Ticket
    ticket_path: Path
    issue_url: str | None = None


def preflight(repo, label: str) -> None:
    """Refuse a README that cannot take an entry before asking anything (conflicts, encoding, permissions...)."""
    from readiness.core.blockers import log as blockers

    readme = blockers.read_readme(repo.root, label)
    blockers.check_editable(readme.document(), label)
    if readme.exists:
        blockers.check_writable(readme)


def check_duplicate(repo, label: str, triage: Triage) -> None:
    from readiness.core.blockers import log as blockers
    from readiness.core.triage.flow import TriageError

    doc = blockers.read_readme(repo.root, label).document()
    same = blockers.find_duplicate(doc, triage.new_blocker())
    if same is not None:
        raise TriageError(f"{same.id} already logs this blocker ({same.klass}: {blockers.shown(same.summary)}): "
                          f"resolve it with `readiness blocker resolve {same.id}` or describe this one differently")


def next_number(repo, label: str) -> int:
    from readiness.commands.blocker import id_floor
    from readiness.core.blockers import log as blockers

    doc = blockers.read_readme(repo.root, label).document()
    return max(doc.highest, id_floor(repo, label)[0]) + 1


def finish(repo, triage: Triage, file_issue: bool) -> Outcome:
    from readiness.commands.blocker import log_blocker, today
    from readiness.core.atomic import atomic_write
    from readiness.core.triage.github import gh_create

    date = today()
    blocker = log_blocker(repo, triage.context.docs_file, triage.new_blocker(), date)
    ticket = triage.ticket(blocker.id, date)
    folder = Path(repo.git_dir) / "readiness" / "tickets"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / ticket.filename
        atomic_write(path, ticket.markdown.encode("utf-8"))
    except OSError as exc:
        raise ReadinessError(f"{blocker.id} is logged, but the ticket could not be saved in {folder}: "
                             f"{exc.strerror or exc}") from None
    outcome = Outcome(blocker, ticket, path)
    if file_issue:
        outcome.issue_url = gh_create(ticket, folder / f".{ticket.filename}.body", repo.root)
    return outcome


def run(args: argparse.Namespace) -> int:
    from readiness.core import config
    from readiness.core.repo import open_repository

    check_evidence_files(args.evidence)
    headless = any(getattr(args, name, None) not in (None, []) for name in ANSWER_FLAGS)
    terminal = sys.stdin.isatty() and sys.stderr.isatty()
    if not headless and terminal and sys.stdout.isatty() and not args.no_tui:
        wizard = _tui_wizard()
        if wizard is not None:
            return wizard(args)
    with open_repository(args.repo, getattr(args, "base", None)) as repo:
        cfg = config.load(repo.root)
        preflight(repo, cfg["docs_file"])
        if headless or not terminal:
            return _headless(repo, cfg, args)
        return run_prompts(repo, gather(repo, cfg, args), Prompter(sys.stdin, sys.stderr), args)


def _tui_wizard():
    try:
        from readiness.tui.app import run_triage
    except ImportError:
        return None
    return run_triage


def _headless(repo, cfg, args: argparse.Namespace) -> int:
    from readiness.core.triage.flow import Triage
    from readiness.core.triage.github import gh_ready

    if not args.summary or not args.klass:
        raise UsageError("headless triage needs --class and --summary (run it in a terminal to be asked step by "
                         "step); see `readiness triage --help`")
    if args.file_issue and not gh_ready(repo.root):
        raise UsageError("--file-issue needs the GitHub CLI, installed and logged in: install gh and run "
                         "`gh auth login`, or drop --file-issue (the ticket is saved either way)")
    triage = Triage.start(gather(repo, cfg, args))
    triage = triage.classify(args.klass, args.summary, args.details)
    check_duplicate(repo, cfg["docs_file"], triage)
    triage = triage.reduce_scope(args.defer or (), args.scope).log(True)
    triage = triage.plan_follow_up(args.follow_up, args.criterion or ())
    triage = triage.choose_next(None if args.next in (None, "none", "-") else args.next)
    outcome = finish(repo, triage, bool(args.file_issue))
    report(outcome, triage, args.format, sys.stdout, sys.stderr)
    return 0


def report(outcome: Outcome, triage: Triage, fmt: str, out, err) -> None:
    from readiness.core.blockers import log as blockers

    label = triage.context.docs_file
    if fmt == "json":
        json.dump({
            "schema_version": 1, "blocker": outcome.blocker.to_dict(), "docs_file": label,
            "suggestion": None if triage.suggestion is None else
            {"class": triage.suggestion.klass, "reason": triage.suggestion.reason},
            "deferred": list(triage.deferred),
            "ticket": {"path": str(outcome.ticket_path), "title": outcome.ticket.title,
                       "markdown": outcome.ticket.markdown},
            "next": triage.next_module,
            "next_options": [{"module": o.module, "reason": o.reason} for o in triage.next_options()],
            "issue_url": outcome.issue_url,
        }, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    out.write(outcome.ticket.markdown)
    print(f"readiness: logged {outcome.blocker.id} in {label}", file=err)
    print(f"readiness: follow-up ticket saved: {outcome.ticket_path}", file=err)
    if outcome.issue_url:
        print(f"readiness: filed {outcome.issue_url}", file=err)
    if triage.next_module:
        print(f"readiness: next: {blockers.sanitize(triage.next_module)}", file=err)
    elif triage.next_options():
        names = ", ".join(blockers.sanitize(o.module) for o in triage.next_options()[:5])
        print(f"readiness: independent modules you could continue with: {names}", file=err)


# -- step by step on the terminal ----------------------------------------------------------------------------------
class Back(Exception):
    """The user typed `<`: return to the previous step."""


class Prompter:
    """Questions on `out` (stderr: stdout keeps only the ticket), answers from `stdin`. EOF cancels like Ctrl-C."""

    def __init__(self, stdin, out) -> None:
        self.stdin, self.out = stdin, out

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def ask(self, prompt: str, default: str | None = None) -> str:
        from readiness.core.blockers.log import sanitize

        shown = sanitize(default) if default else ""
        self.out.write(f"{prompt}{f' [{shown}]' if shown else ''}: ")
        self.out.flush()
        line = self.stdin.readline()
        if not line:
            raise KeyboardInterrupt
        answer = line.strip()
        if answer == "<":
            raise Back
        return answer or (default or "")

    def confirm(self, prompt: str, default: bool) -> bool:
        while True:
            answer = self.ask(f"{prompt} {'[Y/n]' if default else '[y/N]'}").lower()
            if not answer:
                return default
            if answer in ("y", "yes", "n", "no"):
                return answer.startswith("y")
            self.say("  please answer y or n")


def _pick_class(answer: str) -> str:
    matches = [c for c in CLASSES if c.startswith(answer.lower())] if answer else []
    return matches[0] if len(matches) == 1 else answer


def _ask_classify(triage: Triage, ui: Prompter, repo) -> Triage:
    from readiness.core.blockers import log as blockers

    ui.say("[1/5] Classify the blocker")
    if triage.suggestion is not None:
        ui.say(f"  evidence: {blockers.sanitize(triage.suggestion.reason)} → {triage.suggestion.klass} suggested")
    elif triage.context.evidence:
        ui.say("  the evidence does not point to a class: choose one")
    else:
        ui.say("  no evidence given (pass --evidence FILE with a failing output to get a suggestion)")
    default = triage.klass or (triage.suggestion.klass if triage.suggestion else None)
    klass = _pick_class(ui.ask("  class (build, logic, integration, environment)", default))
    summary = ui.ask("  summary, one line", triage.summary)
    details = ui.ask("  details (optional)", triage.details)
    classified = triage.classify(klass, summary, details or None)
    check_duplicate(repo, triage.context.docs_file, classified)
    return classified


def _parse_deferred(answer: str, items: tuple[Item, ...]) -> list[str]:
    from readiness.core.triage.flow import TriageError

    keys: list[str] = []
    for part in (p.strip() for p in answer.split(",")):
        if part and all(tok.isdigit() for tok in part.split()):
            for tok in part.split():
                if not 1 <= int(tok) <= len(items):
                    raise TriageError(f"there is no item {tok}: pick numbers from 1 to {len(items)}")
                keys.append(items[int(tok) - 1].key)
        elif part:
            keys.append(part)
    return keys


def _ask_scope(triage: Triage, ui: Prompter, repo) -> Triage:
    from readiness.core.blockers import log as blockers

    ui.say("[2/5] Reduce scope: defer what waits for the follow-up; the rest is what you ship")
    items = triage.context.items
    for n, item in enumerate(items, 1):
        kind = "checklist" if item.kind == "checklist" else "module"
        detail = f" — {item.detail}" if item.detail else ""
        ui.say(f"  {n:>2}. {kind}: {blockers.sanitize(item.label + detail)}")
    if not items:
        ui.say("  (no changed modules or checklist items found: name what you defer, or leave empty)")
    previous = ", ".join(triage.deferred) if triage.deferred else None
    keys = _parse_deferred(ui.ask("  defer (numbers or names, comma separated; empty: nothing)", previous), items)
    default_scope = triage.reduce_scope(keys, None).scope
    scope = ui.ask("  the smallest viable subset you ship", triage.scope or default_scope)
    return triage.reduce_scope(keys, scope or None)


def _ask_log(triage: Triage, ui: Prompter, repo) -> Triage:
    from readiness.commands.blocker import today

    ui.say(f"[3/5] Log: this entry goes into {triage.context.docs_file} (follow-up and next are added below it)")
    for line in triage.preview(next_number(repo, triage.context.docs_file), today()).splitlines():
        ui.say(f"    {line}")
    return triage.log(ui.confirm("  log it?", True))


def _ask_follow_up(triage: Triage, ui: Prompter, repo) -> Triage:
    ui.say("[4/5] Follow-up ticket")
    text = ui.ask("  what the follow-up expands", triage.follow_up or triage.default_follow_up())
    ui.say("  acceptance criteria, one per line (empty line to finish):")
    criteria = []
    while True:
        line = ui.ask("   -")
        if not line:
            break
        criteria.append(line)
    return triage.plan_follow_up(text or None, criteria or triage.criteria)


def _ask_next(triage: Triage, ui: Prompter, repo) -> Triage:
    from readiness.core.blockers import log as blockers
    from readiness.core.triage.flow import TriageError

    blocked = triage.blocked_modules()
    ui.say("[5/5] Continue with the next independent module"
           + (f" (not importing {', '.join(blockers.sanitize(b) for b in blocked)})" if blocked else ""))
    held = triage.held_modules()
    if held:
        ui.say(f"  left out, they hold deferred work: {', '.join(blockers.sanitize(h) for h in held)}")
    options = triage.next_options()
    for n, option in enumerate(options, 1):
        ui.say(f"  {n:>2}. {blockers.sanitize(option.module)}  ({option.reason})")
    if not options:
        ui.say("  no independent changed module found: name one you plan to write, or - to skip")
    answer = ui.ask("  next module (number, path, or - for none)", "1" if options else "-")
    if answer.isdigit():
        if not 1 <= int(answer) <= len(options):
            raise TriageError(f"there is no option {answer}")
        answer = options[int(answer) - 1].module
    return triage.choose_next(None if answer in ("-", "none") else answer)


def run_prompts(repo, context: Context, ui: Prompter, args: argparse.Namespace, out=None) -> int:
    from readiness.core.blockers.log import sanitize
    from readiness.core.triage.flow import Step, Triage
    from readiness.core.triage.github import gh_create, gh_ready

    out = out or sys.stdout
    ui.say("Rapid triage: Classify → Reduce scope → Log → Follow-up → Continue   (type < to go back)")
    steps = {Step.CLASSIFY: _ask_classify, Step.SCOPE: _ask_scope, Step.LOG: _ask_log,
             Step.FOLLOW_UP: _ask_follow_up, Step.CONTINUE: _ask_next}
    triage = Triage.start(context)
    while triage.step is not Step.DONE:
        try:
            triage = steps[triage.step](triage, ui, repo)
        except Back:
            triage = triage.back()
        except UsageError as exc:  # a refused answer (secret, unknown class, duplicate...): ask again
            ui.say(f"  ✘ {exc}")
    outcome = finish(repo, triage, file_issue=False)
    ui.say(f"logged {outcome.blocker.id} in {context.docs_file}; follow-up ticket saved: {outcome.ticket_path}")
    if triage.next_module:
        ui.say(f"next: {sanitize(triage.next_module)}")
    out.write(outcome.ticket.markdown)
    out.flush()
    if gh_ready(repo.root) and ui.confirm("File this ticket on GitHub with `gh issue create`?", False):
        folder = outcome.ticket_path.parent
        url = gh_create(outcome.ticket, folder / f".{outcome.ticket.filename}.body", repo.root)
        ui.say(f"filed {url}")
    return 0
