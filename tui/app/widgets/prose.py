"""Markdown as wrapped lines, for the reader's section views to draw.

Textual's ``Markdown`` widget builds a widget for every block after it is mounted, so a
document keeps changing height for a moment (a section scrolled to the top drifts) and
a long topic costs hundreds of widgets to style and lay out. Here a document is parsed
once into blocks (:mod:`prose_blocks`) and rendered as lines, with hanging indents for
list items. Plain pack text is read by :mod:`simple_markdown`; anything more (quotes,
code, links, headings) by markdown-it. Nothing is parsed as markup, links show their
address, and anything unknown is shown as literal text.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from textual.content import Content

from tui.app.widgets.prose_blocks import Block
from tui.app.widgets.simple_markdown import simple_blocks


class Highlight(Protocol):
    """Finds the spans of a line to mark (a search's words)."""

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The ``(start, end)`` offsets of the words to mark in ``text``."""


_MIN_TEXT_WIDTH = 8


@lru_cache(maxsize=1024)
def parse_blocks(markdown: str) -> tuple[Block, ...]:
    """The blocks of a Markdown document, in order: the plain subset read directly, any
    other Markdown by markdown-it (imported the first time it is needed).

    Kept for the last thousand texts (blocks never change), so showing a topic again
    does not parse it again.
    """
    blocks = simple_blocks(markdown)
    if blocks is None:
        from tui.app.widgets.commonmark_blocks import commonmark_blocks  # noqa: PLC0415 - see its docstring

        blocks = commonmark_blocks(markdown)
    return tuple(blocks)


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
