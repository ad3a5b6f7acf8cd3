"""The user store against an adversary: damaged records, special files, a lock that is
never let go, a file over the limit, and many processes writing every kind of change."""

from __future__ import annotations

import fcntl
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.hostile import HUGE_NOTE
from tui.exchange import import_into, plan_merge
from tui.exchange.importer import ImportRejected
from tui.store import NoteRecord, RecordRejected, StoreUnavailable, UserData, UserStore
from tui.store import lock as store_lock

REPO = Path(__file__).resolve().parents[2]
GOOD = "2026-11-25T08:47:10.123+00:00"


def within(seconds: float, work: Callable[[], Any]) -> Any:
    """``work()``, or a failure when it has not returned after ``seconds`` (it blocked)."""
    outcome: list[Any] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed to the test's thread below
            failure.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"blocked for over {seconds} s"
    if failure:
        raise failure[0]
    return outcome[0] if outcome else None


DAMAGED = {
    "bookmarks": {
        "1": {"node_id": "a/one", "created": GOOD},
        "2": {"node_id": "a/two", "created": ""},
        "abc": {"node_id": "a/three", "created": GOOD},
    },
    "notes": {
        "1": {"node_id": "a/one", "text": "mine", "created": GOOD, "updated": GOOD},
        "2": {"node_id": "a/four", "text": HUGE_NOTE, "created": GOOD, "updated": GOOD},
    },
    "settings": {"1": {"schema_version": 1, "disclaimer_acknowledged": True}},
}


def test_records_that_do_not_fit_are_kept_aside_and_the_rest_is_used(tmp_path: Path) -> None:
    raw = json.dumps(DAMAGED).encode()
    (tmp_path / "user.json").write_bytes(raw)
    store = UserStore.open(tmp_path)
    assert store.damaged_kept_at is not None and store.damaged_kept_at.read_bytes() == raw  # never lost
    assert store.damaged_kept_at.stat().st_mode & 0o777 == 0o600
    assert len(store.damage) == 3  # the empty time, the document id, the huge note
    assert {entry.node_id for entry in store.entries()} == {"a/one", "a/three"}
    assert store.toggle_bookmark("a/five") is True  # b works: the ids TinyDB needs are numbers
    assert store.settings().disclaimer_acknowledged
    again = UserStore.open(tmp_path)
    assert again.damaged_kept_at is None and again.damage == []  # repaired once, for good
    assert set(again.bookmarks()) == {"a/one", "a/three", "a/five"}


def test_an_import_after_a_damaged_file_drops_nothing(tmp_path: Path) -> None:
    (tmp_path / "user.json").write_text(json.dumps(DAMAGED))
    store = UserStore.open(tmp_path)
    import_into(store, UserData({"b/new": GOOD}, {}), replace=False)
    assert {"a/one", "a/three", "b/new"} <= set(store.bookmarks())


def test_a_file_damaged_while_open_is_repaired_before_the_next_write(tmp_path: Path) -> None:
    store = UserStore.open(tmp_path)
    store.toggle_bookmark("a/one")
    raw = json.loads(store.path.read_text())
    raw["bookmarks"]["x"] = {"node_id": "a/two", "created": ""}
    store.path.write_text(json.dumps(raw))  # edited by hand while the app runs
    assert set(store.bookmarks()) == {"a/one"}  # reads skip it
    store.toggle_bookmark("a/three")  # the write keeps the file as it was first
    assert store.damaged_kept_at is not None
    assert json.loads(store.damaged_kept_at.read_text()) == raw
    assert set(UserStore.open(tmp_path).bookmarks()) == {"a/one", "a/three"}


def test_read_only_opening_creates_moves_and_writes_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "never"
    store = UserStore.open(missing, read_only=True)
    assert store.entries() == [] and not missing.exists()
    (tmp_path / "user.json").write_text(json.dumps(DAMAGED))
    (tmp_path / ".user.json.0123456789ab.tmp").write_text("left by a killed writer")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    store = UserStore.open(tmp_path, read_only=True)
    assert {entry.node_id for entry in store.entries()} == {"a/one", "a/three"}
    assert len(store.damage) == 3
    with pytest.raises(StoreUnavailable):
        store.toggle_bookmark("a/b")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
    (tmp_path / "user.json").write_text("not json")
    store = UserStore.open(tmp_path, read_only=True)
    assert store.unreadable is not None and store.entries() == []
    assert (tmp_path / "user.json").read_text() == "not json"


def test_stale_temp_files_are_removed_on_open(tmp_path: Path) -> None:
    UserStore.open(tmp_path).toggle_bookmark("a/b")
    stale = [tmp_path / f".user.json.{n:012x}.tmp" for n in range(3)]
    for path in stale:
        path.write_text("a full copy of the data")
    unrelated = tmp_path / ".other.json.0123456789ab.tmp"
    unrelated.write_text("not ours to remove")
    UserStore.open(tmp_path)
    assert not any(path.exists() for path in stale) and unrelated.exists()


