"""The one gate for records: what a bookmark, a note, a draft and the settings may hold.

Everything that enters the user store (from the app, an import or a replace) is checked
here before it is written, and everything read from the file is checked here before it
is used, so no command ever meets a record it cannot handle: an empty timestamp, a 45 MB
note, an id with a newline in it, a document id that is not a number.

- A node id looks like the ids of a pack (``topic`` or ``topic/slug``: lower-case
  letters, digits and hyphens), at most :data:`MAX_ID_CHARS` long; only such ids can
  ever name a node, and they cannot carry markup, controls or line breaks.
- A time is ISO 8601 in UTC, as this program writes it (``2026-11-25T08:47:10.123+00:00``,
  or with ``Z``).
- A note is text that is not blank, at most :data:`MAX_NOTE_CHARS` characters: the limit
  the editor shows, applied at every door.

:func:`clean_tables` reads a whole database through the gate: records that fit are kept
(renumbered when their document ids are not numbers), and each one that does not is
named in :attr:`Cleaned.damaged`, so the store can keep the file as it was and go on with
the rest (see :class:`tui.store.user_store.UserStore`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, NamedTuple

MAX_NOTE_CHARS = 200_000
"""Notes longer than this are refused everywhere (README, Reliability); 100 KB notes are fine."""

MAX_ID_CHARS = 200
"""The longest node id accepted (the shipped pack's longest is under 40)."""

NODE_ID = r"[a-z0-9][a-z0-9-]*(?:/[a-z0-9][a-z0-9-]*)?"
"""The grammar of pack ids (:mod:`tui.content.validate` enforces the same)."""

STAMP = (
    r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?(?:\+00:00|Z)"
)
"""An ISO 8601 time in UTC, as this program writes them."""

THEME = r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}"
"""A theme name as Textual spells them (``textual-dark``, ``catppuccin-mocha``)."""


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern compiled the first time a record is checked against it: a command that
    reads no record (``topics``, ``show``) never pays for compiling it."""
    return re.compile(pattern)


TABLES = ("bookmarks", "notes", "drafts", "settings")
"""The tables this program owns; any other table in the file is left as it is."""


class RecordRejected(ValueError):
    """A record does not fit the schema; the message names the record and the field."""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def id_problem(value: object) -> str | None:
    """Why a value cannot be a node id, or None."""
    if not isinstance(value, str):
        return f"must be a node id (a string), got {_shown(value)}"
    if len(value) > MAX_ID_CHARS:
        return f"is {len(value):,} characters long; a node id is at most {MAX_ID_CHARS}"
    if not _compiled(NODE_ID).fullmatch(value):
        return f"{_shown(value)} is not a node id (like 'mechanism/bdnf')"
    return None


def stamp_problem(value: object) -> str | None:
    """Why a value cannot be a timestamp, or None."""
    if not isinstance(value, str) or not _compiled(STAMP).fullmatch(value):
        return f"must be an ISO 8601 UTC time like '2026-11-25T08:47:10.123+00:00', got {_shown(value)}"
    return None


def note_problem(value: object) -> str | None:
    """Why a value cannot be a note's text, or None."""
    if not isinstance(value, str):
        return f"must be text, got {_shown(value)}"
    if len(value) > MAX_NOTE_CHARS:
        return f"is {len(value):,} characters; the limit is {MAX_NOTE_CHARS:,}"
    if not value.strip():
        return "is blank (an empty note is no note)"
    return None


def check(problem: str | None, where: str) -> None:
    """Raise :class:`RecordRejected` naming ``where`` when there is a problem."""
    if problem is not None:
        raise RecordRejected(f"{where} {problem}")


class Cleaned(NamedTuple):
    """A database read through the gate."""

    tables: dict[str, Any]
    """Every table: this program's with only the records that fit (renumbered 1, 2, ...
    when their document ids were not numbers); any other table as it was."""
    damaged: list[str]
    """One line for each record that did not fit, or that had to be renumbered."""
    changed: bool
    """Whether :attr:`tables` differs from what was read (the file needs rewriting)."""


def _first(doc: dict[str, Any], checks: Mapping[str, Callable[[object], str | None]]) -> str | None:
    """The first field of a record that does not fit, as ``field problem``."""
    for field, problem_of in checks.items():
        problem = problem_of(doc.get(field))
        if problem:
            return f"{field} {problem}"
    return None


def _draft_problem(value: object) -> str | None:
    if not isinstance(value, str) or len(value) > MAX_NOTE_CHARS:
        return f"must be text of at most {MAX_NOTE_CHARS:,} characters"
    return None


def _bookmark(doc: dict[str, Any]) -> str | None:
    return _first(doc, {"node_id": id_problem, "created": stamp_problem})


def _note(doc: dict[str, Any]) -> str | None:
    checks = {"node_id": id_problem, "text": note_problem, "created": stamp_problem, "updated": stamp_problem}
    return _first(doc, checks)


def _draft(doc: dict[str, Any]) -> str | None:
    return _first(doc, {"node_id": id_problem, "text": _draft_problem, "saved": stamp_problem})


_CHECKS = {"bookmarks": _bookmark, "notes": _note, "drafts": _draft}


EXPORT_FORMATS = ("markdown", "json", "html")
"""The formats the export dialog can remember (the exchange layer's, named here so the
store does not depend on it)."""
MAX_FOLDER = 4096
"""The longest folder path a settings record keeps (PATH_MAX on Linux)."""


