"""The user store: durable, shared safely between processes, and never losing a file."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tinydb import TinyDB

from tui.store import MAX_NOTE_CHARS, StoreUnavailable, UserStore
from tui.store.storage import AtomicJSONStorage

REPO = Path(__file__).resolve().parents[2]


def run_python(code: str, *, user: int | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run a snippet with this interpreter and the repo importable (optionally as another uid)."""

    def demote() -> None:  # pragma: no cover - in the child
        if user is not None:
            os.setgid(user)
            os.setuid(user)

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=demote,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


def test_creates_private_file_and_directory(tmp_path: Path) -> None:
    store = UserStore.open(tmp_path / "nested" / "data")
    assert store.unavailable is None
    assert (tmp_path / "nested" / "data").stat().st_mode & 0o777 == 0o700
    assert store.path.stat().st_mode & 0o777 == 0o600


def test_tinydb_opens_the_user_database(tmp_path: Path) -> None:
    store = UserStore.open(tmp_path)
    store.toggle_bookmark("mechanism/bdnf")
    db = TinyDB(store.path, access_mode="r")
    assert db.table("bookmarks").all()[0]["node_id"] == "mechanism/bdnf"
    db.close()


def test_bookmarks_notes_and_settings_persist(tmp_path: Path) -> None:
    store = UserStore.open(tmp_path)
    assert store.toggle_bookmark("a/one") is True
    store.save_note("b/two", "first line\nsecond")
    store.toggle_bookmark("c/three")
    store.update_settings(theme="textual-light", last_node="b/two", disclaimer_acknowledged=True)
    assert store.toggle_bookmark("c/three") is False

    again = UserStore.open(tmp_path)
    entries = again.entries()
    assert [e.node_id for e in entries] == ["b/two", "a/one"]  # newest first
    assert entries[0].note == "first line\nsecond" and entries[0].first_line == "first line"
    assert entries[0].bookmarked is False and entries[1].bookmarked is True
    settings = again.settings()
    assert (settings.theme, settings.last_node, settings.disclaimer_acknowledged) == (
        "textual-light",
        "b/two",
        True,
    )


def test_note_update_keeps_created_and_empty_note_deletes(tmp_path: Path) -> None:
    store = UserStore.open(tmp_path)
    store.save_note("a/x", "one")
    created = store.notes()["a/x"].created
    time.sleep(0.002)
    store.save_note("a/x", "two")
    note = store.notes()["a/x"]
    assert note.text == "two" and note.created == created and note.updated > created
    store.save_note("a/x", "   \n")
    assert store.note("a/x") is None


@pytest.mark.parametrize(
    "text",
    [
        "[bold]x[/] [@click=app.quit]q[/]",
        "<script>alert(1)</script>",
        "# heading\n---\n",
        "\x1b]0;title\x07\x1b[2J",
        "emoji 🧠 and RTL עברית مرحبا",
        "lone surrogate \ud800 here",
        "x" * 100_000,
    ],
)
def test_any_note_text_round_trips_exactly(tmp_path: Path, text: str) -> None:
    UserStore.open(tmp_path).save_note("a/x", text)
    assert UserStore.open(tmp_path).note("a/x") == text


def test_overlong_note_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    store = UserStore.open(tmp_path)
    store.save_note("a/x", "kept")
    with pytest.raises(StoreUnavailable, match="limit is 200,000"):
        store.save_note("a/x", "y" * (MAX_NOTE_CHARS + 1))
    assert store.note("a/x") == "kept"


def test_entries_come_newest_first_even_within_one_millisecond(tmp_path: Path) -> None:
    # Ids that sort the other way round from the order they are made in: a tie in the
    # stamps would put them in id order and show it.
    store = UserStore.open(tmp_path)
    made = [f"topic/{chr(ord('z') - n)}" for n in range(20)]
    for node_id in made:
        store.toggle_bookmark(node_id)
    store.save_note(made[0], "changed last")
    assert [entry.node_id for entry in store.entries()] == [made[0], *reversed(made[1:])]


def test_entries_for_nodes_the_pack_no_longer_has_are_kept(tmp_path: Path) -> None:
    store = UserStore.open(tmp_path)
    store.toggle_bookmark("gone/forever")
    store.save_note("gone/forever", "still mine")
    assert UserStore.open(tmp_path).entries()[0].node_id == "gone/forever"