@pytest.mark.parametrize("kind", ["fifo", "socket-like-dir"])
def test_a_special_file_as_the_database_never_blocks(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "user.json"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    store = within(5, lambda: UserStore.open(tmp_path, read_only=True))
    assert store.unreadable is not None and store.entries() == []
    store = within(5, lambda: UserStore.open(tmp_path))
    assert store.recovered_to is not None  # moved aside, kept
    assert within(5, lambda: store.toggle_bookmark("a/b")) is True


def test_a_fifo_as_the_lock_file_makes_changes_unavailable_not_hung(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "user.json.lock")
    store = within(5, lambda: UserStore.open(tmp_path))
    assert store.unavailable is not None and "lock" in store.unavailable
    with pytest.raises(StoreUnavailable):
        within(5, lambda: store.toggle_bookmark("a/b"))


def test_a_lock_held_forever_gives_a_reason_not_a_frozen_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_lock, "WAIT", 0.5)
    store = UserStore.open(tmp_path)
    holder = os.open(tmp_path / "user.json.lock", os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another process, stopped with ctrl+z
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="has held"):
            UserStore.open(tmp_path).toggle_bookmark("a/b")
        assert time.monotonic() - started < 3
    finally:
        fcntl.flock(holder, fcntl.LOCK_UN)
        os.close(holder)
    assert store.toggle_bookmark("a/b") is True


def test_the_note_limit_holds_at_every_door(tmp_path: Path) -> None:
    store = UserStore.open(tmp_path)
    with pytest.raises(StoreUnavailable, match="limit"):
        store.save_note("a/b", HUGE_NOTE)
    with pytest.raises(RecordRejected):
        store.rewrite(lambda data: (UserData({}, {"a/b": NoteRecord(HUGE_NOTE, GOOD, GOOD)}), None))
    with pytest.raises(RecordRejected):
        store.toggle_bookmark("a/b\n# heading")
    assert store.entries() == []


def test_a_merge_that_would_make_a_note_too_long_is_refused_whole(tmp_path: Path) -> None:
    store = UserStore.open(tmp_path)
    half = "m" * 150_000
    store.save_note("a/b", half)
    store.toggle_bookmark("c/d")
    before = store.path.read_bytes()
    theirs = UserData({"e/f": GOOD}, {"a/b": NoteRecord("t" * 150_000, GOOD, "2099-01-01T00:00:00+00:00")})
    with pytest.raises(ImportRejected, match="limit"):
        import_into(store, theirs, replace=False)
    assert store.path.read_bytes() == before  # nothing partly applied


def test_data_over_the_file_limit_is_refused_before_it_is_written(tmp_path: Path) -> None:
    store = UserStore.open(tmp_path)
    store.toggle_bookmark("keep/me")
    before = store.path.read_bytes()
    notes = {f"n/{i}": NoteRecord("z" * 190_000, GOOD, GOOD) for i in range(300)}  # ~57 MB
    with pytest.raises(StoreUnavailable, match="limit"):
        store.rewrite(lambda data: (UserData(data.bookmarks, notes), None))
    assert store.path.read_bytes() == before


# --- every kind of writer at once ----------------------------------------------------

MIXED_WRITER = """
import json, os, random, sys
from pathlib import Path
from tui.exchange import import_into
from tui.store import NoteRecord, UserData, UserStore

directory, name, seed, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
store = UserStore.open(directory)
journal = os.open(directory / "journal.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
stamp = "2026-11-25T08:47:10.123+00:00"

def log(entry):
    os.write(journal, (json.dumps(entry) + "\\n").encode())

for step in range(count):
    kind = rng.choice(["toggle", "toggle", "note", "note", "merge", "replace", "settings", "delete"])
    node = f"n/{rng.randrange(12)}"
    # The journal line is written while the change still holds the store's lock, so the
    # journal's order is the order in which the changes were made.
    with store.locked():
        if kind == "toggle":
            log([kind, node, store.toggle_bookmark(node)])
        elif kind == "note":
            text = f"{name}-{step}"
            store.save_note(node, text)
            log([kind, node, text])
        elif kind == "delete":
            store.delete_entry(node)
            log([kind, node])
        elif kind == "settings":
            store.update_settings(last_node=node)
            log([kind, node])
        else:
            ids = [f"m/{name}-{step}-{i}" for i in range(3)] + [node]
            data = UserData({i: stamp for i in ids}, {ids[0]: NoteRecord(f"imported {name}-{step}", stamp, stamp)})
            import_into(store, data, replace=kind == "replace")
            log([kind, sorted(data.bookmarks), {k: v.text for k, v in data.notes.items()}])
print("done", flush=True)
"""


