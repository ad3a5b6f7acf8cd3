"""The reader's own data: bookmarks, notes and settings, in a TinyDB file that is never lost.

``UserStore.open`` never fails: an unreadable file is moved aside (and the reader is
told where), and a directory that cannot be written leaves the store readable but
"unavailable" for changes, with the reason in words. Every change is a read-modify-write
under an inter-process lock, written atomically by :class:`AtomicJSONStorage`.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from tinydb import Query
from tinydb.table import Document, Table

from tui.clock import file_stamp, successive_utc_iso
from tui.store.lock import InterProcessLock
from tui.store.storage import AtomicJSONStorage, UnreadableFile

SCHEMA_VERSION = 1
DB_NAME = "user.json"
MAX_NOTE_CHARS = 200_000
"""Notes longer than this are refused (documented in README); 100 KB notes are fine."""

T = TypeVar("T")


class StoreUnavailable(Exception):
    """Changes cannot be saved; the message says why in words a reader understands."""


def now() -> str:
    """A sortable UTC timestamp in milliseconds, later than the one before it, so
    successive changes keep their order (:func:`tui.clock.successive_utc_iso`)."""
    return successive_utc_iso()


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


class NoteRecord(NamedTuple):
    """A note with its dates, as stored."""

    text: str
    created: str
    updated: str


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


_SETTINGS_FIELDS = {"theme": (str, type(None)), "last_node": (str, type(None)), "disclaimer_acknowledged": (bool,)}


def check_shape(data: dict[str, Any] | None) -> str | None:
    """Why a database file is not ours, or None when it has the expected shape."""
    if data is None:
        return None
    for table, docs in data.items():
        if not isinstance(docs, dict) or not all(isinstance(doc, dict) for doc in docs.values()):
            return f"table {table!r} is not a TinyDB table"
    for doc in data.get("bookmarks", {}).values():
        if not (isinstance(doc.get("node_id"), str) and isinstance(doc.get("created"), str)):
            return "a bookmark lacks node_id or created"
    for doc in data.get("notes", {}).values():
        fields = ("node_id", "text", "created", "updated")
        if not all(isinstance(doc.get(name), str) for name in fields):
            return "a note lacks node_id, text, created or updated"
    for doc in data.get("settings", {}).values():
        for name, kinds in _SETTINGS_FIELDS.items():
            if name in doc and not isinstance(doc[name], kinds):
                return f"setting {name!r} has the wrong type"
        if "schema_version" in doc and not isinstance(doc["schema_version"], int):
            return "schema_version is not an integer"
    return None


class UserStore:
    """Bookmarks, notes and settings for one data directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / DB_NAME
        self.recovered_to: Path | None = None
        """Where an unreadable database was moved on opening, to tell the reader."""
        self.unavailable: str | None = None
        """Why changes cannot be saved (None when they can)."""
        self._storage = AtomicJSONStorage(self.path)
        self._lock = InterProcessLock(directory / f"{DB_NAME}.lock")
        self._memory_settings = Settings()
        self._ignore_file = False
        """True when the file is unreadable and could not be moved aside (read-only dir)."""

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path) -> UserStore:
        """Open (creating) the store in ``directory``; never raises for bad files or dirs."""
        store = cls(directory)
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            store.unavailable = f"cannot create {directory}: {_reason(error)}"
            return store
        try:
            with store._lock:
                store._recover_if_unreadable()
                if store._storage.read() is None:
                    store._table("settings").insert({"schema_version": SCHEMA_VERSION})
        except OSError as error:
            store.unavailable = f"cannot write to {directory}: {_reason(error)}"
            store._recover_readonly()
        else:
            version = store._raw_settings().get("schema_version", SCHEMA_VERSION)
            if version > SCHEMA_VERSION:
                store.unavailable = (
                    f"{store.path} was written by a newer version of Semax Explorer; it is left untouched"
                )
        return store

    def _recover_if_unreadable(self) -> None:
        """Move a bad database aside (never delete it) so a fresh one can start."""
        try:
            problem = check_shape(self._storage.read())
        except UnreadableFile as error:
            problem = str(error)
        if problem is None:
            return
        if not os.path.lexists(self.path):
            return
        target = self.path.with_name(f"{DB_NAME}.corrupt-{file_stamp()}")
        os.replace(self.path, target)
        self.recovered_to = target

    def _recover_readonly(self) -> None:
        """In a read-only directory a bad file cannot be moved aside: it is just not read."""
        try:
            self._ignore_file = check_shape(self._storage.read()) is not None
        except UnreadableFile:
            self._ignore_file = True

    # --- reading -------------------------------------------------------------------------

    def _table(self, name: str) -> Table:
        # A fresh Table every time, without a query cache: TinyDB caches query results
        # and the next document id per Table object, and another process may have
        # written since.
        return Table(self._storage, name, cache_size=0)

    def _docs(self, name: str) -> list[dict[str, Any]]:
        if self._ignore_file:
            return []
        try:
            return [dict(doc) for doc in self._table(name).all()]
        except (UnreadableFile, OSError, ValueError):
            return []

    def _raw_settings(self) -> dict[str, Any]:
        docs = self._docs("settings")
        return docs[0] if docs else {}

    def bookmarks(self) -> dict[str, str]:
        """Bookmarked node ids with when each was made."""
        return {doc["node_id"]: doc["created"] for doc in self._docs("bookmarks")}

    def notes(self) -> dict[str, dict[str, str]]:
        """Notes by node id: ``{"text", "created", "updated"}``."""
        return {doc["node_id"]: doc for doc in self._docs("notes")}

    def is_bookmarked(self, node_id: str) -> bool:
        return node_id in self.bookmarks()

    def note(self, node_id: str) -> str | None:
        """The note on a node, if any."""
        doc = self.notes().get(node_id)
        return doc["text"] if doc else None

    def entries(self) -> list[Entry]:
        """Every bookmarked or annotated node, most recently changed first."""
        bookmarks, notes = self.bookmarks(), self.notes()
        out = []
        for node_id in bookmarks.keys() | notes.keys():
            note = notes.get(node_id)
            times = [t for t in (bookmarks.get(node_id), note and note["created"]) if t]
            updated = [t for t in (bookmarks.get(node_id), note and note["updated"]) if t]
            out.append(Entry(node_id, node_id in bookmarks, note["text"] if note else None, min(times), max(updated)))
        return sorted(out, key=lambda e: (e.updated, e.node_id), reverse=True)

    def settings(self) -> Settings:
        raw = self._raw_settings()
        if not raw:
            return self._memory_settings
        return Settings(
            theme=raw.get("theme"),
            last_node=raw.get("last_node"),
            disclaimer_acknowledged=bool(raw.get("disclaimer_acknowledged", False)),
        )

    # --- changing --------------------------------------------------------------------------

    @contextmanager
    def _changing(self) -> Iterator[None]:
        """Hold the lock for a read-modify-write; turn OS failures into a clear reason."""
        if self.unavailable:
            raise StoreUnavailable(f"Bookmarks and notes are unavailable: {self.unavailable}")
        try:
            with self._lock:
                yield
        except UnreadableFile as error:
            raise StoreUnavailable(f"Could not save: {error}") from None
        except OSError as error:
            raise StoreUnavailable(f"Could not save to {self.directory}: {_reason(error)}") from None

    def _change(self, operation: Callable[[], T]) -> T:
        with self._changing():
            return operation()

    def toggle_bookmark(self, node_id: str) -> bool:
        """Add or remove a bookmark; True when the node is now bookmarked."""

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

    def save_note(self, node_id: str, text: str) -> None:
        """Create or replace the note on a node; an empty note deletes it."""
        if len(text) > MAX_NOTE_CHARS:
            raise StoreUnavailable(
                f"The note is {len(text):,} characters; the limit is {MAX_NOTE_CHARS:,}. Nothing was saved."
            )
        if not text.strip():
            self.delete_note(node_id)
            return

        def save() -> None:
            table = self._table("notes")
            stamp = now()
            existing = table.get(Query().node_id == node_id)
            if isinstance(existing, Document):
                table.update({"text": text, "updated": stamp}, doc_ids=[existing.doc_id])
            else:
                table.insert({"node_id": node_id, "text": text, "created": stamp, "updated": stamp})

        self._change(save)

    def delete_note(self, node_id: str) -> None:
        self._change(lambda: self._remove("notes", node_id))

    def delete_entry(self, node_id: str) -> None:
        """Remove both the bookmark and the note of a node."""

        def delete() -> None:
            self._remove("bookmarks", node_id)
            self._remove("notes", node_id)

        self._change(delete)

    def _remove(self, table_name: str, node_id: str) -> None:
        """Remove a node's document, writing only when there is one (call under the lock)."""
        table = self._table(table_name)
        existing = table.get(Query().node_id == node_id)
        if isinstance(existing, Document):
            table.remove(doc_ids=[existing.doc_id])

    def update_settings(self, **changes: Any) -> None:
        """Save settings; where changes cannot be saved they last for this run only."""
        unknown = set(changes) - set(_SETTINGS_FIELDS)
        if unknown:
            raise TypeError(f"unknown settings: {sorted(unknown)}")
        self._memory_settings = self.settings()._replace(**changes)
        if self.unavailable:
            return

        def save() -> None:
            table = self._table("settings")
            if table.all():
                table.update(changes, doc_ids=[table.all()[0].doc_id])
            else:
                table.insert({"schema_version": SCHEMA_VERSION, **changes})

        # Settings are a convenience: when they cannot be saved, memory is the fallback.
        with suppress(StoreUnavailable):
            self._change(save)

    # --- whole-store operations (import) ------------------------------------------------

    def snapshot(self) -> UserData:
        """Every bookmark and note exactly as stored, for export and import."""
        return UserData(
            bookmarks={doc["node_id"]: doc["created"] for doc in self._docs("bookmarks")},
            notes={
                doc["node_id"]: NoteRecord(doc["text"], doc["created"], doc["updated"]) for doc in self._docs("notes")
            },
        )

    def replace_data(self, data: UserData, *, backup: bool = False) -> Path | None:
        """Replace all bookmarks and notes in one atomic write (settings are kept).

        With ``backup``, the old database is first copied beside it, and its path returned.
        """
        saved: Path | None = None

        def rewrite() -> None:
            nonlocal saved
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

        self._change(rewrite)
        return saved

    def close(self) -> None:
        self._lock.close()
        self._storage.close()


def _reason(error: OSError) -> str:
    """An OSError in plain words."""
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    return error.strerror or str(error)
