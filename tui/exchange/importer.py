"""Reading an export back: validated as a whole, planned, then applied in one write.

Nothing is partly applied: a file with any problem is rejected with a message that
names the item and field. Merging never drops anything the reader wrote: a node
bookmarked on either side stays bookmarked, and when both sides have different notes
on a node, the newer one leads and the other follows under a dated separator.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.exchange.formats import FORMAT_NAME, FORMAT_VERSION
from tui.files import read_regular, reason
from tui.store import NoteRecord, RecordRejected, UserData, UserStore
from tui.store.records import id_problem, note_problem, stamp_problem
from tui.store.user_store import joined


class ImportRejected(Exception):
    """The file cannot be imported; nothing was changed."""


def read_import(path: Path) -> UserData:
    """The bookmarks and notes in an export file, or :class:`ImportRejected` saying why.

    Only a regular file is read (a FIFO or a device is refused without blocking), and
    only up to the size limit; every record passes the store's gate."""
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        raise ImportRejected(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImportRejected(f"{path} is a directory, not an export file") from None
    except OSError as error:
        raise ImportRejected(f"cannot read {path}: {reason(error)}") from None
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportRejected(
            f"{path} is not UTF-8 text (is it the Markdown or HTML export? import reads JSON)"
        ) from None
    except (ValueError, RecursionError) as error:
        raise ImportRejected(f"{path} is not JSON ({error}); import reads the JSON export") from None
    return parse_document(document)


def parse_document(document: Any) -> UserData:
    """Validate an export document completely before anything is used."""
    if not isinstance(document, dict):
        raise ImportRejected("not a Semax Explorer export: expected a JSON object")
    if document.get("format") != FORMAT_NAME:
        raise ImportRejected(
            f"not a Semax Explorer export: 'format' is {document.get('format')!r}, not {FORMAT_NAME!r}"
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportRejected("'version' must be an integer")
    if version > FORMAT_VERSION:
        raise ImportRejected(f"the export is version {version}; this program reads up to version {FORMAT_VERSION}")
    items = document.get("items")
    if not isinstance(items, list):
        raise ImportRejected("'items' must be a list")
    bookmarks: dict[str, str] = {}
    notes: dict[str, NoteRecord] = {}
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"items[{index}]"
        if not isinstance(item, dict):
            raise ImportRejected(f"{where} must be an object")
        node_id = _gated(item, where, "id", id_problem)
        if node_id in seen:
            raise ImportRejected(f"{where}.id {node_id!r} appears twice")
        seen.add(node_id)
        if _field(item, where, "bookmarked", bool):
            bookmarks[node_id] = _gated(item, where, "bookmark_created", stamp_problem)
        if _field(item, where, "note", str, nullable=True) is not None:
            notes[node_id] = NoteRecord(
                _gated(item, where, "note", note_problem),
                _gated(item, where, "note_created", stamp_problem),
                _gated(item, where, "note_updated", stamp_problem),
            )
    return UserData(bookmarks, notes)


def _gated(item: dict[str, Any], where: str, name: str, problem: Callable[[object], str | None]) -> Any:
    """A field checked by the store's own gate: what the store would refuse, import refuses."""
    value = item.get(name)
    found = problem(value)
    if found:
        raise ImportRejected(f"{where}.{name} {found}")
    return value


def _field(item: dict[str, Any], where: str, name: str, kind: type, *, nullable: bool = False) -> Any:
    value = item.get(name)
    if value is None and nullable:
        return None
    if not isinstance(value, kind) or (kind is str and isinstance(value, bool)):
        expected = {str: "a string", bool: "true or false"}[kind] + (" or null" if nullable else "")
        raise ImportRejected(f"{where}.{name} must be {expected}, got {json.dumps(value)[:40]}")
    return value


class ImportPlan:
    """What an import would do, item by item, and the data it would leave."""

    def __init__(self, result: UserData) -> None:
        self.result = result
        self.added: list[str] = []
        self.changed: list[str] = []
        self.kept: list[str] = []

    def summary(self) -> str:
        """How many items the import adds, changes and keeps, on one line for the command's report."""
        return f"{len(self.added)} added, {len(self.changed)} changed, {len(self.kept)} kept"


def _merge_notes(mine: NoteRecord, theirs: NoteRecord) -> NoteRecord:
    """Both texts, the newer first; the other under a dated separator. Nothing is dropped."""
    newer, older = (theirs, mine) if theirs.updated > mine.updated else (mine, theirs)
    if older.text in newer.text:  # already merged once: importing again changes nothing
        return newer
    return NoteRecord(joined(newer.text, older.text, older.updated), min(mine.created, theirs.created), newer.updated)


def plan_merge(current: UserData, incoming: UserData) -> ImportPlan:
    """Merge ``incoming`` into ``current`` (the default import)."""
    bookmarks = dict(current.bookmarks)
    notes = dict(current.notes)
    plan = ImportPlan(UserData(bookmarks, notes))
    for node_id in sorted(incoming.bookmarks.keys() | incoming.notes.keys()):
        changed = False
        added = node_id not in current.bookmarks and node_id not in current.notes
        if node_id in incoming.bookmarks and node_id not in bookmarks:
            bookmarks[node_id] = incoming.bookmarks[node_id]
            changed = True
        theirs = incoming.notes.get(node_id)
        if theirs is not None:
            mine = notes.get(node_id)
            if mine is None:
                notes[node_id] = theirs
                changed = True
            elif mine.text != theirs.text:
                merged = _merge_notes(mine, theirs)
                changed = changed or merged != mine
                notes[node_id] = merged
        (plan.added if added else plan.changed if changed else plan.kept).append(node_id)
    return plan


def plan_replace(current: UserData, incoming: UserData) -> ImportPlan:
    """Replace everything with ``incoming`` (``--replace``; the caller backs up first)."""
    plan = ImportPlan(incoming)
    for node_id in sorted(incoming.bookmarks.keys() | incoming.notes.keys()):
        mine = (current.bookmarks.get(node_id), current.notes.get(node_id))
        theirs = (incoming.bookmarks.get(node_id), incoming.notes.get(node_id))
        if mine == (None, None):
            plan.added.append(node_id)
        else:
            (plan.kept if mine == theirs else plan.changed).append(node_id)
    return plan


def import_into(store: UserStore, incoming: UserData, *, replace: bool) -> tuple[ImportPlan, Path | None]:
    """Merge (or, with ``replace``, after a backup, replace) in one change under the
    store's lock: the plan is made from the data as it is at that moment, so a change by
    another process can never be lost between reading and writing. Returns the plan and
    the backup's path. :class:`ImportRejected` when the result would break a limit (a
    merged note over the note limit), with nothing written."""
    planner = plan_replace if replace else plan_merge

    def compute(current: UserData) -> tuple[UserData, ImportPlan]:
        plan = planner(current, incoming)
        return plan.result, plan

    try:
        return store.rewrite(compute, backup=replace)
    except RecordRejected as error:
        raise ImportRejected(f"the result would not fit: {error}") from None
