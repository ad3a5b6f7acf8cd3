"""The one text field of the explorer: it refuses the characters the screen must not draw.

Textual's ``Input`` draws its value as it is, so a control character pasted into it (an
escape sequence copied from somewhere) would reach the terminal. Every field in the app
is a :class:`SafeInput`, whose ``restrict`` pattern refuses any character that
:func:`tui.textsafe.for_terminal` would change: the paste or keystroke is refused with a
bell, as Textual does for any restricted input, and the field keeps what it had.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from tui.textsafe import UNSAFE_CLASS, for_terminal

SAFE_VALUE = f"(?:(?!{UNSAFE_CLASS})(?s:.))*"
"""What a field may hold: any text without a character the screen must not draw."""


class SafeInput(Input):
    """An ``Input`` that never holds a control character, surrogate or bidi override."""

    def __init__(self, value: str | None = None, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("restrict", SAFE_VALUE)
        super().__init__(for_terminal(value) if value else value, *args, **kwargs)
