"""Work a widget does once its screen has been laid out again, never lost with a dialog.

Textual runs a ``call_after_refresh`` callback after the next refresh of the screen on
top, whichever screen asked: a callback asked for by the main screen's reader while a
dialog is on top (``j ?`` typed at once: the reader placing the section, the help screen
opening) waits for the dialog's refresh, and is dropped with the dialog if it closes
before that refresh (``j ? escape``). The reader counted the placing as under way for
good, and every key for it waited behind it: the reader never moved again.

:class:`AfterRefresh` asks Textual as before and remembers what it asked until it ran;
when the widget's own screen is back on top (:meth:`AfterRefresh.screen_resumed`), what
did not run is asked again. A callback runs once either way. Only public API is used
(``call_after_refresh``); ``tests/app/test_reader.py`` fails if a dialog's closing still
loses the reader's work.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.widget import Widget


class AfterRefresh:
    """A widget's after-refresh callbacks, each run once, after a dialog closed too."""

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        self._pending: dict[int, Callable[[], Any]] = {}
        """Callbacks asked for and not run yet, by their number."""
        self._asked = 0

    def __call__(self, callback: Callable[..., Any], *args: Any) -> None:
        """Run ``callback(*args)`` once the screen has been laid out and drawn again."""
        self._asked += 1
        number = self._asked
        self._pending[number] = partial(callback, *args)
        self._widget.call_after_refresh(self._run, number)

    def _run(self, number: int) -> Any:
        run = self._pending.pop(number, None)
        return run() if run is not None else None

    def screen_resumed(self) -> None:
        """The widget's screen is on top again (a dialog closed): what waited for a refresh
        of the dialog, which may never have come, is asked for again (and runs once)."""
        for number in list(self._pending):
            self._widget.call_after_refresh(self._run, number)
