"""Work that must wait until a screen has been laid out with a change in it.

A change of styles (a class toggled to show the tree, a width set) reaches the screen's
layout some frames later: Textual applies the stylesheet when the app is next idle, and
lays the screen out when the screen is next idle after that. Callbacks after the next
refresh (``call_after_refresh``) can run before either: after ``s`` two of them had both
run, 18 ms later, with no layout between, and a page key read then paged the tree by its
height of 0 rows.

:class:`LayoutWaits` listens to Textual's public ``Screen.screen_layout_refresh_signal``,
published at the end of every layout, and runs each wait's work after the first layout at
which its condition holds (the tree displayed as asked, say), looked at as that layout
ends: so the work sees the widgets' new sizes, never the sizes from before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.widget import Widget


class LayoutWaits:
    """Work waiting for a screen's layout, each with the condition the layout must meet."""

    def __init__(self, screen: Screen[Any], subscriber: Widget) -> None:
        """``subscriber``: a widget of the screen, whose queue runs the work (Textual's
        signals are kept per subscribing widget)."""
        self._screen = screen
        self._subscriber = subscriber
        self._waits: list[tuple[Callable[[], bool], Callable[[], object]]] = []
        self._listening = False

    def add(self, ready: Callable[[], bool], then: Callable[[], object]) -> None:
        """Run ``then`` after the first layout of the screen at which ``ready()`` holds (a
        layout is asked for now, so one comes)."""
        if not self._listening:
            if not self._subscriber.is_running:  # not mounted yet: its first layout is to come
                self._screen.call_after_refresh(then)
                return
            self._screen.screen_layout_refresh_signal.subscribe(self._subscriber, self._laid_out, immediate=True)
            self._listening = True
        self._waits.append((ready, then))
        self._screen.refresh(layout=True)

    def _laid_out(self, _screen: Screen[Any]) -> None:
        """A layout ended: the work whose condition it meets runs next (not inside the
        layout), in the order it was asked for."""
        if not self._waits:
            return
        waiting = []
        for ready, then in self._waits:
            if ready():
                self._subscriber.call_next(then)
            else:
                waiting.append((ready, then))
        self._waits = waiting
