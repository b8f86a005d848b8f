"""The panels of the triage wizard: one per step (evidence, answers, error, preview, buttons) and the last one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, OptionList, RadioSet, Static
from textual.widgets.option_list import Option

from readiness.core.blockers.log import CLASSES
from readiness.core.triage.flow import Step, Triage
from readiness.render.formats import safe
from readiness.tui.widgets.common import Choice

STEPS = (Step.CLASSIFY, Step.SCOPE, Step.LOG, Step.FOLLOW_UP, Step.CONTINUE)
NO_NEXT = "\0none"


def step_text(current: Step) -> Text:
    """`✔ Classify → ● Reduce scope → ○ Log → ○ Follow-up → ○ Continue`."""
    text = Text()
    for index, step in enumerate(STEPS):
        if index:
            text.append(" → ", style="dim")
        if step < current:
            text.append(f"✔ {step.title}", style="green")
        elif step == current:
            text.append(f"● {step.title}", style="bold")
        else:
            text.append(f"○ {step.title}", style="dim")
    return text


def parse_criteria(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


class DeferList(OptionList):
    """Items to defer: space (or enter, or a click) toggles `[x]`; the state is readable without colour."""

    BINDINGS = [Binding("space", "toggle_item", "defer/keep")]

    class Toggled(Message):
        """The set of deferred items changed."""

    def __init__(self, id: str) -> None:
        super().__init__(id=id)
        self.labels: dict[str, str] = {}
        self.chosen: set[str] = set()

    def set_items(self, items: list[tuple[str, str]], groups: dict[str, str] | None = None) -> None:
        """Rows `(key, label)`; with `groups` (key → group title), a disabled heading starts each group."""
        self.labels = dict(items)
        self.clear_options()
        options: list[Option] = []
        group = None
        for key, _ in items:
            title = (groups or {}).get(key)
            if title is not None and title != group:
                group = title
                options.append(Option(Text(title, style="bold"), disabled=True))
            options.append(Option(self.prompt(key), id=key))
        self.add_options(options)
        if items:
            self.highlighted = next(i for i, o in enumerate(options) if not o.disabled)

    def prompt(self, key: str) -> Text:
        mark = "[x] " if key in self.chosen else "[ ] "
        text = Text.assemble((mark, "bold" if key in self.chosen else ""), self.labels[key])
        text.no_wrap, text.overflow = True, "ellipsis"
        return text

    def action_toggle_item(self) -> None:  # not `action_toggle`: DOMNode's toggles an attribute
        option = self.highlighted_option
        if option is None or option.id is None:
            return
        self.chosen.symmetric_difference_update({option.id})
        self.replace_option_prompt(option.id, self.prompt(option.id))
        self.post_message(self.Toggled())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle_item()

    @property
    def selected(self) -> list[str]:
        return [key for key in self.labels if key in self.chosen]


class StepPanel(VerticalScroll):
    """One step: what it is based on, the answers, and what will be written."""

    def __init__(self, step: Step, id: str) -> None:
        super().__init__(id=id, classes="step")
        self.step = step
        self.filled = False

    def compose(self) -> ComposeResult:
        n = self.step.value
        yield Static(id=f"s{n}-evidence", classes="evidence")
        if self.step is Step.CLASSIFY:
            with RadioSet(id="s1-klass"):
                for klass in CLASSES:
                    yield Choice(klass, id=f"klass-{klass}")
            yield Input(placeholder="summary: one line, what blocks you (required)", id="s1-summary", max_length=300)
            yield Input(placeholder="details (optional)", id="s1-details", max_length=300)
        elif self.step is Step.SCOPE:
            yield DeferList(id="s2-defer")
            yield Input(placeholder="the smallest viable subset you ship (default: ship without the deferred)",
                        id="s2-scope", max_length=300)
        elif self.step is Step.FOLLOW_UP:
            yield Input(placeholder="what the follow-up ticket expands", id="s4-follow-up", max_length=300)
            yield Input(placeholder="acceptance criteria, separated by ;", id="s4-criteria", max_length=600)
        elif self.step is Step.CONTINUE:
            yield OptionList(id="s5-next")
        yield Static(id=f"s{n}-error", classes="step-error")
        yield Static(id=f"s{n}-preview", classes="preview")
        with Horizontal(classes="step-buttons"):
            if self.step is not Step.CLASSIFY:
                yield Button("← Back (ctrl+b)", classes="previous-step", compact=True)
            label = "Log it and finish (ctrl+n)" if self.step is Step.CONTINUE else "Next (ctrl+n) →"
            yield Button(label, variant="primary", classes="next-step", compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#s{self.step.value}-preview").border_title = "Preview"

    # -- filling -----------------------------------------------------------------------------------------------
    def evidence(self, text: Text | str) -> None:
        self.query_one(f"#s{self.step.value}-evidence", Static).update(text)

    def fill(self, triage: Triage, number: int, today: str, label: str, titles: dict[str, str] | None = None) -> None:
        """Show the step for `triage`; `titles` name the checklists (id → title) the scope step groups items by."""
        titles = titles or {}
        self.show_error("")
        first, self.filled = not self.filled, True
        if self.step is Step.CLASSIFY:
            self.evidence(classify_evidence(triage))
            if first and triage.suggestion is not None:
                self.query_one(f"#klass-{triage.suggestion.klass}", Choice).value = True
        elif self.step is Step.SCOPE:
            self.evidence("Defer what waits for the follow-up (space): failing and awaiting items by checklist, "
                          "changed modules; the rest is what you ship.")
            if first:
                rows, groups = [], {}
                for item in triage.context.items:
                    status = f" ({item.detail.split(':')[0]})" if item.detail.startswith(("stale", "awaits")) else ""
                    rows.append((item.key, safe(f"{item.label}{status}")[:160]))
                    groups[item.key] = (titles.get(item.key.split("/")[0], item.key.split("/")[0])
                                        if item.kind == "checklist" else "Changed modules")
                self.query_one("#s2-defer", DeferList).set_items(rows, groups)
                if not triage.context.items:
                    self.evidence("No failing or awaiting checklist item and no changed module: describe the scope "
                                  "below.")
        elif self.step is Step.LOG:
            self.evidence(f"This entry goes into {label}'s ## Blockers section when you finish (the follow-up and "
                          "the next module are added to it).")
        elif self.step is Step.FOLLOW_UP:
            self.evidence("The ticket is saved under the git directory; at the end you can copy it or file it "
                          "with `gh issue create`.")
            default = triage.follow_up or triage.default_follow_up()
            if first and default:
                self.query_one("#s4-follow-up", Input).value = default
        else:
            options = triage.next_options()
            blocked, held = triage.blocked_modules(), triage.held_modules()
            self.evidence("Continue with a module that does not import a blocked one"
                          + (f" ({', '.join(safe(b) for b in blocked)})" if blocked else "")
                          + (f"; left out, they hold deferred work: {', '.join(safe(h) for h in held)}." if held
                             else ".")
                          + ("" if options else f" Nothing qualifies: {safe(triage.why_no_next())}."))
            picker = self.query_one("#s5-next", OptionList)
            picker.clear_options()
            picker.add_options([Option(Text(f"{safe(o.module)}  ({o.reason})"), id=o.module) for o in options])
            picker.add_option(Option(Text("none: decide later", style="dim"), id=NO_NEXT))
            picker.highlighted = 0

    def focus_first(self) -> None:
        """The first field a person must fill: the summary (the class when none is pre-selected), the list of items
        to defer, the follow-up, the next module."""
        klass = self.query("#s1-klass")
        chosen = bool(klass) and klass.first(RadioSet).pressed_button is not None
        targets = {Step.CLASSIFY: "#s1-summary" if chosen else "#s1-klass", Step.SCOPE: "#s2-defer", Step.FOLLOW_UP: "#s4-follow-up",
                   Step.CONTINUE: "#s5-next"}
        if self.step in targets:
            self.query_one(targets[self.step]).focus()
        else:
            self.query_one(".next-step", Button).focus()

    # -- answers -----------------------------------------------------------------------------------------------
    def value(self, name: str) -> str | None:
        return self.query_one(f"#s{self.step.value}-{name}", Input).value.strip() or None

    def classify_answers(self) -> tuple[str | None, str, str | None]:
        pressed = self.query_one("#s1-klass", RadioSet).pressed_button
        klass = str(pressed.label) if pressed is not None else None
        return klass, self.value("summary") or "", self.value("details")

    def deferred(self) -> list[str]:
        return self.query_one("#s2-defer", DeferList).selected

    def next_module(self) -> str | None:
        picker = self.query_one("#s5-next", OptionList)
        if picker.highlighted is None:
            return None
        option = picker.get_option_at_index(picker.highlighted)
        return None if option.id == NO_NEXT else option.id

    def show_error(self, error: str) -> None:
        self.query_one(f"#s{self.step.value}-error", Static).update(Text(f"✘ {error}", style="bold red")
                                                                   if error else "")

    def show_preview(self, text: Text) -> None:
        self.query_one(f"#s{self.step.value}-preview", Static).update(text)


def classify_evidence(triage: Triage) -> Text:
    text = Text()
    if triage.suggestion is not None:
        text.append("Evidence: ", style="bold")
        text.append(safe(triage.suggestion.reason))
        text.append(f" → {triage.suggestion.klass} suggested", style="bold")
    elif triage.context.evidence:
        text.append("The evidence (failed gates, given files) does not point to a class: choose one.")
    else:
        text.append("No evidence yet (no failed gate and no finding; run the gates first, or pass --evidence FILE "
                    "to `readiness triage`): choose the class.")
    return text


class DonePanel(VerticalScroll):
    """The end: what was written, the ticket (copy / file with gh), and where to continue."""

    def compose(self) -> ComposeResult:
        yield Static(id="done-summary", classes="evidence")
        yield Static(id="done-entry", classes="preview")
        yield Static(id="done-ticket", classes="preview")
        with Horizontal(classes="step-buttons"):
            yield Button("Copy ticket (c)", id="copy-ticket", variant="primary")
            yield Button("File on GitHub (gh)", id="file-issue")
            yield Button("Back to the dashboard", id="done-leave")

    def on_mount(self) -> None:
        self.query_one("#done-entry").border_title = "README entry"
        self.query_one("#done-ticket").border_title = "Follow-up ticket"

    def show(self, outcome, triage: Triage, label: str) -> None:
        summary = Text()
        summary.append(f"✔ Logged {outcome.blocker.id} in {label}", style="bold green")
        summary.append(f"; ticket saved: {safe(outcome.ticket_path.name)}\n")
        if triage.next_module:
            summary.append("Next: ", style="bold")
            summary.append(f"{safe(triage.next_module)} — continue there while {outcome.blocker.id} is open")
        else:
            summary.append("No next module chosen.", style="dim")
        self.query_one("#done-summary", Static).update(summary)
        self.query_one("#done-entry", Static).update(Text(safe(outcome.entry)))
        self.query_one("#done-ticket", Static).update(Text(safe(outcome.ticket.markdown)))
        self.query_one("#file-issue", Button).display = bool(outcome.gh)
        self.query_one("#copy-ticket", Button).focus()
