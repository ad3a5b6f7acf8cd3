"""Start-up policy, in one place: when Python's garbage collector runs, and the frame rate.

The collector: for work that makes only lasting objects.

CPython starts a collection after every few hundred new container objects, and every
so often a full one that walks every object alive. Loading a pack makes tens of
thousands of objects (parsed JSON, records, nodes) and keeps all of them, so those
collections find nothing while walking a heap that keeps growing. Measured in a
pseudo-terminal, they were a real share of the explorer's start-up, above all a full
collection in the middle of drawing the first frame, and more so on a large pack
(docs/performance.md). The same holds for the rest of the explorer's start-up, so the
launch holds the collector off until the first frame is drawn and then freezes what
was built (:func:`hold`, :func:`release`).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

FRAME_RATE = "120"
"""The most frames a second the explorer draws (Textual's ``TEXTUAL_FPS``; its default is 60).

Textual starts drawing a change at its next frame slot, so at 60 a key could wait up to
17 ms before its frame was begun, and at 120 up to 8 (docs/performance.md). Frames are
drawn only when something changed, so the rate costs nothing while the reader reads."""


def set_frame_rate() -> None:
    """Ask Textual for :data:`FRAME_RATE` (read once, when Textual is imported); a
    ``TEXTUAL_FPS`` the user set is kept."""
    os.environ.setdefault("TEXTUAL_FPS", FRAME_RATE)


@contextmanager
def paused() -> Iterator[None]:
    """No collections inside the block; garbage made there is collected after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Hold:
    """Whether :func:`hold` stopped the collector and neither :func:`release` nor
    :func:`resume` has run since."""

    on = False


def hold() -> None:
    """No collections until :func:`release`: for the explorer's start-up, up to its first frame.

    From the launch to the first frame, the explorer imports Textual and its own modules,
    loads the pack, and builds and styles its widgets: nearly every object made is kept
    until exit, so the young collections that run every few hundred of them find almost
    nothing. Measured in a pseudo-terminal on the shipped pack, they were a noticeable
    share of start-up (docs/performance.md).
    """
    if gc.isenabled():
        gc.disable()
        _Hold.on = True


def release() -> None:
    """After the first frame: treat every object alive now as permanent, so later
    collections never walk it, and let the collector run again (a no-op unless
    :func:`hold` stopped it).

    The modules, the pack and the user's entries live until exit, so collections during
    use then cost what the screen makes, not what start-up built (see :func:`gc.freeze`).
    No collection runs first: the little cyclic garbage start-up made is kept, where a
    full collection here would walk the whole heap to free it (measured:
    docs/performance.md).
    """
    if _Hold.on:
        gc.freeze()
        resume()


def lasting() -> None:
    """Treat every object alive now as permanent, as :func:`release` did at start-up: for
    work after the first frame that builds what is kept until exit (the search index,
    built off the UI thread a second after start).

    Left unfrozen, a 10,000-section pack's index was walked by every full collection
    while the reader was being used, one of them in the middle of a burst of keys
    (docs/performance.md). Only where start-up's heap is frozen (:func:`release`),
    which is the explorer's own process: asked by the collector itself, not by a flag
    that could outlive an unfreeze. A process that runs many apps, as the tests do, would
    otherwise keep every app's leftovers for good.
    """
    if gc.get_freeze_count():
        gc.freeze()


def resume() -> None:
    """Let the collector run again, freezing nothing: start-up ended before a first
    frame (a bad argument, an error), or it ended after one and this is a no-op."""
    if _Hold.on:
        _Hold.on = False
        gc.enable()


def spare_exit() -> None:
    """Let the interpreter exit without walking everything still alive.

    While it shuts down, CPython runs full collections as it clears each module, even
    with the collector disabled. Everything the command loaded is still alive then, so
    each of them walks the whole heap to find almost nothing: measured on the shipped
    pack, a noticeable share of a short command such as ``semax-explorer search``
    (docs/performance.md).
    Frozen objects are skipped by those collections and still freed by reference
    counting; only cycles among them are left for the operating system to reclaim,
    which it does as the process ends. Call it only just before the process exits.
    """
    gc.freeze()