def settings_problems(doc: dict[str, Any]) -> dict[str, str]:
    """Field → why it cannot be kept, for a settings record."""
    problems: dict[str, str] = {}
    theme = doc.get("theme")
    if theme is not None and not (isinstance(theme, str) and _compiled(THEME).fullmatch(theme)):
        problems["theme"] = f"is not a theme name: {_shown(theme)}"
    last = doc.get("last_node")
    if last is not None and id_problem(last):
        problems["last_node"] = f"is not a node id: {_shown(last)}"
    if "disclaimer_acknowledged" in doc and not isinstance(doc["disclaimer_acknowledged"], bool):
        problems["disclaimer_acknowledged"] = "is not true or false"
    width = doc.get("tree_width")
    if width is not None and not (isinstance(width, int) and not isinstance(width, bool) and 8 <= width <= 400):
        problems["tree_width"] = f"is not a width in columns: {_shown(width)}"
    fmt = doc.get("export_format")
    if fmt is not None and fmt not in EXPORT_FORMATS:
        problems["export_format"] = f"is not an export format: {_shown(fmt)}"
    folder = doc.get("export_folder")
    if folder is not None and not (
        isinstance(folder, str) and os.path.isabs(folder) and len(folder) <= MAX_FOLDER and "\x00" not in folder
    ):
        problems["export_folder"] = f"is not an absolute folder path: {_shown(folder)}"
    version = doc.get("schema_version")
    if "schema_version" in doc and not (isinstance(version, int) and not isinstance(version, bool) and version > 0):
        problems["schema_version"] = "is not a positive integer"
    return problems


_NODE_ID_KEY = rb'"node_id"\s*:'


def hidden_by_duplicate_keys(raw: bytes, data: dict[str, Any]) -> int:
    """How many records the file holds that parsing it dropped: JSON keeps only the last
    of two equal keys (a document id written twice by hand), so counting the records'
    ``node_id`` fields in the bytes finds the ones that were lost. (Inside a string a
    quote is escaped, so a note's text cannot match.)"""
    parsed = sum(
        1
        for docs in data.values()
        if isinstance(docs, dict)
        for doc in docs.values()
        if isinstance(doc, dict) and "node_id" in doc
    )
    return max(0, len(re.findall(_NODE_ID_KEY, raw)) - parsed)


def clean_tables(raw: dict[str, Any], *, hidden: int = 0) -> Cleaned:
    """The database's records that fit, and a line for each that does not; ``hidden``
    records dropped by duplicate keys make the file count as changed (so it is kept)."""
    damaged: list[str] = []
    if hidden:
        damaged.append(f"{hidden} record{'s' if hidden != 1 else ''} hidden by a document id written twice")
    tables: dict[str, Any] = {name: docs for name, docs in raw.items() if name not in TABLES}
    for name in TABLES:
        if name not in raw:
            continue
        docs = raw[name]
        if not isinstance(docs, dict):
            damaged.append(f"table {name!r} is not a TinyDB table")
            tables[name] = {}
            continue
        if name == "settings":
            tables[name] = _clean_settings(docs, damaged)
        else:
            tables[name] = _clean_records(name, docs, damaged)
    return Cleaned(tables, damaged, bool(hidden) or tables != raw)


def _clean_records(name: str, docs: dict[str, Any], damaged: list[str]) -> dict[str, Any]:
    kept: dict[str, dict[str, Any]] = {}  # node id → the record
    renumber = False
    for doc_id, doc in docs.items():
        if not (isinstance(doc_id, str) and doc_id.isdigit() and doc_id.isascii() and int(doc_id) > 0):
            renumber = True
        if not isinstance(doc, dict):
            damaged.append(f"{name} document {_shown(doc_id)} is not a record")
            continue
        problem = _CHECKS[name](doc)
        if problem:
            damaged.append(f"{name} document {_shown(doc_id)}: {problem}")
            continue
        record = dict(doc)  # fields of a later version are kept as they are
        node_id = record["node_id"]
        other = kept.get(node_id)
        if other is None:
            kept[node_id] = record
        elif name == "bookmarks":  # one flag: keep when it was first set
            kept[node_id] = min(other, record, key=lambda r: r["created"])
            renumber = True
        else:
            kept[node_id] = other if _newer(other, record) else record
            damaged.append(f"{name} document {_shown(doc_id)}: a second {name[:-1]} on {node_id} (the newer is kept)")
    if renumber:
        damaged.append(f"{name}: document ids renumbered")
    if renumber or len(kept) != len(docs):
        return {str(number): record for number, record in enumerate(kept.values(), 1)}
    return dict(zip(docs, kept.values(), strict=True))


def _newer(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a.get("updated", a.get("saved", "")) >= b.get("updated", b.get("saved", "")))


def _clean_settings(docs: dict[str, Any], damaged: list[str]) -> dict[str, Any]:
    records = [doc for doc in docs.values() if isinstance(doc, dict)]
    if len(records) != len(docs) or len(records) > 1:
        damaged.append("settings: more than one record, or one that is not a record")
    if not records:
        return {}
    doc = records[0]
    problems = settings_problems(doc)
    for field, problem in problems.items():
        damaged.append(f"settings field {field!r} {problem}")
    kept = {field: value for field, value in doc.items() if field not in problems}
    doc_id = next(iter(docs))
    valid = isinstance(doc_id, str) and doc_id.isascii() and doc_id.isdigit() and int(doc_id) > 0
    if not valid:
        damaged.append(f"settings: document id {_shown(doc_id)} renumbered")
    return {doc_id if valid and len(docs) == 1 else "1": kept}
