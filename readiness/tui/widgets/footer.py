"""The footer: the current screen's keys on the left, `? help` and `^p palette` docked right on every screen.

At 80 columns the screen's keys abbreviate first (their descriptions go, from the last key back, then the keys
themselves), so help and the palette always stay visible. While a text field has focus, printable keys type into
it: the footer then leaves out the keys that would type (and shows `f1 help` instead of `? help`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.keys import _character_to_key  # textual's name of the key that types a character
from textual.widgets import Footer, Input, TextArea
from textual.widgets._footer import FooterKey

HELP_ACTIONS = ("help", "app.help")
PALETTE_ACTIONS = ("command_palette", "app.command_palette")


def typing(app) -> bool:
    """A text field has focus: printable keys go to it, never to a shortcut."""
    return isinstance(app.focused, Input | TextArea)


PRINTABLE_KEYS = frozenset(_character_to_key(chr(code)) for code in range(32, 127))  # `a`, `question_mark`, `space`


def types_text(key: str) -> bool:
    """The key types a character into a text field (a letter, `?`, space…), so it is no shortcut there."""
    return key in PRINTABLE_KEYS


class KeysFooter(Footer):
    """The screen's keys, then help and the palette docked right (never cut)."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)

    def shown_bindings(self) -> list[tuple[Binding, bool, str]]:
        """(binding, enabled, tooltip) of each key the footer offers, one per action, in the screen's order."""
        seen: set[str] = set()
        keys = []
        hide_typing = typing(self.app)
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in HELP_ACTIONS or binding.action in PALETTE_ACTIONS:
                continue
            if hide_typing and types_text(binding.key) or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append((binding, enabled, tooltip))
        return keys

    def plan(self) -> tuple[tuple[str, str, str, str, bool, str], ...]:
        """What the footer shows at its width: (key, key display, description, action, enabled, tooltip) per key,
        the screen's keys first, then the help key and the palette."""
        keys = self.shown_bindings()
        width = (self.size.width or self.app.size.width) - 20  # the right group: ` ? help  ^p palette `
        labels = [(self.app.get_key_display(b), b.description) for b, _, _ in keys]
        full = [len(k) + 1 + len(d) + 1 for k, d in labels]
        bare = [len(k) + 1 for k, _ in labels]
        described = len(keys)  # the first `described` keys keep their description
        while described and sum(full[:described]) + sum(bare[described:]) > width:
            described -= 1
        count = len(keys)
        while count and sum(bare[:count]) > width and described == 0:
            count -= 1
        pairs = zip(keys[:count], labels[:count], strict=True)
        shown = tuple((binding.key, display, binding.description if index < described else "", binding.action,
                       enabled, tooltip or binding.description)
                      for index, ((binding, enabled, tooltip), (display, _)) in enumerate(pairs))
        help_key = ("f1", "f1") if typing(self.app) else ("question_mark", "?")
        return (*shown, (*help_key, "help", "app.help", True, ""), ("ctrl+p", "^p", "palette",
                                                                    "app.command_palette", True, ""))

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        plan = self.plan()
        self._composed = plan
        for key, display, description, action, enabled, tooltip in plan[:-2]:
            yield FooterKey(key, display, description, action, disabled=not enabled,
                            tooltip=tooltip).data_bind(compact=Footer.compact)
        with HorizontalGroup(id="footer-right"):
            for key, display, description, action, _, _ in plan[-2:]:
                yield FooterKey(key, display, description, action).data_bind(compact=Footer.compact)

    async def recompose(self) -> None:
        """Only when what the footer shows changed: textual recomposes it on every focus change, binding update and
        resize (a dozen times while the first screen settles), each time mounting and styling every key again."""
        if self.is_attached and self._bindings_ready and getattr(self, "_composed", None) == self.plan():
            return
        await super().recompose()

    def on_resize(self) -> None:
        if self.is_attached and self._bindings_ready:
            self.call_after_refresh(self.recompose)
