"""Markdown shown as one widget that wraps its own lines.

Textual's ``Markdown`` widget builds a widget for every block after it is mounted, so a
document keeps changing height for a moment (a section scrolled to the top drifts) and
a long topic costs hundreds of widgets to style and lay out. Packs use a small part of
Markdown (paragraphs, lists, emphasis, quotes, code), so ``Prose`` parses that part
once into blocks and renders them as lines, with hanging indents for list items.
Nothing is parsed as markup, links show their address, and anything unknown is shown
as literal text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from tui.textsafe import for_terminal

_PARSER = MarkdownIt("commonmark", {"html": False})


class Highlight(Protocol):
    """Finds the spans of a line to mark (a search's words)."""

    def spans(self, text: str) -> list[tuple[int, int]]: ...


_INLINE_STYLES = {"strong": "bold", "em": "italic", "s": "strike", "link": "underline"}
_MIN_TEXT_WIDTH = 8


class Block(NamedTuple):
    """One paragraph-like piece of a document, ready to wrap."""

    text: Content
    marker: str = ""
    """A list item's bullet or number, shown on its first line only."""
    indent: int = 0
    """Cells before the marker (nested lists)."""
    quote: bool = False
    gap_before: bool = True
    """A blank line separates it from the block before (not between list items)."""
    wrap: bool = True
    """False for code, which is folded at the edge instead of wrapped at words."""


def inline_content(tokens: Sequence[Token]) -> Content:
    """The children of an ``inline`` token as styled, literal Content.

    A link shows its address after its text, so no target is hidden from the reader.
    """
    parts: list[tuple[str, str]] = []
    active: list[str] = []
    links: list[tuple[str, int]] = []  # (href, index in parts where its text starts)
    for token in tokens:
        kind, _, edge = token.type.rpartition("_")
        if edge == "open" and kind in _INLINE_STYLES:
            active.append(_INLINE_STYLES[kind])
            if kind == "link":
                links.append((str(token.attrs.get("href", "")), len(parts)))
        elif edge == "close" and kind in _INLINE_STYLES:
            if active:
                active.pop()
            if kind == "link" and links:
                href, first = links.pop()
                text = "".join(text for text, _ in parts[first:])
                if href and href not in (text, f"mailto:{text}"):
                    parts.append((f" ({for_terminal(href)})", "dim"))
        elif token.type == "softbreak":
            parts.append((" ", ""))
        elif token.type == "hardbreak":
            parts.append(("\n", ""))
        else:
            style = [*active, "bold"] if token.type == "code_inline" else active
            parts.append((for_terminal(token.content or ""), " ".join(style)))
    return Content.assemble(*parts)


def parse_blocks(markdown: str) -> list[Block]:
    """The blocks of a Markdown document, in order."""
    blocks: list[Block] = []
    numbers: list[int | None] = []  # per open list: the next number, or None for bullets
    quote = 0
    marker: str | None = None
    new_list = False  # the next item starts a top-level list: it takes the blank line
    tokens = _PARSER.parse(markdown)
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrs.get("start", 1) if kind == "ordered_list_open" else None
            numbers.append(int(start) if start is not None else None)
            new_list = new_list or len(numbers) == 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            numbers.pop()
        elif kind == "list_item_open":
            number = numbers[-1]
            marker = "•" if number is None else f"{number}."
            if number is not None:
                numbers[-1] = number + 1
        elif kind in ("blockquote_open", "blockquote_close"):
            quote += 1 if kind.endswith("open") else -1
        elif kind == "inline":
            text = inline_content(token.children or [])
            if tokens[index - 1].type == "heading_open":
                text = text.stylize("bold underline" if tokens[index - 1].tag == "h1" else "bold")
            indent = 2 * max(len(numbers) - 1, 0)
            if marker is not None:
                blocks.append(Block(text, marker, indent, bool(quote), gap_before=new_list))
                marker, new_list = None, False
            elif numbers:  # a later paragraph of a list item: aligned with its text
                blocks.append(Block(text, "", indent + 2, bool(quote), gap_before=False))
            else:
                blocks.append(Block(text, quote=bool(quote)))
        elif kind in ("fence", "code_block"):
            code = Content.styled(for_terminal(token.content.rstrip("\n")), "bold")
            blocks.append(Block(code, quote=bool(quote), wrap=False))
        elif kind == "hr":
            blocks.append(Block(Content("―" * 3)))
    return blocks


def render_lines(blocks: Sequence[Block], width: int) -> list[Content]:
    """The blocks wrapped to ``width`` cells, list items with a hanging indent."""
    lines: list[Content] = []
    for block in blocks:
        if block.gap_before and lines:
            lines.append(Content(""))
        lead = " " * block.indent + ("▎ " if block.quote else "")
        marker_width = len(block.marker) + 1 if block.marker else 0
        available = max(width - len(lead) - marker_width, _MIN_TEXT_WIDTH)
        rows = [line for part in block.text.split("\n") for line in _fit(part, available, block.wrap)]
        for row_index, row in enumerate(rows or [Content("")]):
            marker = block.marker if row_index == 0 else ""
            prefix = Content.assemble((lead, "dim"), (marker.ljust(marker_width), "bold"))
            lines.append(prefix + row if prefix.cell_length else row)
    return lines


def _fit(line: Content, width: int, wrap: bool) -> list[Content]:
    return line.wrap(width) if wrap else line.fold(width)


class Prose(Widget):
    """A Markdown string as one widget; its height is known as soon as its width is."""

    DEFAULT_CSS = """
    Prose {
        height: auto;
    }
    """

    def __init__(self, markdown: str, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.markdown = markdown
        self.blocks = parse_blocks(markdown)
        self._cache: tuple[int, list[Content]] | None = None
        self._strips: dict[int, Strip] = {}
        """Rendered lines for the cached width (cleared with the cache)."""
        self._highlight: Highlight | None = None
        self.match_lines: list[int] = []
        """Lines with a highlighted match, at the current width (for n / N)."""

    def lines(self, width: int) -> list[Content]:
        """The document wrapped to a width (remembered for the last width asked)."""
        if self._cache is None or self._cache[0] != width:
            lines = render_lines(self.blocks, width)
            self.match_lines = []
            if self._highlight is not None:
                for number, line in enumerate(lines):
                    spans = self._highlight.spans(line.plain)
                    marked = line
                    for start, end in spans:
                        marked = marked.stylize("reverse bold", start, end)
                    if spans:
                        lines[number] = marked
                        self.match_lines.append(number)
            self._cache = (width, lines)
            self._strips.clear()
        return self._cache[1]

    def highlight(self, highlight: Highlight | None) -> None:
        """Mark the words of a search (None clears the marks)."""
        self._highlight = highlight
        self._cache = None
        self._strips.clear()
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        """One line, already wrapped: Textual's line API, so nothing is wrapped twice."""
        width = self.size.width
        lines = self.lines(width)
        if y >= len(lines):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(y)
        if strip is None:
            segments = lines[y].render_segments(self.visual_style)
            strip = Strip(segments).extend_cell_length(width, self.rich_style)
            self._strips[y] = strip
        return strip
