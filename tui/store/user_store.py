"""Bookmarks, notes, drafts and settings, in a TinyDB file that is never lost.

``UserStore.open`` never fails. An unreadable file is moved aside whole (and the reader
is told where); a file with some records that do not fit the schema is copied aside as
it was, and the records that fit are kept and used (the reader is told both: nothing is
lost, and every command goes on working). A directory that cannot be written leaves the
store readable but "unavailable" for changes, with the reason in words.

Every change, however large (a toggle, a note, an import, a replace, a setting), reads
and writes under one inter-process lock (:meth:`UserStore.locked`), through the record
gate (:mod:`tui.store.records`), written atomically by :class:`AtomicJSONStorage`.

A store opened ``read_only`` (``bookmarks``, ``export``, ``search``, ``import --dry-run``)
creates, moves and writes nothing: records that do not fit are skipped and named in
:attr:`UserStore.damage`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from tinydb import Query
from tinydb.table import Document, Table

from tui.atomic import remove_stale_temps, write_atomically
from tui.clock import file_stamp, successive_utc_iso
from tui.files import reason
from tui.store.lock import InterProcessLock
from tui.store.records import (
    MAX_NOTE_CHARS,
    RecordRejected,
    check,
    id_problem,
    note_problem,
    settings_problems,
    stamp_problem,
)
from tui.store.storage import AtomicJSONStorage, UnreadableFile

SCHEMA_VERSION = 1
DB_NAME = "user.json"

T = TypeVar("T")

ANY = object()
"""``save_note(opened=ANY)``: write whatever is stored now (no check for a change elsewhere)."""


class StoreUnavailable(Exception):
    """Changes cannot be saved; the message says why in words a reader understands."""


def now() -> str:
    """A sortable UTC timestamp in milliseconds, later than the one before it, so
    successive changes keep their order (:func:`tui.clock.successive_utc_iso`)."""
    return successive_utc_iso()


class NoteRecord(NamedTuple):
    """A note with its dates, as stored."""

    text: str
    created: str
    updated: str


class Draft(NamedTuple):
    """Text typed in the note editor and not yet saved, kept so that a closed terminal,
    a SIGTERM or a crash does not lose it; the next start offers it back."""

    text: str
    saved: str
    """When it was kept."""


class Entry(NamedTuple):
    """Everything the reader attached to one node."""

    node_id: str
    bookmarked: bool
    note: str | None
    created: str
    """When the first of bookmark and note was made."""
    updated: str
    """When either was last changed."""

    @property
    def first_line(self) -> str:
        """The note's first non-empty line, for lists."""
        for line in (self.note or "").splitlines():
            if line.strip():
                return line.strip()
        return ""


class UserData(NamedTuple):
    """All of a reader's bookmarks and notes: what export writes and import reads."""

    bookmarks: dict[str, str]
    """Node id → when it was bookmarked."""
    notes: dict[str, NoteRecord]


class Settings(NamedTuple):
    """What is restored at the next start."""

    theme: str | None = None
    last_node: str | None = None
    disclaimer_acknowledged: bool = False
    tree_width: int | None = None
    """Columns the reader gave the topic tree with < and > (None: the default)."""
    export_format: str | None = None
    """The format of the last export from the explorer's dialog (its next default)."""
    export_folder: str | None = None
    """The folder of the last export from the dialog, as an absolute path (its next default)."""


def joined(first: str, second: str, second_updated: str) -> str:
    """Two versions of one note, both kept: ``first``, then ``second`` under a dated
    separator (what an import merge and a save over a changed note write)."""
    when = second_updated[:16].replace("T", " ")
    return f"{first}\n\n--- kept from the other copy (updated {when} UTC) ---\n\n{second}"


class Saved(NamedTuple):
    """What saving a note did."""

    kept_other: bool = False
    """The stored note had changed since the editor opened it (another window, an import):
    both versions were kept, the one just written first."""


def check_user_data(data: UserData, where: str = "") -> None:
    """Raise :class:`RecordRejected` unless every bookmark and note fits the schema:
    what import, replace and merge must pass before anything is written."""
    for node_id, created in data.bookmarks.items():
        check(id_problem(node_id), f"{where}bookmark id")
        check(stamp_problem(created), f"{where}bookmark on {node_id}: the time")
    for node_id, note in data.notes.items():
        check(id_problem(node_id), f"{where}note id")
        check(note_problem(note.text), f"{where}note on {node_id}:")
        check(stamp_problem(note.created), f"{where}note on {node_id}: the created time")
        check(stamp_problem(note.updated), f"{where}note on {node_id}: the updated time")


