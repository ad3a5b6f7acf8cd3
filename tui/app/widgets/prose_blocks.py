"""A Markdown document as ``Prose`` shows it: a list of blocks, each ready to wrap.

Two parsers produce these: :mod:`simple_markdown` for the plain Markdown packs are
written in, and :mod:`commonmark_blocks` (markdown-it) for everything else.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.content import Content


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
