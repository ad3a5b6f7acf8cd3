"""Links in the reader's text: marked in the parts a node shows, found again when drawn.

A link is a span of text whose style carries the node it leads to (Textual keeps a
style's ``meta`` through wrapping), numbered within its node, so a link wrapped over
two lines is still one link. :class:`Linker` marks them while a node's parts are made
(:mod:`node_parts`); :func:`link_of` reads them back from a laid-out line
(:mod:`section_view`). What is a link is decided in the content layer
(:mod:`tui.content.links`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.content import Content, Span
from textual.style import Style

from tui.app.safe import literal
from tui.app.widgets.prose_blocks import Block
from tui.content import Node, Pack
from tui.content.links import finder


class Link(NamedTuple):
    """A link's identity in its node: its number, where it leads, and what kind it is."""

    number: int
    target: str
    kind: str
    """``see`` (a cross-reference), ``term`` (a glossary term), ``related`` (see also) or ``source``."""


def link_style(link: Link) -> Style:
    """The style that marks a span of text as a link (no colour: the view gives it one)."""
    return Style.from_meta({"link": link.target, "n": link.number, "kind": link.kind})


def link_of(span: Span) -> Link | None:
    """The link a span of a laid-out line marks, if any."""
    style = span.style
    if not isinstance(style, Style):
        return None
    meta = style.meta  # read once per style and kept (a cached property)
    target, number, kind = meta.get("link"), meta.get("n"), meta.get("kind")
    if isinstance(target, str) and isinstance(number, int) and isinstance(kind, str):
        return Link(number, target, kind)
    return None


class Linker:
    """Marks the links of one node's texts, numbering them in reading order."""

    def __init__(self, pack: Pack, node: Node) -> None:
        self._finder = finder(pack)
        self._node = node
        self._seen: set[str] = set()
        self._count = 0

    def _next(self, target: str, kind: str) -> Style:
        link = Link(self._count, target, kind)
        self._count += 1
        return link_style(link)

    def blocks(self, blocks: Sequence[Block]) -> tuple[Block, ...]:
        """Markdown blocks with their cross-references and first glossary mentions marked
        (the blocks are shared and cached: changed copies are returned)."""
        out: list[Block] = []
        for block in blocks:
            spans = self._finder.links(block.text.plain, self._node, self._seen)
            text = block.text
            for span in spans:
                text = text.stylize(self._next(span.target, span.kind), span.start, span.end)
            out.append(block._replace(text=text) if spans else block)
        return tuple(out)

    def listed(self, lead: str, entries: Sequence[tuple[str, str]], joiner: str) -> Content:
        """``lead`` then each ``(text, node id)`` as a link, joined: the see-also line."""
        pieces: list[Content] = [literal(lead)]
        for index, (text, target) in enumerate(entries):
            if index:
                pieces.append(Content(joiner))
            pieces.append(literal(text).stylize(self._next(target, "related")))
        return Content.assemble(*pieces)

    def mentions(self, text: str, names: Sequence[tuple[str, str]]) -> Content:
        """``text`` with the first occurrence of each ``(name, node id)`` a link: the
        sources named on the provenance line."""
        content = literal(text)
        plain = content.plain
        for name, target in names:
            shown = literal(name).plain
            start = plain.find(shown)
            if start >= 0:
                content = content.stylize(self._next(target, "source"), start, start + len(shown))
        return content
