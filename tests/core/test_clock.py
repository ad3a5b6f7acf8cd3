"""The timestamps written without datetime read exactly as datetime writes them."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from itertools import pairwise

import pytest

from tui.clock import file_stamp, local_date, successive_utc_iso, utc_iso

# Exactly representable instants, including the edges of a second and of a year.
MOMENTS = [0.0, 1764060517.25, 1767225599.5, 1767225600.0, 4102444799.125, 951782400.0]


@pytest.mark.parametrize("moment", MOMENTS)
def test_utc_iso_matches_datetime(moment: float) -> None:
    expected = datetime.fromtimestamp(moment, UTC)
    assert utc_iso(at=moment) == expected.isoformat(timespec="milliseconds")
    assert utc_iso(milliseconds=False, at=moment) == expected.isoformat(timespec="seconds")


@pytest.mark.parametrize("moment", MOMENTS)
def test_file_stamp_matches_datetime(moment: float) -> None:
    assert file_stamp(moment) == datetime.fromtimestamp(moment, UTC).strftime("%Y%m%dT%H%M%S%fZ")


def test_now_is_now_and_sorts() -> None:
    first = utc_iso()
    time.sleep(0.002)
    second = utc_iso()
    assert first < second
    parsed = datetime.fromisoformat(second)
    assert abs(parsed.timestamp() - time.time()) < 5
    assert local_date() == datetime.now().date().isoformat()


def test_successive_stamps_never_tie_and_read_as_now() -> None:
    # A thousand in a row fall many to a millisecond: each is still later than the last.
    stamps = [successive_utc_iso() for _ in range(1000)]
    assert all(earlier < later for earlier, later in pairwise(stamps))
    for stamp in (stamps[0], stamps[-1]):
        parsed = datetime.fromisoformat(stamp)
        assert stamp == parsed.isoformat(timespec="milliseconds")
        assert abs(parsed.timestamp() - time.time()) < 5
