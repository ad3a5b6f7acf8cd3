"""Bookmark toggles, durably written, at 1,000 and 10,000 existing items, beside plain TinyDB.

The baseline is TinyDB's own JSONStorage inserting the same documents: no atomic
replace, no fsync, no lock. Both run in the same process, interleaved.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from tinydb import TinyDB

from benchmarks.stats import median, p95
from tui.store import UserStore


def _seed(store: UserStore, items: int) -> None:
    """Fill a store with ``items`` bookmarks and notes in one write."""
    stamp = "2026-01-01T00:00:00.000+00:00"
    bookmarks = {str(i): {"node_id": f"topic/seed-{i}", "created": stamp} for i in range(1, items // 2 + 1)}
    notes = {
        str(i): {"node_id": f"topic/seed-{i}", "text": f"note {i} " * 8, "created": stamp, "updated": stamp}
        for i in range(1, items - items // 2 + 1)
    }
    store._storage.write({"settings": {"1": {"schema_version": 1}}, "bookmarks": bookmarks, "notes": notes})


def run(items: int, toggles: int = 100) -> dict[str, list[float]]:
    """Milliseconds per toggle for the store and per insert for plain TinyDB."""
    with tempfile.TemporaryDirectory() as tmp:
        store = UserStore.open(Path(tmp) / "store")
        _seed(store, items)
        plain = TinyDB(Path(tmp) / "plain.json")
        plain.storage.write(store._storage.read() or {})  # the same data, TinyDB's own storage
        ours: list[float] = []
        theirs: list[float] = []
        for i in range(toggles):
            start = time.perf_counter()
            store.toggle_bookmark(f"bench/{i}")
            ours.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            plain.table("bookmarks").insert({"node_id": f"bench/{i}", "created": "x"})
            theirs.append((time.perf_counter() - start) * 1000)
        plain.close()
        store.close()
    return {"store": ours, "tinydb": theirs}


if __name__ == "__main__":
    for size in (1_000, 10_000):
        result = run(size)
        print(
            f"{size:>6} items: store p50 {median(result['store']):.1f} ms p95 {p95(result['store']):.1f} ms; "
            f"TinyDB JSONStorage p50 {median(result['tinydb']):.1f} ms p95 {p95(result['tinydb']):.1f} ms"
        )
