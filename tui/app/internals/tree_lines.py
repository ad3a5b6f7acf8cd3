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
- ``Tree`` keys the rows it remembers on a count of every change to a node, its cursor
  arriving and leaving included, so a row the cursor passed is drawn again although it
  looks as it did: a burst of 20 ↓ drew 20 rows anew, and leaving a topic redrew every
  section under it (their guides lose the cursor's colour). :class:`RowCache` remembers
  rows by what they show instead (:func:`row_look`), so a row that looks as it did before
  is not drawn again.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
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


RowLook = tuple[tuple[object, ...], tuple[Text, ...]]
"""What a row shows, as a key, and the labels it is drawn from (see :func:`row_look`)."""


def row_look(tree: Tree[Any], y: int, style: Style, *also: object) -> RowLook | None:
    """Everything ``Tree._render_line`` draws row ``y`` of the widget from, as a key (None
    past the last line), with ``also`` (what the caller draws it with besides): the line
    and the scroll, the widget's size, the style, the tree's own changes (``_updates``:
    guides, theme, a new layout of its lines), its focus and pseudo-classes, the mouse and
    the cursor, and for every node on the line's path its id, label, whether it is the
    cursor's or the mouse's, open, expandable, and last among its siblings."""
    scroll_x, scroll_y = tree.scroll_offset
    line = y + scroll_y
    lines = tree._tree_lines
    if line >= len(lines):
        return None
    row = lines[line]
    path = row.path
    key = (
        line,
        scroll_x,
        also,
        style,
        tree.size,
        tree.virtual_size.width,
        tree._updates,
        tree._pseudo_class_state,
        tree.has_focus,
        tree.hover_line >= 0,
        tree.hover_line == line,
        tree.cursor_line == line,
        row.last,
        tuple(
            (node._id, id(node._label), node._selected, node._hover, node._expanded, node._allow_expand, node.is_last)
            for node in path
        ),
    )
    return key, tuple(node._label for node in path)


class RowCache:
    """Rows of a tree as drawn, by what they show (:func:`row_look`)."""

    SIZE = 1024
    """Rows remembered: every look of every row a screen of a few hundred rows shows."""

    def __init__(self) -> None:
        self._strips: LRUCache[tuple[object, ...], tuple[Strip, tuple[Text, ...]]] = LRUCache(self.SIZE)
        """Look → the row drawn, and the labels it was drawn from (kept alive, so the ids in
        the look cannot be reused by other labels while the row is remembered)."""

    def get(self, look: RowLook) -> Strip | None:
        """The row drawn for this look, if it is remembered."""
        kept = self._strips.get(look[0])
        return None if kept is None else kept[0]

    def put(self, look: RowLook, strip: Strip) -> None:
        """Remember the row drawn for a look."""
        self._strips[look[0]] = (strip, look[1])
