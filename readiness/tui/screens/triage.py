"""The rapid triage wizard: Classify → Reduce scope → Log → Follow-up → Continue, driven by `readiness.core.triage.flow`.

Each step shows the evidence it used and a preview of what will be written; nothing is written before the last
step. Then the README entry is logged, the follow-up ticket saved under the git directory (copy it with c, or
file it with `gh issue create` after a confirmation), and the next independent module is named.
"""

from __future__ import annotations

import datetime
from typing import cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, ContentSwitcher, Input, RadioSet, Static

from readiness.core.blockers.log import NewBlocker
from readiness.core.errors import ReadinessError
from readiness.core.triage.flow import Context, Step, Triage
from readiness.core.triage.session import TriageOutcome, duplicate_error, find_duplicate
from readiness.render.formats import safe
from readiness.tui import messages as msg
from readiness.tui.blocker_ops import file_issue, finish_triage, load_log, preview, triage_context
from readiness.tui.screens.base import ModelScreen
from readiness.tui.screens.modals import ConfirmScreen
from readiness.tui.widgets.footer import KeysFooter
from readiness.tui.widgets.header import RepoHeader
from readiness.tui.widgets.triage_steps import DeferList, DonePanel, StepPanel, parse_criteria, step_text


class TriageScreen(ModelScreen):
    """Blocked? Classify it, cut the scope, log it, plan the follow-up, and move on to independent work."""

    HELP = ("ctrl+n goes to the next step, ctrl+b back (answers are kept). Step 1 suggests the class from the "
            "evidence (failed gates, findings, --evidence files); step 2 defers checklist items and changed modules; "
            "step 3 previews the README entry; step 4 writes the follow-up ticket; step 5 picks a module that does "
            "not import a blocked one nor holds deferred work, then logs everything. c copies the ticket at the end.")
    TITLE_TEXT = "Triage"
    AUTO_FOCUS = ""
    TOPICS = frozenset({"summary", "progress", "checklists"})
    BINDINGS = [
        Binding("escape", "back", "leave"),
        Binding("ctrl+n", "next_step", "next step"),
        Binding("ctrl+b", "previous_step", "previous step"),
        Binding("c", "copy_ticket", "copy ticket", show=False),
    ]

    def __init__(self, evidence_files: list[str] | None = None) -> None:
        super().__init__()
        self.evidence_files = evidence_files
        self.triage: Triage | None = None
        self.number = 0
        self.label = "README.md"
        self.today = datetime.date.today().isoformat()
        self.outcome: TriageOutcome | None = None
        self.gathered = False

    def compose(self) -> ComposeResult:
        yield RepoHeader(id="header")
        yield Static(id="steps")
        with ContentSwitcher(initial="step-wait", id="step-body"):
            yield Static(Text("gathering evidence: failed gates, checklist items, changed modules…", style="dim"),
                         id="step-wait")
            for step in (Step.CLASSIFY, Step.SCOPE, Step.LOG, Step.FOLLOW_UP, Step.CONTINUE):
                yield StepPanel(step, id=f"step-{step.value}")
            yield DonePanel(id="step-done")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#steps", Static).update(step_text(Step.CLASSIFY))
        if self.triage is None:  # type the summary while the evidence is gathered: keys never fall through to the app
            panel = self.panel(Step.CLASSIFY)
            self.query_one(ContentSwitcher).current = panel.id
            panel.evidence(Text("gathering evidence: failed gates, checklist items, changed modules…", style="dim"))
            self.query_one("#s1-summary", Input).focus()

    def redraw(self, topic: str) -> None:
        super().redraw(topic)
        self.maybe_gather()

    def maybe_gather(self) -> None:
        """Gather the evidence once the scan and the checklists are in (opened by `readiness triage`, the wizard
        starts with the app), or once the scan failed (the error is then shown here)."""
        app = self.model
        if self.gathered or (app.state.scan_error is None and (app.state.scanning or not app.state.checklists_ready)):
            return
        self.gathered = True
        self.gather(tuple(app.state.gate_results.values()), app.state.checklists, app.state.findings,
                    tuple(app.state.stale_gates.values()), app.state.definitions)

    @work(thread=True, exclusive=True, exit_on_error=False, group="triage", description="gather triage evidence")
    def gather(self, gates, checklists, findings=(), stale=(), definitions=None) -> None:
        try:
            context = triage_context(self.model.options, gates, checklists, self.evidence_files, findings, stale,
                                     definitions)
            log = load_log(self.model.options)
        except ReadinessError as exc:
            self.post_message(msg.ActionFailed("triage", str(exc)))
            return
        self.post_message(msg.TriageReady(context, log.next_number, log.label))

    @on(msg.TriageReady)
    def ready(self, event: msg.TriageReady) -> None:
        self.triage = Triage.start(cast(Context, event.context))  # the message types it `object`
        self.number, self.label = event.next_number, event.label
        self.show_step()

    # -- moving between steps ------------------------------------------------------------------------------------
    def panel(self, step: Step) -> StepPanel:
        return self.query_one(f"#step-{step.value}", StepPanel)

    def show_step(self) -> None:
        triage = self.triage
        if triage is None:
            return
        self.query_one("#steps", Static).update(step_text(triage.step))
        if triage.step is Step.DONE:
            self.query_one(ContentSwitcher).current = "step-done"
            return
        panel = self.panel(triage.step)
        panel.fill(triage, self.number, self.today, self.label,
                   {c.id: c.title for c in self.model.state.checklists})
        self.query_one(ContentSwitcher).current = panel.id
        if not (self.focused is not None and panel in self.focused.ancestors):  # typing goes on undisturbed
            panel.focus_first()
        self.refresh_preview()

    def open_step(self) -> tuple[Triage, StepPanel] | None:
        """The triage and the panel of its current step, while a step awaits answers."""
        triage = self.triage
        if triage is None or triage.step is Step.DONE:
            return None
        return triage, self.panel(triage.step)

    def action_next_step(self) -> None:
        if (step := self.open_step()) is None:
            return
        triage, panel = step
        try:
            if triage.step is Step.CLASSIFY and not panel.classify_answers()[1].strip():
                raise ReadinessError("the blocker needs a summary: one line saying what blocks you")
            answered = self.answered(triage, panel)
            if triage.step is Step.CLASSIFY:
                same = find_duplicate(self.model.state.blockers, answered)  # the test `readiness triage` applies
                if same is not None:
                    raise duplicate_error(same, "on the blockers screen")
            self.triage = answered
            if triage.step is Step.CONTINUE:
                self.finish(answered)
                return
        except ReadinessError as exc:
            panel.show_error(str(exc))
            return
        self.show_step()

    @staticmethod
    def answered(triage: Triage, panel: StepPanel) -> Triage:
        """The triage with the answers of its current step applied (a bad answer raises ReadinessError): what
        `next` moves to and what the preview shows."""
        if triage.step is Step.CLASSIFY:
            return triage.classify(*panel.classify_answers())
        if triage.step is Step.SCOPE:
            return triage.reduce_scope(panel.deferred(), panel.value("scope"))
        if triage.step is Step.LOG:
            return triage.log(True)
        if triage.step is Step.FOLLOW_UP:
            return triage.plan_follow_up(panel.value("follow-up"), parse_criteria(panel.value("criteria")))
        return triage.choose_next(panel.next_module())

    def action_previous_step(self) -> None:
        if self.triage is not None and self.triage.step not in (Step.CLASSIFY, Step.DONE):
            self.triage = self.triage.back()
            self.show_step()

    @on(Button.Pressed, ".next-step")
    def next_pressed(self) -> None:
        self.action_next_step()

    @on(Button.Pressed, ".previous-step")
    def previous_pressed(self) -> None:
        self.action_previous_step()

    # -- previews ------------------------------------------------------------------------------------------------
    @on(Input.Changed)
    @on(RadioSet.Changed)
    @on(DeferList.Toggled)
    def answers_changed(self) -> None:
        """An answer changed: the error about the previous answers no longer holds."""
        if self.triage is not None and self.triage.step is not Step.DONE:
            self.panel(self.triage.step).show_error("")
        self.refresh_preview()

    def refresh_preview(self) -> None:
        if (step := self.open_step()) is None:
            return
        triage, panel = step
        try:
            if triage.step is Step.CLASSIFY:
                klass, summary, details = panel.classify_answers()
                if klass is None:
                    raise ReadinessError("choose the class above (build, logic, integration or environment)")
                if not summary.strip():
                    raise ReadinessError("type a one-line summary: what blocks you")
                shown = preview(NewBlocker(klass or "", summary, details), self.number, self.today)
            elif triage.step is Step.LOG:
                shown = triage.preview(self.number, self.today)
            elif triage.step is Step.FOLLOW_UP:
                shown = self.answered(triage, panel).ticket(f"B{self.number}", self.today).markdown
            else:  # scope, next: the README entry as the answers would make it
                shown = self.answered(triage, panel).preview(self.number, self.today)
        except ReadinessError as exc:
            panel.show_preview(Text(f"✘ {exc}", style="yellow"))
            return
        panel.show_preview(Text(safe(shown)))

    # -- the end -------------------------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="triage", description="log the blocker")
    def finish(self, triage: Triage) -> None:
        try:
            outcome = finish_triage(self.model.options, triage, self.today)
        except ReadinessError as exc:
            self.post_message(msg.ActionFailed("logging the blocker", str(exc)))
            return
        self.post_message(msg.TriageFinished(outcome))

    @on(msg.ActionFailed)
    def failed(self, event: msg.ActionFailed) -> None:
        event.stop()
        if self.triage is None:  # the context could not be gathered: say so instead of "gathering…" forever
            self.query_one("#step-wait", Static).update(Text(f"✘ {event.error}", style="bold red"))
            self.query_one(ContentSwitcher).current = "step-wait"
        if self.triage is not None and self.triage.step is Step.DONE:
            self.triage = self.triage.back()  # back to step 5 with the answers kept
            self.show_step()
            self.panel(Step.CONTINUE).show_error(event.error)
        self.notify(event.error, title=f"{event.what} failed", severity="error", markup=False, timeout=10)

    @on(msg.TriageFinished)
    def finished(self, event: msg.TriageFinished) -> None:
        outcome = self.outcome = cast(TriageOutcome, event.outcome)  # the message types it `object`
        assert self.triage is not None  # finish() ran on it
        self.query_one(DonePanel).show(outcome, self.triage, self.label)
        self.show_step()
        for warning in outcome.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.model.load_blockers()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """c copies the ticket once there is one; before that it is the app's key (the checklist screen)."""
        if action == "copy_ticket":
            return self.outcome is not None
        return True

    # -- leaving -------------------------------------------------------------------------------------------------
    def unsaved(self) -> bool:
        """Answers were given that nothing has written yet (leaving would lose them)."""
        triage = self.triage
        if triage is None or triage.step is Step.DONE or not self.is_attached:
            return False
        if triage.step is not Step.CLASSIFY:
            return True
        _, summary, details = self.panel(Step.CLASSIFY).classify_answers()
        return bool(summary.strip() or details)

    def confirm_leave(self, then) -> None:
        """Ask before dropping the answers; `then()` runs once the wizard may go (the answers are dropped)."""
        def answered(yes: bool | None) -> None:
            if yes:
                self.triage = None  # nothing unsaved any more: `then` may pop this screen
                then()

        body = Text("The blocker is not logged yet: leaving drops the answers you typed in this wizard.")
        self.app.push_screen(ConfirmScreen("Leave the triage?", body, "Leave and drop the answers?",
                                           yes="Leave", no="Stay"), answered)

    def action_back(self) -> None:
        if self.unsaved():
            self.confirm_leave(super().action_back)
            return
        super().action_back()

    def action_copy_ticket(self) -> None:
        if self.outcome is not None:
            self.app.copy_to_clipboard(self.outcome.ticket.markdown)
            self.notify("follow-up ticket copied to the clipboard", timeout=3)

    @on(Button.Pressed, "#copy-ticket")
    def copy_pressed(self) -> None:
        self.action_copy_ticket()

    @on(Button.Pressed, "#file-issue")
    def file_pressed(self) -> None:
        outcome = self.outcome
        if outcome is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.file_it(outcome)

        body = Text(f"gh issue create --title {safe(outcome.ticket.title)!r} --body-file <the ticket>")
        self.app.push_screen(ConfirmScreen("GitHub", body, "File this ticket on GitHub now?", yes="File it"),
                             confirmed)

    @work(thread=True, exclusive=True, exit_on_error=False, group="gh", description="gh issue create")
    def file_it(self, outcome: TriageOutcome) -> None:
        try:
            url = file_issue(self.model.options, outcome)
        except ReadinessError as exc:
            self.post_message(msg.ActionFailed("gh issue create", str(exc)))
            return
        self.post_message(msg.IssueFiled(url))

    @on(msg.IssueFiled)
    def filed(self, event: msg.IssueFiled) -> None:
        self.notify(f"filed {event.url}", markup=False, timeout=8)

    @on(Button.Pressed, "#done-leave")
    def leave(self) -> None:
        self.model.action_open("dashboard")

