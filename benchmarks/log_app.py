"""The baseline for held and burst keys: a screen that only scrolls a one-``Static`` log.

``python benchmarks/log_app.py LINES`` shows ``LINES`` numbered lines in one ``Static``
inside a ``VerticalScroll`` that has focus; ↓ and ↑ scroll it by a line, as they scroll
the explorer's reader (``scroll_relative``, no animation). Whatever a step in the explorer
costs beyond this is the explorer's own work: the key's round trip through Textual, a
scroll and a frame of the same size are in both.
"""

from __future__ import annotations

import sys
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static


class Log(VerticalScroll):
    """The scrolled log; ↓ / ↑ move it a line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "line(1)", priority=True),
        Binding("up", "line(-1)", priority=True),
    ]

    def action_line(self, lines: int) -> None:
        """Scroll by ``lines``, as the explorer's reader does for ↓ and ↑."""
        self.scroll_relative(y=lines, animate=False)


class LogApp(App[None]):
    """One ``Static`` of numbered lines, scrolled."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        """The log, its lines numbered so each step shows a new one at the bottom."""
        with Log():
            yield Static("\n".join(f"log line {n:05d} of a plain log" for n in range(1, self.lines + 1)))

    def on_mount(self) -> None:
        """The log has the keys."""
        self.query_one(Log).focus()


if __name__ == "__main__":
    LogApp(int(sys.argv[1]) if len(sys.argv) > 1 else 1000).run()
