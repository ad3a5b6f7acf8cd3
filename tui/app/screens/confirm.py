"""A yes/no question, for anything that would throw away what the reader wrote."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tui.app.safe import literal
from tui.app.screens.dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Dismissed with True for yes (y, or the yes button), False for no (n, escape)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n,escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self._question = question
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        """The question, and the two buttons named with their keys."""
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(literal(self._question), id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self._no} (n)", id="no")
                yield Button(f"{self._yes} (y)", id="yes", variant="error")

    def on_mount(self) -> None:
        """No has the focus, so a stray enter keeps what the reader wrote."""
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button answers: yes only for the yes button."""
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """y, n or escape answer from the keyboard."""
        self.dismiss(answer)
