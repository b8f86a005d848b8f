"""`readiness triage`: the rapid triage flow (classify, reduce scope, log, follow-up, continue).

With answers as flags, or without a terminal, it runs headless. In a terminal without answers it opens the TUI
on its triage wizard (the `wizard` the CLI hands over), or asks step by step with --no-tui (or when the TUI is not
installed). Nothing is written before the five steps are answered: then the README entry is logged, the follow-up
ticket is saved under `<git dir>/readiness/tickets/` and printed, and — only when asked — filed with
`gh issue create`. The session itself (evidence, duplicate test, finishing) is `readiness.core.triage.session`, the
one the TUI's wizard runs too.

Deferred imports: the configuration (~60 ms), the repository (~10 ms), the blockers log (~55 ms) and the triage
session (~70 ms) load when the command runs, not when `readiness --help` builds the parser (`-X importtime`, on
top of `import readiness.cli`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from readiness.commands import blocker as blocker_command
from readiness.core.blockers.format import CLASSES
from readiness.core.errors import ReadinessError, UsageError
from readiness.core.exit_codes import OK

if TYPE_CHECKING:  # the heavy modules are imported where they are used: building the parser stays cheap
    from readiness.core.repo import Repository
    from readiness.core.triage.flow import Context, Item, Triage
    from readiness.core.triage.session import TriageOutcome

EXAMPLES = """examples:
  readiness triage                      # in a terminal: step by step
  readiness triage --evidence pytest.log --class auto --summary "CI cannot reach the staging DB" \\
      --defer pkg/sync.py --follow-up "sync against staging" --next auto
  readiness check --format json > report.json && readiness triage --evidence report.json ...