class UserStore:
    """Bookmarks, notes, drafts and settings for one data directory."""

    def __init__(self, directory: Path, *, read_only: bool = False) -> None:
        self.directory = directory
        self.path = directory / DB_NAME
        self.read_only = read_only
        self.recovered_to: Path | None = None
        """Where an unreadable database was moved, to tell the reader."""
        self.damage: list[str] = []
        """Records of the file that did not fit and were left out, one line each."""
        self.unreadable: str | None = None
        """Why the file could not be read at all, when it could not be moved aside either
        (a read-only store or directory): it is then left as it is and not used."""
        self.damaged_kept_at: Path | None = None
        """Where the file was copied, as it was, before records that did not fit were dropped."""
        self.unavailable: str | None = "opened read-only" if read_only else None
        """Why changes cannot be saved (None when they can)."""
        self._storage = AtomicJSONStorage(self.path)
        self._lock = InterProcessLock(directory / f"{DB_NAME}.lock")
        self._memory_settings = Settings()

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path, *, read_only: bool = False) -> UserStore:
        """Open the store in ``directory`` (creating it unless ``read_only``); never raises
        for bad files or directories."""
        store = cls(directory, read_only=read_only)
        if read_only:
            store._read_only_check()
            return store
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            store.unavailable = f"cannot create {directory}: {reason(error)}"
            return store
        try:
            with store._lock:
                remove_stale_temps(directory, DB_NAME)
                if store._written_by_a_newer_version():
                    store.unavailable = (
                        f"{store.path} was written by a newer version of Semax Explorer; it is left untouched"
                    )
                    store._read_only_check()
                    return store
                store._repair()
                if store._storage.read() is None:
                    store._table("settings").insert({"schema_version": SCHEMA_VERSION})
        except OSError as error:
            store.unavailable = f"cannot write to {directory}: {reason(error)}"
            store._read_only_check()
        return store

    def _written_by_a_newer_version(self) -> bool:
        """Whether the file says a later schema wrote it: then nothing here may change it,
        not even a repair (its records may fit that schema and not this one)."""
        try:
            self._storage.read()
        except UnreadableFile:
            return False
        version = self._raw_settings().get("schema_version", SCHEMA_VERSION)
        return isinstance(version, int) and version > SCHEMA_VERSION

    def _repair(self) -> None:
        """Under the lock: move an unreadable file aside, or keep a copy of a file with
        records that do not fit and write back the ones that do. Nothing is deleted."""
        try:
            self._storage.read()
        except UnreadableFile:
            if os.path.lexists(self.path):
                target = self.path.with_name(f"{DB_NAME}.corrupt-{file_stamp()}")
                os.replace(self.path, target)
                self.recovered_to = target
            return
        damage = self._storage.damage
        if damage is None:
            return
        kept = self.path.with_name(f"{DB_NAME}.damaged-{file_stamp()}")
        write_atomically(kept, damage.raw, private=True)
        data = self._storage.read()
        assert data is not None  # a damaged file was read a moment ago
        self._storage.write(data)
        self.damage, self.damaged_kept_at = damage.problems, kept

    def _read_only_check(self) -> None:
        """Without writing: note what cannot be read, so reads skip it and the reader is told."""
        try:
            self._storage.read()
        except UnreadableFile as error:
            self.unreadable = str(error)
            return
        damage = self._storage.damage
        self.damage = damage.problems if damage else []

    # --- reading -------------------------------------------------------------------------

    def _table(self, name: str) -> Table:
        # A fresh Table every time, without a query cache: TinyDB caches query results
        # and the next document id per Table object, and another process may have
        # written since.
        return Table(self._storage, name, cache_size=0)

    def _docs(self, name: str) -> list[dict[str, Any]]:
        if self.unreadable is not None:
            return []
        try:
            return list(self._table(name).all())
        except (UnreadableFile, OSError):
            return []

    def _raw_settings(self) -> dict[str, Any]:
        docs = self._docs("settings")
        return dict(docs[0]) if docs else {}

    def bookmarks(self) -> dict[str, str]:
        """Bookmarked node ids with when each was made."""
        return {doc["node_id"]: doc["created"] for doc in self._docs("bookmarks")}

    def notes(self) -> dict[str, NoteRecord]:
        """Notes by node id."""
        return {doc["node_id"]: NoteRecord(doc["text"], doc["created"], doc["updated"]) for doc in self._docs("notes")}

    def drafts(self) -> dict[str, Draft]:
        """Unsaved note drafts by node id, kept when the explorer closed with the editor open."""
        return {doc["node_id"]: Draft(doc["text"], doc["saved"]) for doc in self._docs("drafts")}

    def is_bookmarked(self, node_id: str) -> bool:
        """Whether the node is bookmarked."""
        return node_id in self.bookmarks()

    def note(self, node_id: str) -> str | None:
        """The note on a node, if any."""
        record = self.notes().get(node_id)
        return record.text if record else None

    def entries(self) -> list[Entry]:
        """Every bookmarked or annotated node, most recently changed first."""
        bookmarks, notes = self.bookmarks(), self.notes()
        out = []
        for node_id in bookmarks.keys() | notes.keys():
            note = notes.get(node_id)
            marked = bookmarks.get(node_id)
            created = [stamp for stamp in (marked, note and note.created) if stamp]
            updated = [stamp for stamp in (marked, note and note.updated) if stamp]
            out.append(Entry(node_id, marked is not None, note.text if note else None, min(created), max(updated)))
        return sorted(out, key=lambda e: (e.updated, e.node_id), reverse=True)

    def settings(self) -> Settings:
        """The saved settings, or this run's when they cannot be saved."""
        raw = self._raw_settings()
        if not raw:
            return self._memory_settings
        return Settings(
            theme=raw.get("theme"),
            last_node=raw.get("last_node"),
            disclaimer_acknowledged=bool(raw.get("disclaimer_acknowledged", False)),
            tree_width=raw.get("tree_width"),
            export_format=raw.get("export_format"),
            export_folder=raw.get("export_folder"),
        )

    def version(self) -> object:
        """Something that changes whenever the file is written, by this process or another
        (a window, a CLI ``import``): an open explorer compares it to show their changes."""
        return self._storage.identity()

    def snapshot(self) -> UserData:
        """Every bookmark and note exactly as stored, for export and import."""
        return UserData(self.bookmarks(), self.notes())

    # --- changing --------------------------------------------------------------------------

    @contextmanager
    def locked(self, *, wait: float | None = None) -> Iterator[None]:
        """Hold the store's lock across several reads and changes, so that no other
        process changes anything in between (re-entrant: every change takes it too).
        ``wait`` bounds the wait for another process this time. Turns OS failures into
        :class:`StoreUnavailable` with a clear reason."""
        if self.unavailable:
            raise StoreUnavailable(f"Bookmarks and notes are unavailable: {self.unavailable}")
        try:
            outermost = not self._lock.held
            with self._lock.within(wait):
                if outermost:
                    self._repair()  # a file changed by hand since it was opened: keep it, go on
                yield
        except UnreadableFile as error:
            raise StoreUnavailable(f"Could not save: {error}") from None
        except OSError as error:
            raise StoreUnavailable(f"Could not save to {self.directory}: {reason(error)}") from None

    def _change(self, operation: Callable[[], T], *, wait: float | None = None) -> T:
        with self.locked(wait=wait):
            return operation()

    def toggle_bookmark(self, node_id: str) -> bool:
        """Add or remove a bookmark; True when the node is now bookmarked."""
        check(id_problem(node_id), "bookmark id")

        def toggle() -> bool:
            # Look first (a cached read), then write once: TinyDB's remove() rewrites
            # the file even when nothing matched.
            table = self._table("bookmarks")
            existing = table.get(Query().node_id == node_id)
            if isinstance(existing, Document):
                table.remove(doc_ids=[existing.doc_id])
                return False
            table.insert({"node_id": node_id, "created": now()})
            return True

        return self._change(toggle)

    def save_note(self, node_id: str, text: str, *, opened: object = ANY) -> Saved:
        """Create or replace the note on a node (and drop its draft); an empty note deletes it.

        ``opened`` is the note as the editor showed it when it opened. If the stored note
        is no longer that (another window or an import changed it meanwhile), it is not
        overwritten: both are kept, ``text`` first (:func:`joined`), and the result says so.
        """
        check(id_problem(node_id), "note id")
        problem = note_problem(text) if text.strip() else None
        if problem:
            raise StoreUnavailable(f"The note {problem}. Nothing was saved.")

        def save() -> Saved:
            table = self._table("notes")
            stamp = now()
            existing = table.get(Query().node_id == node_id)
            current = existing if isinstance(existing, Document) else None
            outcome = Saved()
            final = text
            changed = current is not None and opened is not ANY and current["text"] not in (opened, text)
            if current is not None and changed:
                stored = current["text"]
                final = joined(text, stored, current["updated"]) if text.strip() else stored
                outcome = Saved(kept_other=True)
                if len(final) > MAX_NOTE_CHARS:
                    raise StoreUnavailable(
                        "The note was changed elsewhere while you wrote, and keeping both versions would "
                        f"pass the {MAX_NOTE_CHARS:,}-character limit. Nothing was saved; shorten it and save again."
                    )
            if not final.strip():
                self._remove("notes", node_id)
            elif current is not None:
                table.update({"text": final, "updated": stamp}, doc_ids=[current.doc_id])
            else:
                table.insert({"node_id": node_id, "text": final, "created": stamp, "updated": stamp})
            self._remove("drafts", node_id)
            return outcome

        return self._change(save)

    def delete_note(self, node_id: str) -> None:
        """Remove the note on a node (and its draft)."""

        def delete() -> None:
            self._remove("notes", node_id)
            self._remove("drafts", node_id)

        self._change(delete)

    def delete_entry(self, node_id: str) -> None:
        """Remove both the bookmark and the note of a node."""

        def delete() -> None:
            self._remove("bookmarks", node_id)
            self._remove("notes", node_id)

        self._change(delete)

    def save_draft(self, node_id: str, text: str, *, wait: float | None = None) -> None:
        """Keep what the editor holds for a node until it is saved or discarded (waiting at
        most ``wait`` seconds for another process's lock)."""
        check(id_problem(node_id), "draft id")
        if len(text) > MAX_NOTE_CHARS:
            raise StoreUnavailable(f"The draft is {len(text):,} characters; the limit is {MAX_NOTE_CHARS:,}.")

        def save() -> None:
            table = self._table("drafts")
            existing = table.get(Query().node_id == node_id)
            record = {"node_id": node_id, "text": text, "saved": now()}
            if isinstance(existing, Document):
                if existing.get("text") != text:
                    table.update(record, doc_ids=[existing.doc_id])
            else:
                table.insert(record)

        self._change(save, wait=wait)

    def discard_draft(self, node_id: str, *, wait: float | None = None) -> None:
        """Forget the draft on a node (the reader chose to discard it, or saved the note)."""
        self._change(lambda: self._remove("drafts", node_id), wait=wait)

    def _remove(self, table_name: str, node_id: str) -> None:
        """Remove a node's document, writing only when there is one (call under the lock)."""
        table = self._table(table_name)
        existing = table.get(Query().node_id == node_id)
        if isinstance(existing, Document):
            table.remove(doc_ids=[existing.doc_id])

    def update_settings(self, **changes: Any) -> None:
        """Save settings; where changes cannot be saved they last for this run only."""
        unknown = set(changes) - set(Settings._fields)
        if unknown:
            raise TypeError(f"unknown settings: {sorted(unknown)}")
        problems = settings_problems(changes)
        if problems:
            field, problem = next(iter(problems.items()))
            raise RecordRejected(f"setting {field!r} {problem}")
        self._memory_settings = self.settings()._replace(**changes)
        if self.unavailable:
            return

        def save() -> None:
            table = self._table("settings")
            docs = table.all()
            if docs:
                table.update(changes, doc_ids=[docs[0].doc_id])
            else:
                table.insert({"schema_version": SCHEMA_VERSION, **changes})

        # Settings are a convenience: when they cannot be saved, memory is the fallback.
        with suppress(StoreUnavailable):
            self._change(save)

    # --- whole-store operations (import) ------------------------------------------------

    def rewrite(
        self, compute: Callable[[UserData], tuple[UserData, T]], *, backup: bool = False
    ) -> tuple[T, Path | None]:
        """Replace all bookmarks and notes with what ``compute`` makes of the current ones,
        in one atomic write under the lock (settings and drafts are kept): no change by
        another process can land between the read and the write.

        ``compute`` returns the new data and a result handed back to the caller (an
        import's plan). The new data must pass the record gate (:class:`RecordRejected`
        otherwise, and nothing is written). With ``backup``, the old database is first
        copied beside it, and its path returned.
        """
        saved: Path | None = None

        def run() -> T:
            nonlocal saved
            data, result = compute(self.snapshot())
            check_user_data(data)
            current = self._storage.read() or {}
            if backup and self.path.exists():
                saved = self.path.with_name(f"{DB_NAME}.backup-{file_stamp()}")
                AtomicJSONStorage(saved).write(current)
            tables = {name: docs for name, docs in current.items() if name not in ("bookmarks", "notes")}
            tables["bookmarks"] = {
                str(i): {"node_id": node_id, "created": created}
                for i, (node_id, created) in enumerate(data.bookmarks.items(), 1)
            }
            tables["notes"] = {
                str(i): {"node_id": node_id, "text": note.text, "created": note.created, "updated": note.updated}
                for i, (node_id, note) in enumerate(data.notes.items(), 1)
            }
            self._storage.write(tables)
            return result

        return self._change(run), saved

    def close(self) -> None:
        """Let go of the lock file and the cached read."""
        self._lock.close()
        self._storage.close()
