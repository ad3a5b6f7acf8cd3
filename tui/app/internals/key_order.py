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
read then, it would reach the screen before the field that should have it. A paste takes
its turn with the keys (typed ahead of it, they come first).

A command whose work ends later than its key (the reader still placing a node, a note
saved once the keys before ``ctrl+s`` are in it, a dialog pushed from a worker) holds the
gate (:func:`hold_keys`) until it is done: ``a h i ctrl+s j`` saved ``hij``, the ``j``
typed into the note before the editor closed. Characters typed into a field while the
character before them is still on its way go on at once: a field takes them in order,
and a run of typed text is not slowed to one character a round trip.

It depends on how Textual dispatches keys (``App.on_event``, ``Event.is_forwarded``);
``tests/app/test_reading_keys.py`` types bursts against the same keys typed slowly, so a
Textual that dispatches otherwise fails there.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from functools import partial
from time import monotonic
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump
from textual.timer import Timer
from textual.widgets import Input, TextArea

KEY_PATIENCE = 0.5
"""Seconds between looks at whether what the keys wait for is still on its way: a key's
probe queued behind a widget that still runs, a dialog still mounting, a key let go and not
yet read back (see :meth:`KeyOrder._owed`). Once nothing is, the keys go on."""

KEY_PATIENCE_LIMIT = 5.0
"""Seconds keys wait, at most, for what is still on its way. Under load (CI, with the
machine's cores busy) a dialog took longer than :data:`KEY_PATIENCE` to mount and a probe
longer to get through a widget's queue; keys let go then reached the wrong widget (``b B d
tab enter`` at once pressed Keep where typed slowly it pressed Delete)."""

SCREEN_WAIT = 0.01
"""Seconds between looks at whether the screen on top has mounted, while keys wait for it."""

HOLD_PATIENCE = 2.0
"""Seconds a command may hold the keys (see :meth:`KeyOrder.hold`) before they go on anyway."""


def _nothing() -> None:
    """A callback that does nothing: posted to learn whether a queue still takes callbacks."""


Typed = events.Key | events.Paste
"""What the gate orders: keys, and pastes among them."""


ACTIVATING_KEYS = frozenset({"enter", "space"})
"""Keys that press, choose or submit: what they do is often a message read after them
(a button's press, a list's choice, a field's submission), which may close a dialog. The
gate follows what such a key posted before the next key goes (:meth:`KeyOrder._follow_aftermath`);
other keys act in their bindings, and following theirs too made a burst in a dialog twice
as slow."""


def _activates(event: Typed) -> bool:
    return isinstance(event, events.Key) and event.key in ACTIVATING_KEYS


class KeyHold:
    """Keys wait while this is held: released once (again does nothing)."""

    def __init__(self, gate: KeyOrder | None) -> None:
        self._gate = gate

    def release(self) -> None:
        """The command's work is done: the keys after it go on."""
        gate, self._gate = self._gate, None
        if gate is not None:
            gate._let_go(self)

    def __enter__(self) -> KeyHold:
        return self

    def __exit__(self, *exc: object) -> None:
        """However the command's work ends (done, failed, cancelled), the keys go on."""
        self.release()


def hold_keys(app: App[Any]) -> KeyHold:
    """Hold the app's keys until the returned hold is released (a command whose work ends
    after its key). An app without the gate holds nothing."""
    gate = getattr(app, "key_order", None)
    return gate.hold() if isinstance(gate, KeyOrder) else KeyHold(None)