def _replay(lines: list[list[Any]]) -> tuple[set[str], dict[str, str]]:
    """The bookmarks and notes the journal says there must be, change by change."""
    data = UserData({}, {})
    for entry in lines:
        kind = entry[0]
        if kind == "toggle":
            _, node, now_on = entry
            assert (node not in data.bookmarks) == now_on, f"toggle of {node} saw a lost write"
            if now_on:
                data.bookmarks[node] = GOOD
            else:
                del data.bookmarks[node]
        elif kind == "note":
            data.notes[entry[1]] = NoteRecord(entry[2], GOOD, GOOD)
        elif kind == "delete":
            data.bookmarks.pop(entry[1], None)
            data.notes.pop(entry[1], None)
        elif kind in ("merge", "replace"):
            incoming = UserData(
                dict.fromkeys(entry[1], GOOD), {k: NoteRecord(v, GOOD, GOOD) for k, v in entry[2].items()}
            )
            data = incoming if kind == "replace" else plan_merge(data, incoming).result
    return set(data.bookmarks), {node: note.text for node, note in data.notes.items()}


def test_many_processes_mixing_every_kind_of_change_lose_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    workers = 5
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", MIXED_WRITER, str(tmp_path), f"w{n}", str(n), "60"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(workers)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and out.strip() == "done", err
    lines = [json.loads(line) for line in (tmp_path / "journal.log").read_text().splitlines()]
    assert len(lines) == workers * 60
    assert {entry[0] for entry in lines} >= {"toggle", "note", "merge", "replace"}
    bookmarks, notes = _replay(lines)
    store = UserStore.open(tmp_path)
    assert set(store.bookmarks()) == bookmarks
    assert {node: note.text for node, note in store.notes().items()} == notes


def test_the_mixed_writers_test_catches_a_read_outside_the_lock(tmp_path: Path) -> None:
    """The replay above has teeth: an import planned from a snapshot read before the lock
    (the old bug) loses a write that the replay then finds missing."""
    store = UserStore.open(tmp_path)
    stale = store.snapshot()  # read outside the lock...
    store.toggle_bookmark("n/1")  # ...another process writes...
    lines: list[list[Any]] = [["toggle", "n/1", True]]
    store.rewrite(lambda data: (plan_merge(stale, UserData({"m/x": GOOD}, {})).result, None))  # ...and is lost
    lines.append(["merge", ["m/x"], {}])
    bookmarks, _ = _replay(lines)
    assert set(store.bookmarks()) != bookmarks


def test_sigkill_during_imports_keeps_the_file_whole(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rng = random.Random(99)
    for round_number in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-c", MIXED_WRITER, str(tmp_path), f"k{round_number}", str(round_number), "1000"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 0.8))
        proc.kill()
        proc.wait()
        store = UserStore.open(tmp_path)
        assert store.recovered_to is None and store.damaged_kept_at is None  # whole, every time
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # and tidied


def test_a_note_changed_elsewhere_while_editing_is_kept_not_overwritten(tmp_path: Path) -> None:
    window_a, window_b = UserStore.open(tmp_path), UserStore.open(tmp_path)
    window_a.save_note("a/b", "the original")
    opened = window_a.note("a/b")  # both windows open the editor on it
    assert window_b.save_note("a/b", "B wrote this", opened=opened).kept_other is False
    saved = window_a.save_note("a/b", "A wrote this", opened=opened)
    assert saved.kept_other is True
    text = window_a.note("a/b")
    assert text is not None and text.startswith("A wrote this") and text.endswith("B wrote this")
    # Deleting (an empty note) what another window has changed keeps theirs.
    window_b.save_note("a/b", "", opened="something older")
    assert window_b.note("a/b") == text


def test_a_file_written_by_a_newer_version_is_never_rewritten(tmp_path: Path) -> None:
    raw = {"settings": {"1": {"schema_version": 2}}, "bookmarks": {"1": {"node_id": "overview", "created": 1764650000}}}
    (tmp_path / "user.json").write_text(json.dumps(raw))
    before = (tmp_path / "user.json").read_bytes()
    store = UserStore.open(tmp_path)
    assert store.unavailable is not None and "newer version" in store.unavailable
    assert (tmp_path / "user.json").read_bytes() == before
    assert not list(tmp_path.glob("user.json.damaged-*"))


def test_records_hidden_by_a_duplicate_document_id_are_kept_aside(tmp_path: Path) -> None:
    raw = (
        '{"notes":{"1":{"node_id":"a/one","text":"first","created":"%s","updated":"%s"},'
        '"1":{"node_id":"a/two","text":"second","created":"%s","updated":"%s"}}}' % ((GOOD,) * 4)
    )
    (tmp_path / "user.json").write_text(raw)
    store = UserStore.open(tmp_path)
    assert store.damaged_kept_at is not None and store.damaged_kept_at.read_text() == raw
    assert "written twice" in store.damage[0]


def test_a_draft_gives_up_at_once_when_told_to(tmp_path: Path) -> None:
    store = UserStore.open(tmp_path)
    holder = os.open(tmp_path / "user.json.lock", os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            store.save_draft("a/b", "typing", wait=0.1)
        assert time.monotonic() - started < 2
    finally:
        os.close(holder)
    store.save_draft("a/b", "typing", wait=0.1)
    assert store.drafts()["a/b"].text == "typing"
