"""Commands over the reader's own data: ``bookmarks``, and opening the store for the others."""

from __future__ import annotations

import argparse
from typing import Any

from tui.cli.content_commands import open_pack
from tui.cli.output import Output, fail
from tui.content import Pack
from tui.content.document import breadcrumb_text
from tui.store import Entry, UserStore, data_dir
from tui.textsafe import one_line

MISSING = "missing from the current content"


def open_store(args: argparse.Namespace, *, read_only: bool = False) -> UserStore:
    """The store for --data-dir / the environment / the platform, telling of any recovery.

    Commands that only read open it ``read_only``: they create, move and write nothing,
    and records that do not fit are skipped with one line saying so."""
    store = UserStore.open(data_dir(args.data_dir), read_only=read_only)
    if store.recovered_to is not None:
        fail(f"your user data could not be read; it was moved to {store.recovered_to} and a fresh file started")
    elif store.damaged_kept_at is not None:
        count = len(store.damage)
        fail(
            f"{count} record{'s' if count != 1 else ''} of your user data did not fit and "
            f"{'were' if count != 1 else 'was'} left out; the file as it was is kept at {store.damaged_kept_at}"
        )
    elif store.unreadable is not None:
        fail(f"your user data could not be read ({store.unreadable}); it was left as it is")
    elif read_only and store.damage:
        count = len(store.damage)
        fail(
            f"{count} record{'s' if count != 1 else ''} of {store.path} could not be read and "
            f"{'were' if count != 1 else 'was'} skipped ({store.damage[0]}); open the explorer to repair the file"
        )
    return store


def entry_title(content: Pack, entry: Entry) -> str:
    """``Topic › Section`` for an entry, or its id marked as missing."""
    if entry.node_id in content:
        return breadcrumb_text(content, entry.node_id)
    return f"{entry.node_id} ({MISSING})"


def entry_json(content: Pack, entry: Entry) -> dict[str, Any]:
    """An entry for ``bookmarks --json``: what the reader marked, with its title and whether the
    pack still has it."""
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
    """``bookmarks``: every bookmark and note, most recently changed first, without opening
    the explorer."""
    content = open_pack(args)
    store = open_store(args, read_only=True)
    entries = store.entries()
    if args.json:
        out.json([entry_json(content, entry) for entry in entries])
        return 0
    if not entries:
        out.line("No bookmarks or notes yet. In the explorer, b bookmarks and a writes a note.")
        return 0
    for entry in entries:
        mark = "★" if entry.bookmarked else " "
        title = out.safe(entry_title(content, entry))
        out.line(f"{mark} {out.style(title, 'bold')}  {out.style(out.safe(entry.node_id), 'dim')}")
        if entry.note is not None:
            out.line(
                f"  ✎ {one_line(entry.first_line, 100)}" if out.is_terminal else f"  ✎ {out.safe(entry.first_line)}"
            )
        out.line(out.style(f"  updated {entry.updated[:10]}", "dim"))
    return 0
