"""Textual's Tree: laying out its lines now, and drawing one row with a style worked out once.

- ``Tree`` lays out its lines lazily, when something first asks for them, and
  ``move_cursor`` reads a node's line without asking. After rows are added or a topic is
  expanded, the cursor would move to a stale line. :func:`lay_out_lines` asks (through the
  public ``last_line``) so the lines are laid out before the cursor moves; the screen moves
  the cursor at once because keys typed in a burst must find it there.
- ``Tree.render_line`` works out the widget's style, walking every ancestor, for each row
  it draws; within one frame it cannot change. :func:`render_row` draws a row with a
  style worked out once per frame (drawing the tree is faster: docs/performance.md),
  through ``Tree._render_line``, which takes that style as an argument.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual.strip import Strip
from textual.widgets import Tree


def lay_out_lines(tree: Tree[Any]) -> None:
    """Make the tree lay out its lines now, so every node's line is current."""
    _ = tree.last_line


def render_row(tree: Tree[Any], y: int, style: Style, *, extra: int = 0) -> Strip:
    """Row ``y`` of the widget (not of the tree: the scroll is added here) drawn with
    ``style``, ``extra`` cells wider than the widget (to see whether the row goes on)."""
    scroll_x, scroll_y = tree.scroll_offset
    return tree._render_line(y + scroll_y, scroll_x, scroll_x + tree.size.width + extra, style)
