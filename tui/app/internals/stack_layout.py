"""Where the children of a vertical container are, and drawing one again, without asking the compositor.

Textual answers ``widget.virtual_region`` (and ``region``, ``size``, ``scroll_to_widget``)
from its map of the screen. After a scroll it keeps a map of what is on screen only; asking
about a widget scrolled out of view makes it arrange the whole screen again and throw the
on-screen map away, and the next scroll then finds nothing to compare with and redraws every
cell of the terminal. The reader asked about its sections above the top line on every
scroll (which one is at the top), so each step of a held key drew the whole screen.

This module works the places out from what the last layout left on each child (its size
and its margins, both public) by the rule of Textual's vertical layout (``VerticalLayout``:
children one under another, the larger of two neighbouring margins between them). It is
the one place that knows that rule; ``tests/app/test_internals.py`` compares its answers
with Textual's own on real documents, so a Textual that lays out otherwise fails there.

:func:`repaint` takes the same care with a redraw: ``refresh()`` with no region asks for the
widget's size, so it too threw the on-screen map away for a view out of sight.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.geometry import Region
from textual.widget import Widget


@dataclass(frozen=True)
class Place:
    """Where a child of a vertical container was laid out, in the container's scrolled space."""

    top: int
    """The first row of the child (``virtual_region.y``)."""
    height: int
    """Its rows, padding and border included (``virtual_region.height``)."""
    margin_top: int
    margin_bottom: int

    @property
    def bottom(self) -> int:
        """The row after its last (``virtual_region.bottom``)."""
        return self.top + self.height

    @property
    def top_with_margin(self) -> int:
        """The first row of its top margin (``virtual_region_with_margin.y``)."""
        return self.top - self.margin_top

    def with_margin(self) -> Region:
        """Its rows with their margins (one column wide), as ``scroll_to_widget`` scrolls to them."""
        return Region(0, self.top_with_margin, 1, self.height + self.margin_top + self.margin_bottom)


def places(container: Widget) -> dict[Widget, Place]:
    """Where each displayed child of ``container`` (a vertical layout) was laid out.

    Children that are not displayed take no room and are left out, as Textual leaves them
    out, and so are docked children (Textual places them at an edge, out of the stack); the
    stack starts below the tallest child docked at the top (all in one layer, as the
    reader's are). A child mounted since the last layout has no size yet: its place is
    where it will start, with no height.
    """
    displayed = container.displayed_children
    children = [child for child in displayed if child.styles.dock == "none"]
    found: dict[Widget, Place] = {}
    if not children:
        return found
    docked_on_top = [child for child in displayed if child.styles.dock == "top"]
    margins = [child.styles.margin for child in children]
    y = margins[0].top + max(
        (child.outer_size.height + child.styles.margin.height for child in docked_on_top), default=0
    )
    for index, child in enumerate(children):
        margin = margins[index]
        height = child.outer_size.height
        found[child] = Place(y, height, margin.top, margin.bottom)
        if index + 1 < len(children):
            y += height + max(margin.bottom, margins[index + 1].top)
    return found


def content_width(widget: Widget) -> int:
    """The width of a widget's content (``widget.size.width``) from its last layout, without
    asking the compositor (see the module's docstring)."""
    return max(0, widget.outer_size.width - widget.styles.gutter.width)


def repaint(widget: Widget) -> None:
    """Draw every cell of a widget's content again on the next frame it is seen, as
    ``widget.refresh()`` does, without asking the compositor where the widget is.

    ``refresh()`` with no region works out the widget's ``size``; for a widget scrolled out
    of view that arranges the whole screen again (see the module's docstring), and the next
    frame redrew every cell of the terminal. Moving the reader's bar off a section that had
    scrolled away did that on every burst of keys in the tree. Given the region (the content,
    from its last layout), Textual marks those lines to be drawn again and asks nothing."""
    outer = widget.outer_size
    gutter = widget.styles.gutter
    widget.refresh(Region(0, 0, max(0, outer.width - gutter.width), max(0, outer.height - gutter.height)))
