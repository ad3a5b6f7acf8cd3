"""What an export holds: each bookmarked or annotated node, in tree order, with context."""

from __future__ import annotations

from typing import NamedTuple

from tui.content import Pack
from tui.content.document import breadcrumb_text, evidence_text, plain
from tui.store import NoteRecord, UserData

EXCERPT_CHARS = 240
MISSING_GROUP = "Missing from the current content"


class ExportItem(NamedTuple):
    """One node the reader marked, with everything a reader of the export needs."""

    node_id: str
    title: str
    breadcrumb: str
    topic: str
    """The group it is listed under (its topic, or the missing group)."""
    evidence: str | None
    excerpt: str
    bookmark_created: str | None
    note: NoteRecord | None

    @property
    def created(self) -> str:
        """When the reader first marked the node: the earlier of the bookmark and the note."""
        return min(t for t in (self.bookmark_created, self.note and self.note.created) if t)

    @property
    def updated(self) -> str:
        """When the reader last marked or edited it: the later of the bookmark and the note's last change."""
        return max(t for t in (self.bookmark_created, self.note and self.note.updated) if t)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a node's text on one line, cut at a word."""
    flat = " ".join(plain(text).replace("\n- ", " ").split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"


def collect(content: Pack, data: UserData) -> list[ExportItem]:
    """Items grouped by topic in tree order; nodes the pack no longer has come last."""
    ids = data.bookmarks.keys() | data.notes.keys()
    known = sorted((i for i in ids if i in content), key=content.position)
    missing = sorted(i for i in ids if i not in content)
    items = []
    for node_id in known:
        node = content.node(node_id)
        items.append(
            ExportItem(
                node_id, node.title, breadcrumb_text(content, node_id), content.breadcrumb(node_id)[0].title,
                evidence_text(node), excerpt(node.body), data.bookmarks.get(node_id), data.notes.get(node_id),
            )
        )  # fmt: skip
    for node_id in missing:
        items.append(
            ExportItem(
                node_id, node_id, node_id, MISSING_GROUP, None, "", data.bookmarks.get(node_id), data.notes.get(node_id)
            )
        )
    return items
