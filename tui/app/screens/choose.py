"""A question with several answers, each a button with its own key: for what would throw
away what the reader wrote, when yes or no is not enough ("Save, Discard or Keep editing")."""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tui.app.safe import literal
from tui.app.screens.dialog import Dialog


class Choice(NamedTuple):
    """One answer: what it returns, its button's words, its key, and how the button looks."""

    value: str
    label: str
    key: str
    variant: str = "default"


class ChoiceScreen(Dialog[str]):
    """Dismissed with the chosen answer's value; escape gives the first answer, which also
    has the focus, so it must be the one that loses nothing."""

    BINDINGS = [Binding("escape", "first", "Keep", show=False)]

    def __init__(self, question: str, choices: tuple[Choice, ...]) -> None:
        super().__init__()
        self._question = question
        self._choices = choices

    def compose(self) -> ComposeResult:
        """The question, and a button per answer named with its key."""
        with Vertical(id="choice-dialog", classes="dialog"):
            yield Static(literal(self._question), id="choice-question")
            with Horizontal(classes="dialog-buttons"):
                for choice in self._choices:
                    yield Button(f"{choice.label} ({choice.key})", id=f"choice-{choice.value}", variant=choice.variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        """The first answer (the safe one) has the focus, so a stray enter loses nothing."""
        self.query(Button).first().focus()

    def on_key(self, event: events.Key) -> None:
        """An answer's key answers (the keys are the dialog's own, so they are read here
        rather than declared as bindings). enter and space press the focused button, whose
        message answers: the key gate holds the keys typed after them until it has
        (:data:`~tui.app.internals.key_order.ACTIVATING_KEYS`)."""
        for choice in self._choices:
            if event.key == choice.key:
                event.stop()
                self.dismiss(choice.value)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button answers with its choice."""
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_first(self) -> None:
        """escape: the first answer, the one that loses nothing."""
        self.dismiss(self._choices[0].value)
