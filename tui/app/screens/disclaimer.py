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
        """The pack's disclaimer and the one button that acknowledges it."""
        with Vertical(id="disclaimer-dialog", classes="dialog"):
            yield Static("Before you read", classes="dialog-title")
            yield Static(literal(self._text), id="disclaimer-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("I understand", id="acknowledge", variant="primary")

    def on_mount(self) -> None:
        """The button has the focus, so enter acknowledges."""
        self.query_one("#acknowledge", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The button acknowledges the disclaimer."""
        event.stop()
        self.dismiss(True)

    def action_acknowledge(self) -> None:
        """escape acknowledges too: either way the reader has seen it."""
        self.dismiss(True)
