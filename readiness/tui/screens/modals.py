"""Modal dialogs. Each returns a typed result through `dismiss` (None when cancelled with escape)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioSet, Static

from readiness.core.models import Finding
from readiness.render.formats import safe
from readiness.tui.widgets.common import Choice


@dataclass(frozen=True, slots=True)
class WaiveRequest:
    where: str  # "inline" or "config"
    reason: str


class WaiveScreen(ModalScreen[WaiveRequest | None]):
    """Waive a finding: a reason (required) and where the waiver goes."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, finding: Finding, config_name: str) -> None:
        super().__init__()
        self.finding = finding
        self.config_name = config_name

    def compose(self) -> ComposeResult:
        f = self.finding
        where = f"{f.path}:{f.line}" if f.line is not None else f.path
        with Vertical(classes="dialog", id="waive-dialog"):
            yield Static(Text(f"Waive {f.rule} at {safe(where)}"), classes="question")
            yield Input(placeholder="why is this acceptable? (required)", id="waive-reason", max_length=200)
            with RadioSet(id="waive-where"):
                yield Choice("inline comment above the line", value=f.line is not None, id="waive-inline",
                                  disabled=f.line is None)
                yield Choice(f"waiver in {self.config_name} (by finding id)", value=f.line is None,
                                  id="waive-config")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Waive", variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#waive-dialog").border_title = "Waive finding"
        self.query_one("#waive-reason", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        reason = self.query_one("#waive-reason", Input).value.strip()
        if not reason:
            self.notify("a waiver needs a reason", severity="warning")
            self.query_one("#waive-reason", Input).focus()
            return
        inline = self.query_one("#waive-inline", Choice).value
        self.dismiss(WaiveRequest("inline" if inline else "config", reason))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class TextScreen(ModalScreen[str | None]):
    """Ask for one line of text (a note); enter accepts, escape cancels. Empty text is allowed."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, title: str, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.question, self.value, self.placeholder = title, question, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="text-dialog"):
            yield Static(Text(self.question), classes="question")
            yield Input(value=self.value, placeholder=self.placeholder, id="text-value", max_length=300)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("OK", variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#text-dialog").border_title = self.title_text
        self.query_one("#text-value", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        self.dismiss(self.query_one("#text-value", Input).value.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question with the facts behind it (the trust prompt, writing a README entry)."""

    BINDINGS = [Binding("escape,n", "no", "no"), Binding("y", "yes", "yes")]

    def __init__(self, title: str, body: Text | str, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.title_text, self.body, self.question, self.yes, self.no = title, body, question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Static(self.body if isinstance(self.body, Text) else Text(self.body), id="confirm-body")
            yield Static(Text(self.question), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.no} (n)", id="no")
                yield Button(f"{self.yes} (y)", variant="primary", id="yes")

    def on_mount(self) -> None:
        self.query_one("#confirm-dialog").border_title = self.title_text
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)
