"""The one text field of the explorer: it refuses the characters the screen must not draw.

Textual's ``Input`` draws its value as it is, so a control character pasted into it (an
escape sequence copied from somewhere) would reach the terminal. Every field in the app
is a :class:`SafeInput`, whose ``restrict`` pattern refuses any character that
:func:`tui.textsafe.for_terminal` would change: the paste or keystroke is refused with a
bell, as Textual does for any restricted input, and the field keeps what it had.

Its editing keys (backspace, ctrl+u, enter, ...) act as each key is read, in the order
typed. Textual runs a widget's bindings only once the key has gone up through the screen
to the app, while a typed character is inserted at once, so in a burst (``ctrl+u`` and a
path, as a terminal delivers a paste or fast typing) ``ctrl+u`` cleared the path typed
after it.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from tui.textsafe import UNSAFE_CLASS, for_terminal

EDITING_KEYS = {
    key.strip(): binding.action
    for binding in Input.BINDINGS
    if isinstance(binding, Binding)
    for key in binding.key.split(",")
}
"""Textual's Input keys and the action each runs (``ctrl+u`` → ``delete_left_all``)."""

SAFE_VALUE = f"(?:(?!{UNSAFE_CLASS})(?s:.))*"
"""What a field may hold: any text without a character the screen must not draw."""


class SafeInput(Input):
    """An ``Input`` that never holds a control character, surrogate or bidi override."""

    def __init__(self, value: str | None = None, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("restrict", SAFE_VALUE)
        super().__init__(for_terminal(value) if value else value, *args, **kwargs)

    async def on_key(self, event: events.Key) -> None:
        """An editing key runs its action now, in its place among the keys typed (see the
        module's docstring)."""
        action = EDITING_KEYS.get(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            await self.run_action(action)
