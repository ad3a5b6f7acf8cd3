"""The bar beside the section read: one narrow column at the reader's left, drawn apart from the sections.

The bar (``▌``) runs down the rows of the section the reader reads. It was drawn by each
section's view, in two cells the view kept at its left; moving it from one section to the
next (every step of a held key in the tree) drew every line of both views again, only to
change their first cell. Here it is its own widget, docked at the reader's left so it does
not scroll: a step redraws this column, nothing of the sections, and the column is drawn
from two strips kept from frame to frame (docs/performance.md).

Which rows it covers is worked out as it is drawn, from the layout of that same frame
(:func:`~tui.app.internals.stack_layout.places` and the reader's scroll), so the bar
cannot be a frame behind a section that moved or changed height. The reader asks for it
to be drawn again whenever the bar could move: it marks another section, it scrolls, or
its sections are laid out again.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tui.app.internals.stack_layout import places, repaint

BAR = "▌"
"""The bar's character, in the column's first cell (a space follows it, before the text)."""


class ReadingBar(Widget):
    """The column at the reader's left with the bar beside the section read."""

    DEFAULT_CSS = """
    ReadingBar {
        dock: left;
        width: 2;
        height: 100%;
        color: $accent;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._marked: Widget | None = None
        self._strips: tuple[int, Strip, Strip] | None = None
        """(width, a row with the bar, a row without) as last drawn: kept until the theme changes."""

    @property
    def marked(self) -> Widget | None:
        """The view of the section read, beside which the bar is drawn (None: no bar)."""
        return self._marked

    def mark(self, view: Widget | None) -> None:
        """Draw the bar beside ``view`` (None: nowhere)."""
        if view is not self._marked:
            self._marked = view
            self.moved()

    def moved(self) -> None:
        """The bar may have moved (the reader scrolled, or its sections were laid out
        again): draw the column again on the next frame. Cheap: see :meth:`render_lines`."""
        if self.is_attached:
            repaint(self)

    def rows(self) -> range:
        """The rows of the column, from its top, that the bar covers now."""
        reader, view = self.parent, self._marked
        if view is None or not isinstance(reader, Widget):
            return range(0)
        place = places(reader).get(view)
        if place is None or not place.height:
            return range(0)
        top = reader.scroll_offset.y
        return range(max(0, place.top - top), max(0, min(self.outer_size.height, place.bottom - top)))

    def notify_style_update(self) -> None:
        """The theme changed: the bar's colours are worked out again."""
        super().notify_style_update()
        self._strips = None

    def render_lines(self, crop: Region) -> list[Strip]:
        """The column's rows in ``crop``, the bar where :meth:`rows` says, worked out now.

        Not through Textual's cache of lines drawn, which draws again only the lines marked
        as changed: which rows change is known only once the frame's layout is (a section
        above the one read may have grown), and drawing this column whole is two strips
        repeated (the theme's filters applied to each, as Textual applies them)."""
        bar, blank = self._drawn(self.outer_size.width)
        rows = self.rows()
        background = self.background_colors[1]
        filters = self.get_line_filters()
        strips: list[Strip] = []
        for y in crop.line_range:
            strip = bar if y in rows else blank
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            strips.append(strip)
        if crop.column_span != (0, self.outer_size.width):
            strips = [strip.crop(*crop.column_span) for strip in strips]
        return strips

    def _drawn(self, width: int) -> tuple[Strip, Strip]:
        if self._strips is None or self._strips[0] != width:
            style = self.rich_style
            bar = Strip([Segment(BAR, style), Segment(" " * (width - 1), style)], width) if width else Strip([], 0)
            self._strips = (width, bar, Strip.blank(width, style))
        return self._strips[1], self._strips[2]
