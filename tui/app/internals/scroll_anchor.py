"""The line at the top of a scrolled stack of views, kept there when the views above it
are laid out again.

A vertical container keeps its scroll offset, in rows, when its children change height:
the same offset then shows other lines. In the reader that happens a frame after the keys
that caused it, whatever their speed: a document refilled under a scroll bar that appears
with it wraps a column narrower a frame later, narrowing the tree (``<``) wraps every view
again, a bookmark makes a view longer. Keys read before that frame (a burst, or a key typed
slowly enough but before the layout) scrolled against the old layout, and the reader came
to rest with the section the title named some lines down, or a line off where the same keys
typed slowly put it (``ctrl+p glaucoma enter j``: five lines; ``< j``: one).

So, as browsers do (CSS scroll anchoring), the reader remembers which view holds its top
line and how far into it the top is, each time it scrolls, and once its views are laid out
again it scrolls to the same line of the same view. Positions come from
:func:`~tui.app.internals.stack_layout.places`, never asking the compositor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.widget import Widget

from tui.app.internals.stack_layout import Place, places


@dataclass(frozen=True)
class ScrollAnchor:
    """The child of a scrolled container that holds its top row, and how many rows into
    the child (its top margin included) the top is: a fraction too, as after half a page."""

    child: Widget
    offset: float

    @classmethod
    def at_top_of(cls, container: Widget, laid_out: Mapping[Widget, Place] | None = None) -> ScrollAnchor | None:
        """The anchor for what ``container`` shows at its top now (None: nothing laid out
        there); ``laid_out``: its children's places, when the caller has them already."""
        top = container.scroll_y
        row = int(top)
        for child, place in (places(container) if laid_out is None else laid_out).items():
            if place.top_with_margin <= row < place.bottom + place.margin_bottom:
                return cls(child, top - place.top_with_margin)
        return None

    def scroll_y_in(self, container: Widget) -> float | None:
        """The scroll offset that brings the anchored row back to the top of ``container``
        as it is laid out now (as far as it scrolls), or None when the child is gone or not
        displayed."""
        place = places(container).get(self.child)
        if place is None:
            return None
        extent = place.margin_top + place.height + place.margin_bottom
        row = place.top_with_margin + min(self.offset, max(0, extent - 1))  # a shorter child: its last row
        return max(0.0, min(row, container.max_scroll_y))
