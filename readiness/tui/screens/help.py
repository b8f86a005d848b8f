"""`?`: what this screen is for and every key that works on it (read from the live bindings)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GENERAL = ("Colours always come with a symbol: ✔ pass, ✘ fail, ! warn, ○ awaits you, – does not apply, "
           "⟳ running. ctrl+p opens the command palette (every screen and action by name), ctrl+t switches "
           "between the light and the dark theme, escape goes back, q quits. The mouse works too: click a row, "
           "a column header to sort, a footer key to run it.")


def key_label(key: str) -> str:
    return {"question_mark": "?", "escape": "esc", "space": "space", "slash": "/", "left_square_bracket": "[",
            "right_square_bracket": "]"}.get(key, key)


class HelpScreen(ModalScreen[None]):
    """Keys and purpose of the screen underneath."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss_help", "close")]

    def __init__(self, below: Screen) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold")
        keys.add_column()
        grouped: dict[str, list[str]] = {}
        for key, active in self.below.active_bindings.items():
            binding = active.binding
            extra = binding.action in ("toggle_dark", "app.toggle_dark", "quit", "app.quit")
            if binding.description and (binding.show or extra):
                grouped.setdefault(binding.description.lower(), []).append(binding.key_display or key_label(key))
        for description, names in grouped.items():
            keys.add_row(", ".join(dict.fromkeys(names)), description)
        keys.add_row("ctrl+p", "command palette: every screen and action by name")
        keys.add_row("tab", "next panel")
        purpose = (self.below.__class__.__doc__ or "").strip().splitlines()[0] if self.below.__class__.__doc__ \
            else ""
        below_help = self.below.HELP  # every DOMNode has HELP (None unless the screen sets it)
        with VerticalScroll(id="help-box"):
            yield Static(Text(purpose, style="bold"), id="help-purpose")
            if below_help:
                yield Static(Text(below_help), id="help-extra")
            yield Static(keys, id="help-keys")
            yield Static(Text(GENERAL, style="dim"), id="help-general")

    def on_mount(self) -> None:
        self.query_one("#help-box").border_title = "Help"
        self.query_one("#help-box").border_subtitle = "esc to close"

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