BAD_FILES = {
    "not-json": b"this is not json",
    "truncated": b'{"bookmarks": {"1": {"node_id": "a/b", "crea',
    "wrong-shape": b"[1, 2, 3]",
    "invalid-utf8": b'{"notes": {"1": {"node_id": "\xff\xfe"}}}',
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_unreadable_database_is_moved_aside_never_deleted(tmp_path: Path, name: str) -> None:
    path = tmp_path / "user.json"
    path.write_bytes(BAD_FILES[name])
    store = UserStore.open(tmp_path)
    assert store.recovered_to is not None
    assert store.recovered_to.name.startswith("user.json.corrupt-")
    assert store.recovered_to.read_bytes() == BAD_FILES[name]
    assert store.unavailable is None and store.entries() == []
    assert store.toggle_bookmark("a/b") is True  # a fresh database works


def test_directory_in_place_of_the_file_is_moved_aside(tmp_path: Path) -> None:
    (tmp_path / "user.json").mkdir()
    (tmp_path / "user.json" / "inside.txt").write_text("keep me")
    store = UserStore.open(tmp_path)
    assert store.recovered_to is not None and (store.recovered_to / "inside.txt").read_text() == "keep me"
    store.toggle_bookmark("a/b")
    assert store.is_bookmarked("a/b")


def test_symlinked_database_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"secret": {"1": {"x": "y"}}}')
    data = tmp_path / "data"
    data.mkdir()
    (data / "user.json").symlink_to(elsewhere)
    store = UserStore.open(data)
    store.toggle_bookmark("a/b")
    assert elsewhere.read_text() == '{"secret": {"1": {"x": "y"}}}'  # never written through
    assert store.recovered_to is not None and store.recovered_to.is_symlink()
    assert not (data / "user.json").is_symlink()


def test_symlinked_lock_file_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "victim"
    target.write_text("untouched")
    data = tmp_path / "data"
    data.mkdir()
    (data / "user.json.lock").symlink_to(target)
    store = UserStore.open(data)
    assert store.unavailable is not None  # refuses rather than follows
    with pytest.raises(StoreUnavailable):
        store.toggle_bookmark("a/b")
    assert target.read_text() == "untouched"


def test_directory_that_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    store = UserStore.open(tmp_path / "file" / "data")
    assert store.unavailable is not None and "cannot create" in store.unavailable
    assert store.entries() == []
    with pytest.raises(StoreUnavailable, match="unavailable"):
        store.toggle_bookmark("a/b")
    store.update_settings(theme="textual-light")  # kept in memory for this run
    assert store.settings().theme == "textual-light"


def as_nobody(work: Callable[[], str]) -> str:
    """Run ``work`` in a forked child that has dropped root (the interpreter is already
    loaded, so nothing needs to be readable by the unprivileged user but the data)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - in the child
        os.close(read_end)
        try:
            os.setgid(65534)
            os.setuid(65534)
            output = work()
        except BaseException as error:
            output = f"child failed: {error!r}"
        os.write(write_end, output.encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        output = pipe.read()
    os.waitpid(pid, 0)
    return output


def _read_only_session(data: Path) -> str:
    store = UserStore.open(data)
    lines = [str(store.unavailable), f"{[e.node_id for e in store.entries()]} {store.note('a/b')}"]
    try:
        store.toggle_bookmark("c/d")
    except StoreUnavailable as error:
        lines.append(f"refused: {error}")
    return "\n".join(lines)


def test_read_only_directory_still_reads() -> None:
    """Run as an unprivileged user (root ignores permissions) against a root-owned dir."""
    if os.geteuid() != 0:
        pytest.skip("needs root to switch to an unprivileged user")
    tmp_path = Path(tempfile.mkdtemp(prefix="semax-ro-", dir="/tmp"))
    data = tmp_path / "data"
    store = UserStore.open(data)
    store.toggle_bookmark("a/b")
    store.save_note("a/b", "mine")
    data.chmod(0o755)
    store.path.chmod(0o644)
    tmp_path.chmod(0o755)
    for parent in tmp_path.parents:
        if parent.stat().st_mode & 0o005 != 0o005:
            pytest.skip(f"{parent} is not readable by other users")
    result = as_nobody(lambda: _read_only_session(data))
    lines = result.splitlines()
    assert "permission denied" in lines[0]
    assert lines[1] == "['a/b'] mine"
    assert lines[2].startswith("refused: Bookmarks and notes are unavailable")
    assert UserStore.open(data).entries()[0].note == "mine"


def test_failed_write_leaves_the_old_database(tmp_path: Path) -> None:
    """A write that fails part-way (file size limit, like a full disk) changes nothing."""
    store = UserStore.open(tmp_path)
    store.save_note("a/b", "precious")
    before = store.path.read_bytes()
    result = run_python(
        f"""
        import resource, signal
        from pathlib import Path
        from tui.store import UserStore, StoreUnavailable
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        store = UserStore.open(Path({str(tmp_path)!r}))
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))
        try:
            store.save_note("c/d", "x" * 5000)
        except StoreUnavailable as error:
            print(error)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Could not save to ")
    assert store.path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_newer_schema_is_left_untouched(tmp_path: Path) -> None:
    raw = {"settings": {"1": {"schema_version": 99}}, "bookmarks": {}}
    (tmp_path / "user.json").write_text(json.dumps(raw))
    store = UserStore.open(tmp_path)
    assert store.unavailable is not None and "newer version" in store.unavailable
    with pytest.raises(StoreUnavailable):
        store.toggle_bookmark("a/b")
    assert json.loads((tmp_path / "user.json").read_text()) == raw