"""


@dataclass(frozen=True)
class Answers:
    """The answers given as flags: any of them makes the run headless."""

    klass: str | None = None
    summary: str | None = None
    details: str | None = None
    defer: list[str] | None = None
    scope: str | None = None
    follow_up: str | None = None
    criteria: list[str] | None = None
    next: str | None = None
    file_issue: bool | None = None

    def given(self) -> bool:
        return any(getattr(self, f.name) not in (None, []) for f in fields(self))


def triage(*, repo: str = ".", base: str | None = None, evidence: list[str] | None = None,
           answers: Answers | None = None, planned: list[str] | None = None, blocked: list[str] | None = None,
           fmt: str = "text", no_tui: bool = False, wizard: Callable[[], int | None] | None = None) -> int:
    """Run the triage: headless with answers or without a terminal; else the TUI's wizard (`wizard`, None when the
    TUI is not installed) or, with `no_tui`, step by step on the terminal."""
    from readiness.core import config  # deferred (see module doc)
    from readiness.core.repo import open_repository  # deferred (see module doc)
    from readiness.core.triage import session  # deferred (see module doc)

    evidence, planned, blocked = list(evidence or []), list(planned or []), list(blocked or [])
    answers = answers or Answers()
    session.check_evidence_files(evidence)
    headless = answers.given()
    terminal = sys.stdin.isatty() and sys.stderr.isatty()
    if not headless and terminal and sys.stdout.isatty() and not no_tui and wizard is not None:
        code = wizard()
        if code is not None:
            return code
    with open_repository(repo, base) as handle:
        cfg = config.load(handle.root)
        session.preflight(handle, cfg["docs_file"])

        def gather() -> Context:
            return session.gather(handle, cfg, evidence, planned, blocked)

        if headless or not terminal:
            return _headless(handle, gather, answers, fmt)
        return run_prompts(handle, gather(), Prompter(sys.stdin, sys.stderr))


def finish(repo: Repository, triage: Triage) -> TriageOutcome:
    """The session's finish, the shell's way: warnings on stderr, a ticket that could not be saved is an error."""
    from readiness.core.triage import session  # deferred (see module doc)

    outcome = session.finish(repo, triage, blocker_command.today())
    if not outcome.ticket_saved:
        blocker_command.warn(outcome.warnings[:-1])
        raise ReadinessError(outcome.warnings[-1])
    blocker_command.warn(outcome.warnings)
    return outcome


def _headless(repo: Repository, gather: Callable[[], Context], answers: Answers, fmt: str) -> int:
    from readiness.core.triage import session  # deferred (see module doc)
    from readiness.core.triage.flow import Triage  # deferred (see module doc)
    from readiness.core.triage.github import gh_ready  # deferred (see module doc)

    if not answers.summary or not answers.klass:
        raise UsageError("headless triage needs --class and --summary (run it in a terminal to be asked step by "
                         "step); see `readiness triage --help`")
    if answers.file_issue and not gh_ready(repo.root):
        raise UsageError("--file-issue needs the GitHub CLI, installed and logged in: install gh and run "
                         "`gh auth login`, or drop --file-issue (the ticket is saved either way)")
    triage = Triage.start(gather())
    triage = triage.classify(answers.klass, answers.summary, answers.details)
    session.check_duplicate(repo, triage.context.docs_file, triage)
    triage = triage.reduce_scope(answers.defer or (), answers.scope).log(True)
    triage = triage.plan_follow_up(answers.follow_up, answers.criteria or ())
    triage = triage.choose_next(None if answers.next in (None, "none", "-") else answers.next)
    outcome = finish(repo, triage)
    issue_url = session.file_issue(outcome, repo.root) if answers.file_issue else None
    report(outcome, triage, fmt, sys.stdout, sys.stderr, issue_url)
    return OK


def report(outcome: TriageOutcome, triage: Triage, fmt: str, out, err, issue_url: str | None = None) -> None:
    from readiness.core.blockers import log as blockers  # deferred (see module doc)

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
            "issue_url": issue_url,
        }, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    out.write(outcome.ticket.markdown)
    print(f"readiness: logged {outcome.blocker.id} in {label}", file=err)
    print(f"readiness: follow-up ticket saved: {outcome.ticket_path}", file=err)
    if issue_url:
        print(f"readiness: filed {issue_url}", file=err)
    if triage.next_module:
        print(f"readiness: next: {blockers.sanitize(triage.next_module)}", file=err)
    elif triage.next_options():
        names = ", ".join(blockers.sanitize(o.module) for o in triage.next_options()[:5])
        print(f"readiness: independent modules you could continue with: {names}", file=err)
    elif triage.blocked_modules():
        print(f"readiness: no independent module to continue with: {blockers.sanitize(triage.why_no_next())}",
              file=err)


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
        from readiness.core.blockers.log import sanitize  # deferred (see module doc)

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
    from readiness.core.blockers import log as blockers  # deferred (see module doc)
    from readiness.core.triage import session  # deferred (see module doc)

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
    session.check_duplicate(repo, triage.context.docs_file, classified)
    return classified


def _parse_deferred(answer: str, items: tuple[Item, ...]) -> list[str]:
    from readiness.core.triage.flow import TriageError  # deferred (see module doc)

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
    from readiness.core.blockers import log as blockers  # deferred (see module doc)

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
    from readiness.core.triage.session import next_number  # deferred (see module doc)

    ui.say(f"[3/5] Log: this entry goes into {triage.context.docs_file} (follow-up and next are added below it)")
    for line in triage.preview(next_number(repo, triage.context.docs_file), blocker_command.today()).splitlines():
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
    from readiness.core.blockers import log as blockers  # deferred (see module doc)
    from readiness.core.triage.flow import TriageError  # deferred (see module doc)

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
        ui.say(f"  nothing qualifies: {blockers.sanitize(triage.why_no_next())}; name one you plan to write, or - "
               "to skip")
    answer = ui.ask("  next module (number, path, or - for none)", "1" if options else "-")
    if answer.isdigit():
        if not 1 <= int(answer) <= len(options):
            raise TriageError(f"there is no option {answer}")
        answer = options[int(answer) - 1].module
    return triage.choose_next(None if answer in ("-", "none") else answer)


def run_prompts(repo: Repository, context: Context, ui: Prompter, out=None) -> int:
    from readiness.core.blockers.log import sanitize  # deferred (see module doc)
    from readiness.core.triage import session  # deferred (see module doc)
    from readiness.core.triage.flow import Step, Triage  # deferred (see module doc)
    from readiness.core.triage.github import gh_ready  # deferred (see module doc)

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
    outcome = finish(repo, triage)
    ui.say(f"logged {outcome.blocker.id} in {context.docs_file}; follow-up ticket saved: {outcome.ticket_path}")
    if triage.next_module:
        ui.say(f"next: {sanitize(triage.next_module)}")
    out.write(outcome.ticket.markdown)
    out.flush()
    if gh_ready(repo.root) and ui.confirm("File this ticket on GitHub with `gh issue create`?", False):
        ui.say(f"filed {session.file_issue(outcome, repo.root)}")
    return OK
