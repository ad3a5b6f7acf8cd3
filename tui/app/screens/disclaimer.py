"""The medical disclaimer, shown once on first launch."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tui.app.safe import literal
from tui.app.screens.dialog import Dialog


class DisclaimerScreen(Dialog[bool]):
    """Dismissed with True when the reader acknowledges it (enter, the button or escape)."""

    BINDINGS = [Binding("escape", "acknowledge", "Close", show=False)]

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="disclaimer-dialog", classes="dialog"):
            yield Static("Before you read", classes="dialog-title")
            yield Static(literal(self._text), id="disclaimer-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("I understand", id="acknowledge", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#acknowledge", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    def action_acknowledge(self) -> None:
        self.dismiss(True)
