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
           "between the light and the dark theme, escape goes back, q quits (ctrl+c at once). The screen keys "
           "(c f g b t d) work on every screen; while a text field has focus every printable key types into it (f1 "
           "opens this help there). The mouse works too: click a row, a column header to sort, a footer key to "
           "run it.")


def key_label(key: str) -> str:
    return {"question_mark": "?", "escape": "esc", "space": "space", "slash": "/", "left_square_bracket": "[",
            "right_square_bracket": "]"}.get(key, key)


INTERNAL = ("exit",)  # ctrl+c quits at once: said in GENERAL, not a row of its own


def ours(node: object, key: str) -> bool:
    """The binding of `key` on `node` is readiness's own (not a textual widget's cursor keys)."""
    for cls in type(node).__mro__:
        if cls.__module__.startswith("readiness.") and any(
                key in [k.strip() for k in b.key.split(",")] for b in cls.__dict__.get("BINDINGS", ())
                if isinstance(b, Binding)):
            return True
    return False


def key_rows(screen: Screen) -> list[tuple[str, str, str]]:
    """(where, keys, what) of every binding with a description that works on `screen` now: its own keys
    (and its focused widget's), then the app's keys that work everywhere; the footer shows a subset of these."""
    from textual.app import App

    rows: dict[tuple[str, str], list[str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.action.removeprefix("app.") in INTERNAL or not ours(active.node, key):
            continue
        where = "everywhere" if isinstance(active.node, App) else "this screen"
        rows.setdefault((where, binding.description.lower()), []).append(binding.key_display or key_label(key))
    ordered = sorted(rows.items(), key=lambda item: item[0][0] != "this screen")  # stable: screen keys first
    listed = [(where, ", ".join(dict.fromkeys(keys)), what) for (where, what), keys in ordered]
    listed.append(("everywhere", "ctrl+p", "command palette: every screen and action by name"))
    listed.append(("everywhere", "tab", "next panel"))
    return listed


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
        section = ""
        for where, names, what in key_rows(self.below):
            if where != section:
                section = where
                keys.add_row(Text(f"{where.capitalize()}:", style="dim"), "")
            keys.add_row(names, what)
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
