"""Command palette sources: every topic, section, term and source as a command to open."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from tui.app.messages import OpenNode
from tui.app.safe import escaped, literal
from tui.content import Pack
from tui.content.document import breadcrumb_text


def highlight(matcher: Matcher, candidate: str) -> Content:
    """Like ``Matcher.highlight``, which parses markup: pack text must stay literal."""
    content = literal(candidate)
    _, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        content = content.stylize("bold underline", offset, offset + 1)
    return content


class _Opener(Provider):
    """A provider whose commands open nodes, through the screen like any widget would."""

    def _open(self, node_id: str) -> None:
        self.screen.post_message(OpenNode(node_id))


class NodeCommands(_Opener):
    """Open any node by typing part of its breadcrumb (``mech bdnf``)."""

    @property
    def pack(self) -> Pack | None:
        """The pack of the screen the palette was opened from."""
        pack = getattr(self.screen, "pack", None)
        return pack if isinstance(pack, Pack) else None

    async def discover(self) -> Hits:
        """Before anything is typed, the palette offers every topic to open."""
        if self.pack is None:
            return
        for topic in self.pack.topics():
            yield DiscoveryHit(
                literal(f"Open {topic.title}"),
                partial(self._open, topic.id),
                help=escaped(topic.id),
            )

    async def search(self, query: str) -> Hits:
        """Every node whose breadcrumb matches what is typed, with its id and evidence label as help."""
        pack = self.pack
        if pack is None:
            return
        matcher = self.matcher(query)
        for node in pack.walk():
            crumb = breadcrumb_text(pack, node.id)
            score = matcher.match(crumb)
            if score > 0:
                level = node.evidence_level
                about = f"{node.id} · {level.badge}" if level else node.id
                yield Hit(
                    score,
                    highlight(matcher, crumb),
                    partial(self._open, node.id),
                    text=crumb,
                    help=escaped(about),
                )


class BookmarkCommands(_Opener):
    """Open a bookmarked or annotated node: ``Bookmark: Topic › Section``."""

    def _rows(self) -> list[tuple[str, str]]:
        pack = getattr(self.screen, "pack", None)
        store = getattr(self.screen, "store", None)
        if not isinstance(pack, Pack) or store is None:
            return []
        rows = []
        for entry in store.entries():
            if entry.node_id in pack:
                kind = "Bookmark" if entry.bookmarked else "Note"
                crumb = breadcrumb_text(pack, entry.node_id)
                rows.append((entry.node_id, f"{kind}: {crumb}"))
        return rows

    async def discover(self) -> Hits:
        """Before anything is typed, the palette offers every bookmarked or annotated node."""
        for node_id, text in self._rows():
            yield DiscoveryHit(literal(text), partial(self._open, node_id), help=escaped(node_id))

    async def search(self, query: str) -> Hits:
        """The bookmarked or annotated nodes whose line (``Note: Topic › Section``) matches what is typed."""
        matcher = self.matcher(query)
        for node_id, text in self._rows():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score, highlight(matcher, text), partial(self._open, node_id), text=text, help=escaped(node_id)
                )
