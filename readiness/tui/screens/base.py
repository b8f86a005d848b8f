"""The base of every full screen: it follows the app's model and redraws when a topic it shows changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding
from textual.screen import Screen

from readiness.tui.model import VERDICT_CHECKLISTS, verdict
from readiness.tui.widgets.header import RepoHeader, VerdictBar

if TYPE_CHECKING:
    from readiness.tui.app import ReadinessApp


class ModelScreen(Screen):
    """Subscribes to `app.model_changed`; subclasses implement `redraw(topic)` (topic "all" on mount)."""

    TOPICS: ClassVar[frozenset[str]] = frozenset({"summary", "progress", "findings", "checklists", "gates",
                                                   "blockers"})
    TITLE_TEXT: str = ""  # a class default; a screen may set its own per instance (the checklist's title)
    BINDINGS = [Binding("escape", "back", "back")]

    @property
    def model(self) -> ReadinessApp:
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.model.model_changed.subscribe(self, self._changed)
        self.redraw("all")

    def on_resize(self) -> None:
        if self.is_attached:
            self.call_after_refresh(self.redraw, "all")

    def _changed(self, topic: str) -> None:
        if topic in self.TOPICS and self.is_attached:
            self.redraw(topic)

    def redraw(self, topic: str) -> None:
        """Redraw what depends on `topic` ("all" for everything)."""
        for header in self.query(RepoHeader):
            header.show(self.model.state.summary, self.TITLE_TEXT)
        for bar in self.query(VerdictBar):
            app = self.model
            cfg = app.state.result.config if app.state.result else None
            fail_on, required, strict = app.state.early_settings or ("error", VERDICT_CHECKLISTS, False)
            if cfg:
                fail_on, required, strict = cfg["fail_on"], cfg["checklists_required"], bool(cfg["strict"])
            bar.show(verdict(app.state.findings, app.state.checklists, tuple(app.state.gate_results.values()), fail_on,
                             required=required, strict=strict, evaluated=app.state.checklists_ready,
                             error=app.state.scan_error),
                     app.state.scanning, app.state.progress, app.state.live)

    def on_key(self, event: events.Key) -> None:
        """Say which screen a key was typed on: the app sends a key typed ahead (queued before the screen that an
        earlier key opened took over) on to the screen now on top instead of running a shortcut with it."""
        event.typed_on = self  # type: ignore[attr-defined]

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
