"""UTC timestamps as the user data, exports and backups write them.

Built on :mod:`time` rather than :mod:`datetime`: ``datetime`` loads a C extension
that slows the CLI's start-up (docs/performance.md), and these few formats are all the
app needs. The output is what ``datetime.now(UTC).isoformat()`` would give.
"""

from __future__ import annotations

import time


def utc_iso(*, milliseconds: bool = True, at: float | None = None) -> str:
    """``2026-11-25T08:47:10.123+00:00`` (or without the milliseconds): sortable; for
    stamps that must also never tie, :func:`successive_utc_iso`."""
    moment = time.time() if at is None else at
    return _iso(moment, int(moment * 1000) % 1000 if milliseconds else None)


def _iso(seconds: float, milliseconds: int | None) -> str:
    """The ISO 8601 form both stamps write, in UTC, with or without milliseconds."""
    whole = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
    return whole + ("" if milliseconds is None else f".{milliseconds:03d}") + "+00:00"


class _Last:
    """The instant :func:`successive_utc_iso` last gave, in milliseconds since the epoch."""

    ms = 0


def successive_utc_iso() -> str:
    """Now as :func:`utc_iso` writes it, but always later than the stamp this function
    gave before in this process: a change made in the same millisecond as the one before
    it is stamped a millisecond later, so "most recently changed first" keeps the order
    the changes were made in (with plain milliseconds, two such changes tie, and ties
    are listed by node id)."""
    ms = max(time.time_ns() // 1_000_000, _Last.ms + 1)
    _Last.ms = ms
    return _iso(ms // 1000, ms % 1000)


def file_stamp(at: float | None = None) -> str:
    """``20261125T084710123456Z``: for names of kept files (backups, quarantined databases)."""
    moment = time.time() if at is None else at
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime(moment)) + f"{int(moment * 1_000_000) % 1_000_000:06d}Z"


def local_date() -> str:
    """Today's date where the reader is, ``2026-11-25`` (for default export names)."""
    return time.strftime("%Y-%m-%d")