class KeyOrder:
    """The app's keys, handled one at a time, in the order they were typed."""

    def __init__(self, app: App[Any], dispatch: Callable[[Typed], Awaitable[None]]) -> None:
        """``dispatch`` hands a key to Textual (the app's own ``on_event``)."""
        self._app = app
        self._dispatch = dispatch
        self._in_flight: Typed | None = None
        """The key handed on and not yet done."""
        self._path: list[MessagePump] = []
        """The widgets the key in flight was handed to and may bubble through, then the app."""
        self._probing = False
        self._probes = 0
        """Probes started so far: only the latest one's end counts (see :meth:`_probe`)."""
        self._waiting: deque[Typed] = deque()
        """Keys read while another was in flight, in the order they were typed."""
        self._released: Typed | None = None
        """The waiting key let go and posted to the app again: read as the next key."""
        self._patience: Timer | None = None
        self._lost: Typed | None = None
        """A key let go that the app's queue passed by without reading it (see :meth:`_passed_by`)."""
        self._probe_at: tuple[MessagePump, bool] | None = None
        """Where the probe waits: a widget's queue, or (True) the screen's next frame."""
        self._holds: set[KeyHold] = set()
        """Commands whose work is not done yet (see :meth:`hold`)."""
        self._handed = 0
        """Keys handed on so far: the watch (see :meth:`_watch`) looks whether this moved."""
        self._watching = False
        self._recent: deque[Typed] = deque(maxlen=64)
        """The last keys handed on: one that arrives again (a released key handed on by
        the watch, then delivered late) is not handled twice."""

    @property
    def waiting(self) -> int:
        """How many keys wait behind the one in flight."""
        return len(self._waiting)

    @property
    def at_rest(self) -> bool:
        """Whether every key read so far has been handed on (none waits, none is let go
        and on its way back, no command holds them): what a test waits for after typing,
        as a person waits to see the screen."""
        return not (self._waiting or self._released is not None or self._holds)

    def hold(self) -> KeyHold:
        """Keys wait until the hold is released, or :data:`HOLD_PATIENCE` has passed."""
        kept = KeyHold(self)
        self._holds.add(kept)
        self._app.set_timer(HOLD_PATIENCE, kept.release)
        return kept

    def _let_go(self, kept: KeyHold) -> None:
        self._holds.discard(kept)
        self._release()

    async def read(self, event: Typed) -> bool:
        """Handle a key or paste the app was given; False if it is not this gate's to handle
        (one coming back to the app, which Textual handles as before)."""
        if event.is_forwarded:
            if event is self._in_flight:
                await self._dispatch(event)  # its bindings run now
                if self._waiting and _activates(event):  # what it posted is read before the next key
                    self._stop_following()
                    self._follow_aftermath()
                    self._follow()
                else:
                    self._done(event)
                return True
            return False
        if any(event is seen for seen in self._recent):
            return True  # handed on already (see _watch)
        if event is self._released:
            self._released = None
            if not self._screen_ready():  # a dialog opened meanwhile: its field is not there yet
                self._waiting.appendleft(event)
                self._follow()
                return True
        elif self._typed_on(event):
            pass  # into the same field as the character before it: in order there
        elif self._busy():
            self._waiting.append(event)
            self._follow()
            return True
        await self._hand_on(event)
        return True

    def _busy(self) -> bool:
        return bool(
            self._in_flight is not None
            or self._waiting
            or self._released is not None
            or self._holds
            or not self._screen_ready()
        )

    def _typed_on(self, event: Typed) -> bool:
        """Whether ``event`` is a character typed into the field that the character in
        flight went to, with nothing waiting: the field takes both in order."""
        flying = self._in_flight
        if not isinstance(event, events.Key) or not isinstance(flying, events.Key):
            return False
        if not (event.is_printable and flying.is_printable) or self._waiting or self._released or self._holds:
            return False
        field = self._app.focused
        return isinstance(field, Input | TextArea) and bool(self._path) and self._path[0] is field

    async def _hand_on(self, event: Typed) -> None:
        app = self._app
        target: DOMNode = app.focused or app.screen
        self._stop_following()
        self._in_flight = event
        self._path = [target, *target.ancestors]
        self._handed += 1
        self._recent.append(event)
        await self._dispatch(event)
        if not event.is_forwarded:  # an app's priority binding took it: done already
            self._done(event)
        elif self._waiting:  # keys wait behind it already: follow it now
            self._follow()

    def _follow_aftermath(self) -> None:
        """The key's bindings ran: the probe follows what they posted. On a dialog that is
        every widget of it, deepest first, twice (the palette's field posts that it was
        submitted; the palette then chooses in its list, which posts the choice back up, and
        the palette closes and leaves the command to the app); on the main screen, with
        many widgets, the ones the key passed through."""
        app = self._app
        if len(app.screen_stack) > 1:
            nodes = list(app.screen.walk_children(with_self=True, method="breadth"))
            nodes.reverse()
            self._path = [*nodes, *nodes, app]

    def _screen_ready(self) -> bool:
        return self._app.screen.is_mounted

    def _follow(self) -> None:
        """Keys wait: make sure the one in flight is followed to its end (or the screen
        on top looked at again), so they do not wait for good."""
        if not self._watching:
            self._watching = True
            self._app.set_timer(KEY_PATIENCE, partial(self._watch, self._handed))
        if self._in_flight is None:
            self._app.set_timer(SCREEN_WAIT, self._release)
            return
        if not self._probing:
            self._probing = True
            self._probes += 1
            self._probe(self._in_flight, 0, self._probes)
        if self._patience is None:
            self._patience = self._app.set_timer(
                KEY_PATIENCE, partial(self._probe_patience_over, self._in_flight, monotonic())
            )

    def _probe_patience_over(self, key: Typed, since: float) -> None:
        """The probe of the key in flight is not back: while it still waits in a queue that
        runs (and not for :data:`KEY_PATIENCE_LIMIT` yet), look again later; else it was
        lost with a widget that closed, and the key is done."""
        if self._in_flight is not key:
            return
        if self._probe_owed() and monotonic() - since < KEY_PATIENCE_LIMIT:
            self._patience = self._app.set_timer(KEY_PATIENCE, partial(self._probe_patience_over, key, since))
            return
        self._done(key)

    def _probe_owed(self) -> bool:
        """Whether the probe waits where it will be run: a widget's queue still open, or
        the next frame of the screen still on top."""
        if not self._probing or self._probe_at is None:
            return False
        node, after_frame = self._probe_at
        if after_frame and node is not self._app.screen:
            return False
        return node.call_later(_nothing)  # refused by a closed or closing queue

    def _owed(self) -> bool:
        """Whether what the waiting keys wait for is still on its way: the screen on top
        still mounting, the key in flight's probe, a key let go and still in the app's queue."""
        released = self._released is not None and self._lost is not self._released
        return not self._screen_ready() or released or self._probe_owed()

    async def _watch(self, handed: int, since: float | None = None) -> None:
        """No key waits for good, whatever was missed (a probe, a released key): keys
        waited and none was handed on meanwhile, nor is anything they wait for still on its
        way (or it has been :data:`KEY_PATIENCE_LIMIT`), so the next one is handed on now
        (the screen on top mounted or not). A command holding the keys is waited for up to
        :data:`HOLD_PATIENCE` (its own timer releases it)."""
        self._watching = False
        if not (self._waiting or self._released is not None):
            return
        since = monotonic() if since is None else since
        if handed == self._handed and self._owed() and monotonic() - since < KEY_PATIENCE_LIMIT:
            self._watching = True
            self._app.set_timer(KEY_PATIENCE, partial(self._watch, handed, since))
            return
        if handed == self._handed and not self._holds:  # a hold has its own patience
            released, self._released = self._released, None
            self._in_flight = None
            self._path = []
            self._stop_following()
            await self._hand_on(released if released is not None else self._waiting.popleft())
        if self._waiting:
            self._follow()

    def _probe(self, key: Typed, hop: int, probe: int) -> None:
        """Behind ``key`` in the queue of each widget it may pass through: after the last
        (the app), the key is done whether or not it came back. Started again once the key
        has come back and its bindings ran, it follows what they posted (an option chosen,
        a button pressed: a dialog's closing) to the screen below a dialog they closed."""
        if self._in_flight is not key or probe != self._probes:
            return
        while hop < len(self._path):
            node = self._path[hop]
            if node.call_later(self._probe, key, hop + 1, probe):
                self._probe_at = (node, False)
                return
            hop += 1  # closed: nothing more comes from it
        top = self._app.screen
        if top not in self._path:  # the key closed a dialog: the screen beneath, then the app
            self._path += [top, self._app]
            # After its next frame: what the dialog left to run then (the palette's command) runs first.
            if top.call_after_refresh(self._probe, key, hop + 1, probe):
                self._probe_at = (top, True)
                return
        self._done(key)

    def _done(self, key: Typed) -> None:
        if self._in_flight is not key:
            return
        self._in_flight = None
        self._path = []
        self._stop_following()
        self._release()

    def _stop_following(self) -> None:
        self._probing = False
        self._probe_at = None
        if self._patience is not None:
            self._patience.stop()
            self._patience = None

    def _release(self) -> None:
        """Let the next waiting key go, through the app's queue (what the last key caused
        and posted is read first, as it would be between keys typed slowly)."""
        if self._in_flight is not None or self._released is not None or self._holds or not self._waiting:
            return
        if not self._screen_ready():
            self._app.set_timer(SCREEN_WAIT, self._release)
            return
        self._released = self._waiting.popleft()
        self._app.post_message(self._released)
        self._app.call_later(self._passed_by, self._released)

    def _passed_by(self, key: Typed) -> None:
        """Posted right behind a key let go: the app's queue has passed it. Not read back
        by now, it was lost on its way, and the watch hands it on (see :meth:`_owed`)."""
        if self._released is key:
            self._lost = key
