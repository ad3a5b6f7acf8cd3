"""Commands over the reader's own data: ``bookmarks`` (and, later, export and import)."""

from __future__ import annotations

import argparse
from typing import Any

from tui.cli.content_commands import open_pack
from tui.cli.output import Output, fail
from tui.content import Content
from tui.content.document import breadcrumb_text
from tui.store import Entry, UserStore, data_dir
from tui.textsafe import one_line

MISSING = "missing from the current content"


def open_store(args: argparse.Namespace) -> UserStore:
    """The store for --data-dir / the environment / the platform, telling of any recovery."""
    store = UserStore.open(data_dir(args.data_dir))
    if store.recovered_to is not None:
        fail(f"your user data could not be read; it was moved to {store.recovered_to} and a fresh file started")
    return store


def entry_title(content: Content, entry: Entry) -> str:
    """``Topic › Section`` for an entry, or its id marked as missing."""
    if entry.node_id in content:
        return breadcrumb_text(content, entry.node_id)
    return f"{entry.node_id} ({MISSING})"


def entry_json(content: Content, entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.node_id,
        "title": entry_title(content, entry),
        "missing": entry.node_id not in content,
        "bookmarked": entry.bookmarked,
        "note": entry.note,
        "created": entry.created,
        "updated": entry.updated,
    }


def cmd_bookmarks(args: argparse.Namespace, out: Output) -> int:
    content = open_pack(args)
    store = open_store(args)
    entries = store.entries()
    if args.json:
        out.json([entry_json(content, entry) for entry in entries])
        return 0
    if not entries:
        out.line("No bookmarks or notes yet. In the explorer, b bookmarks and n writes a note.")
        return 0
    for entry in entries:
        mark = "★" if entry.bookmarked else " "
        title = out.safe(entry_title(content, entry))
        out.line(f"{mark} {out.style(title, 'bold')}  {out.style(out.safe(entry.node_id), 'dim')}")
        if entry.note is not None:
            out.line(f"  ✎ {one_line(entry.first_line, 100)}" if out.is_terminal else f"  ✎ {entry.first_line}")
        out.line(out.style(f"  updated {entry.updated[:10]}", "dim"))
    return 0
