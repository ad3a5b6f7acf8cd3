"""Keys handled one at a time, each once the key before it has done all it does.

Textual hands a key to the focused widget through that widget's queue, and the key comes
back to the app (bubbling up from widget to screen) before the bindings of the widget, the
screen and the app are looked at: those run only when it is back. Meanwhile the app has
read and handed on the keys typed after it. A burst typed faster than that round trip
(over SSH, keys typed ahead, a paste of keys) was handled out of step with its bindings:

- ``B escape G``: the ``G`` reached the bookmarks list, already handed on, and was lost when
  ``escape`` closed the list; typed slowly, ``G`` goes to the last row of the tree.
- ``b B d escape``: the ``escape`` went to the list before ``d`` opened its confirmation,
  so the confirmation stayed open.
- ``? escape j``: the ``j`` was lost with the help screen.

:class:`KeyOrder` is the one gate: a key read while the key before it is still on its way
waits, and is read again once that key is done. A key is done when it comes back to the
app and its bindings have run; a key a widget keeps (a character typed into a field) never
comes back, so then a probe follows it up the widgets it went through, behind it in each
one's queue, and the key is done when the probe reaches the app. A probe lost with a
widget that closed meanwhile (a dialog dismissed) is covered by :data:`KEY_PATIENCE`.
A key is also held while the screen on top is not mounted yet (a dialog just opened):
read then, it would reach the screen before the field that should have it.

It depends on how Textual dispatches keys (``App.on_event``, ``Event.is_forwarded``);
``tests/app/test_reading_keys.py`` types bursts against the same keys typed slowly, so a
Textual that dispatches otherwise fails there.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.timer import Timer

KEY_PATIENCE = 0.5
"""Seconds a key's probe may take before the keys behind it are let go anyway."""

SCREEN_WAIT = 0.01
"""Seconds between looks at whether the screen on top has mounted, while keys wait for it."""


class KeyOrder:
    """The app's keys, handled one at a time, in the order they were typed."""

    def __init__(self, app: App[Any], dispatch: Callable[[events.Key], Awaitable[None]]) -> None:
        """``dispatch`` hands a key to Textual (the app's own ``on_event``)."""
        self._app = app
        self._dispatch = dispatch
        self._in_flight: events.Key | None = None
        """The key handed on and not yet done."""
        self._path: list[MessagePump] = []
        """The widgets the key in flight was handed to and may bubble through, then the app."""
        self._probing = False
        self._waiting: deque[events.Key] = deque()
        """Keys read while another was in flight, in the order they were typed."""
        self._released: events.Key | None = None
        """The waiting key let go and posted to the app again: read as the next key."""
        self._patience: Timer | None = None

    @property
    def waiting(self) -> int:
        """How many keys wait behind the one in flight."""
        return len(self._waiting)

    async def read(self, event: events.Key) -> bool:
        """Handle a key the app was given; False if it is not this gate's to handle (a key
        coming back to the app, which Textual handles as before)."""
        if event.is_forwarded:
            if event is self._in_flight:
                await self._dispatch(event)  # its bindings run now
                self._done(event)
                return True
            return False
        if event is self._released:
            self._released = None
        elif self._in_flight is not None or self._waiting or self._released is not None or not self._screen_ready():
            self._waiting.append(event)
            self._follow()
            return True
        await self._hand_on(event)
        return True

    async def _hand_on(self, event: events.Key) -> None:
        app = self._app
        target: DOMNode = app.focused or app.screen
        self._in_flight = event
        self._path = [target, *target.ancestors]
        await self._dispatch(event)
        if not event.is_forwarded:  # an app's priority binding took it: done already
            self._done(event)
        elif self._waiting:  # keys wait behind it already: follow it now
            self._follow()

    def _screen_ready(self) -> bool:
        return self._app.screen.is_mounted

    def _follow(self) -> None:
        """Keys wait: make sure the one in flight is followed to its end (or the screen
        on top looked at again), so they do not wait for good."""
        if self._in_flight is None:
            self._app.set_timer(SCREEN_WAIT, self._release)
            return
        if not self._probing:
            self._probing = True
            self._probe(self._in_flight, 0)
        if self._patience is None:
            self._patience = self._app.set_timer(KEY_PATIENCE, partial(self._done, self._in_flight))

    def _probe(self, key: events.Key, hop: int) -> None:
        """Behind ``key`` in the queue of each widget it may pass through: after the last
        (the app), the key is done whether or not it came back."""
        if self._in_flight is not key:
            return
        while hop < len(self._path):
            node = self._path[hop]
            if node.call_later(self._probe, key, hop + 1):
                return
            hop += 1  # closed: nothing more comes from it
        self._done(key)

    def _done(self, key: events.Key) -> None:
        if self._in_flight is not key:
            return
        self._in_flight = None
        self._path = []
        self._probing = False
        if self._patience is not None:
            self._patience.stop()
            self._patience = None
        self._release()

    def _release(self) -> None:
        """Let the next waiting key go, through the app's queue (what the last key caused
        and posted is read first, as it would be between keys typed slowly)."""
        if self._in_flight is not None or self._released is not None or not self._waiting:
            return
        if not self._screen_ready():
            self._app.set_timer(SCREEN_WAIT, self._release)
            return
        self._released = self._waiting.popleft()
        self._app.post_message(self._released)
