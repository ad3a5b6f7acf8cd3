"""Writing CLI results: styled on a terminal, plain in a pipe, always terminal-safe.

Styling uses bare SGR codes rather than Rich so that commands which need no screen
start fast. ``NO_COLOR`` (https://no-color.org) turns styling off.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO

from tui.textsafe import for_terminal

_CODES = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "cyan": "36",
    "yellow": "33",
    "green": "32",
    "red": "31",
}


class Output:
    """A destination for results (stdout by default) that knows if it is a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.is_terminal = _isatty(self.stream)
        self.styled = self.is_terminal and not os.environ.get("NO_COLOR")

    def style(self, text: str, *styles: str) -> str:
        """Wrap already-safe text in SGR codes when styling is on."""
        if not self.styled or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def safe(self, text: str) -> str:
        """Text from a pack or a note, neutralised when it is going to a terminal."""
        return for_terminal(text) if self.is_terminal else text

    def line(self, text: str = "") -> None:
        """Write one line; the caller has made ``text`` safe and styled."""
        self.stream.write(text + "\n")

    def json(self, value: Any) -> None:
        """Write JSON. Non-ASCII is escaped only on a terminal, where it also stays safe."""
        text = json.dumps(value, ensure_ascii=False, indent=2)
        self.line(for_terminal(text) if self.is_terminal else text)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def fail(message: str) -> None:
    """One line on stderr, prefixed with the program name; safe for a terminal."""
    sys.stderr.write(f"semax-explorer: {for_terminal(message)}\n")