def test_a_write_by_another_process_is_seen(tmp_path: Path) -> None:
    mine = UserStore.open(tmp_path)
    mine.toggle_bookmark("a/one")
    result = run_python(
        f"""
        from pathlib import Path
        from tui.store import UserStore
        UserStore.open(Path({str(tmp_path)!r})).toggle_bookmark("b/two")
        """
    )
    assert result.returncode == 0, result.stderr
    assert set(mine.bookmarks()) == {"a/one", "b/two"}
    mine.save_note("a/one", "x")  # and my next write keeps theirs
    assert set(UserStore.open(tmp_path).bookmarks()) == {"a/one", "b/two"}


WRITER = """
import sys
from pathlib import Path
from tui.store import UserStore
store = UserStore.open(Path(sys.argv[1]))
prefix = sys.argv[2]
for i in range(int(sys.argv[3])):
    store.toggle_bookmark(f"{prefix}/{i}")
    if i % 3 == 0:
        store.save_note(f"{prefix}/{i}", f"note {i}")
    print(i, flush=True)
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), prefix, "60"], env=env, stdout=subprocess.DEVNULL
        )
        for prefix in ("left", "right")
    ]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    store = UserStore.open(tmp_path)
    bookmarks = store.bookmarks()
    assert {f"left/{i}" for i in range(60)} <= bookmarks.keys()
    assert {f"right/{i}" for i in range(60)} <= bookmarks.keys()
    assert len(store.notes()) == 40


def test_sigkill_at_any_moment_keeps_every_acknowledged_write(tmp_path: Path) -> None:
    """Kill a writer at random moments, many times: the file always loads and keeps all
    writes the writer had finished (printed) before it died."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rng = random.Random(1234)
    acknowledged: set[str] = set()
    deadline = time.monotonic() + 25
    rounds = 0
    while rounds < 40 and time.monotonic() < deadline:
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), f"r{rounds}", "100000"],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the writer is running and has written once
        time.sleep(rng.uniform(0, 0.05))
        proc.send_signal(signal.SIGKILL)
        rest = proc.stdout.read()
        proc.wait()
        done = [int(line.split()[0]) for line in (first + rest).splitlines() if line.strip()]
        acknowledged |= {f"r{rounds}/{i}" for i in done}
        store = UserStore.open(tmp_path)
        assert store.recovered_to is None, "the database was torn"
        missing = acknowledged - store.bookmarks().keys()
        assert not missing, f"lost acknowledged writes: {sorted(missing)[:5]}"
        rounds += 1
    assert rounds >= 10
    # A killed write may leave a temp file (a full copy of the data); the next open removes it.
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_storage_replaces_the_file_on_every_write(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write({"t": {"1": {"a": "b"}}})
    first_inode = (tmp_path / "db.json").stat().st_ino
    storage.write({"t": {"1": {"a": "c"}}})
    assert (tmp_path / "db.json").stat().st_ino != first_inode  # replaced, not rewritten
    assert AtomicJSONStorage(tmp_path / "db.json").read() == {"t": {"1": {"a": "c"}}}


def test_the_last_export_format_and_folder_are_kept_and_checked(tmp_path: Path) -> None:
    from tui.store import RecordRejected  # noqa: PLC0415

    store = UserStore.open(tmp_path)
    store.update_settings(export_format="html", export_folder=str(tmp_path / "exports"))
    again = UserStore.open(tmp_path).settings()
    assert (again.export_format, again.export_folder) == ("html", str(tmp_path / "exports"))
    for bad in ({"export_format": "pdf"}, {"export_folder": "relative/dir"}, {"export_folder": "/nul\x00here"},
                {"export_folder": "/" + "x" * 5000}, {"export_format": 3}):  # fmt: skip
        with pytest.raises(RecordRejected):
            store.update_settings(**bad)
    # A hand-edited record with a bad value loses that field only, and says so.
    raw = json.loads(store.path.read_text())
    raw["settings"]["1"]["export_format"] = "[@click=app.quit]"
    store.path.write_text(json.dumps(raw))
    reopened = UserStore.open(tmp_path)
    assert reopened.settings().export_format is None
    assert reopened.settings().export_folder == str(tmp_path / "exports")
    assert any("export_format" in problem for problem in reopened.damage)
