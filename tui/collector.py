"""When Python's cyclic garbage collector runs, for work that makes only lasting objects.

CPython starts a collection after every few hundred new container objects, and every
so often a full one that walks every object alive. Loading a pack makes tens of
thousands of objects (parsed JSON, records, nodes) and keeps all of them, so those
collections find nothing while walking a heap that keeps growing. Measured in a
pseudo-terminal, they were about a tenth of the explorer's start-up: one full
collection in the middle of drawing the first frame cost 25–35 ms on the shipped
pack, and two cost 50–90 ms on a pack of 10,000 sections (README, Speed).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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


def settle() -> None:
    """Treat every object alive now as permanent, so later collections never walk it.

    For a long-running process after start-up: the modules, the pack and the user's
    entries live until exit, and collections during use then cost what the screen
    makes, not what was loaded (see :func:`gc.freeze`). No collection runs first: it
    would cost the full walk this avoids, and what little garbage start-up left is
    kept (measured: no change in peak memory).
    """
    gc.freeze()


def spare_exit() -> None:
    """Let the interpreter exit without walking everything still alive.

    While it shuts down, CPython runs full collections as it clears each module, even
    with the collector disabled. Everything the command loaded is still alive then, so
    each of them walks the whole heap to find almost nothing: measured on the shipped
    pack, ``semax-explorer search`` spent 8 ms of its 75 there (README, Speed).
    Frozen objects are skipped by those collections and still freed by reference
    counting; only cycles among them are left for the operating system to reclaim,
    which it does as the process ends. Call it only just before the process exits.
    """
    gc.freeze()
