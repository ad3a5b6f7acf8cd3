"""Markdown shown as one widget that wraps its own lines.

Textual's ``Markdown`` widget builds a widget for every block after it is mounted, so a
document keeps changing height for a moment (a section scrolled to the top drifts) and
a long topic costs hundreds of widgets to style and lay out. ``Prose`` parses a
document once into blocks (:mod:`prose_blocks`) and renders them as lines, with
hanging indents for list items. Plain pack text is read by :mod:`simple_markdown`;
anything more (quotes, code, links, headings) by markdown-it. Nothing is parsed as
markup, links show their address, and anything unknown is shown as literal text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from tui.app.widgets.prose_blocks import Block
from tui.app.widgets.simple_markdown import simple_blocks


class Highlight(Protocol):
    """Finds the spans of a line to mark (a search's words)."""

    def spans(self, text: str) -> list[tuple[int, int]]: ...


_MIN_TEXT_WIDTH = 8


def parse_blocks(markdown: str) -> list[Block]:
    """The blocks of a Markdown document, in order: the plain subset read directly, any
    other Markdown by markdown-it (imported the first time it is needed)."""
    blocks = simple_blocks(markdown)
    if blocks is None:
        from tui.app.widgets.commonmark_blocks import commonmark_blocks  # noqa: PLC0415 - see its docstring

        blocks = commonmark_blocks(markdown)
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
