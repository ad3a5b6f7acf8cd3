"""A piece of the reader's document (a topic's head, or one section) drawn by one widget.

A section used to be a container holding a widget for each of its parts: title,
evidence badge, text, editorial note, provenance and the reader's annotation. A topic
switch styled and laid out some six widgets per section, and that was most of the
time to the first frame and to a node switch (docs/performance.md). A section is now one
line-API widget that lays its parts out as lines; their colours still come from the
stylesheet, through the component classes below.

The parts are plain data (:data:`Part`), so what a node shows is decided elsewhere
(:mod:`tui.app.widgets.node_parts`) and this module only knows how to draw them.

The component classes (:data:`SECTION_STYLES`) are declared by the container, not by
each view, as Textual's own ``.name`` styles in Content are looked up: Textual resolves
a widget's component classes with a stylesheet pass apiece whenever it is styled, and
a pass for each class of every view made a topic switch markedly slower
(docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import NamedTuple, TypeAlias

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.color import Color
from textual.content import Content
from textual.css.styles import RenderStyles
from textual.events import Click, Leave, MouseMove, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from tui.app.internals.stack_layout import content_width
from tui.app.messages import OpenNode
from tui.app.safe import literal
from tui.app.widgets.links import Link, link_of
from tui.app.widgets.prose import Highlight, render_lines
from tui.app.widgets.prose_blocks import Block


class Gap(NamedTuple):
    """A blank line."""


class Text(NamedTuple):
    """Text (already made safe to show) wrapped at words, in one component style."""

    content: Content
    style: str = ""
    """A component class without its ``section--`` prefix; empty for the widget's own."""
    searchable: bool = True
    """Whether a search's words are marked in it (labels and provenance are not)."""
    tooltip: str | None = None
    """Shown when the mouse rests on the text (the evidence badge explains itself)."""


class Markdown(NamedTuple):
    """A Markdown document, already parsed into blocks (see :mod:`prose`)."""

    blocks: Sequence[Block]


class Rule(NamedTuple):
    """A horizontal line across the width."""

    style: str


class Box(NamedTuple):
    """Parts set off by a coloured edge on a tinted background (notes, annotations)."""

    parts: tuple[Part, ...]
    edge: str
    fill: str


Part: TypeAlias = Gap | Text | Markdown | Rule | Box

EDGE = "█"
"""The left edge of a :class:`Box`: a full cell, as a thick CSS border would draw it."""


class LinkPlace(NamedTuple):
    """Where a link is drawn: a line and its cells (a link wrapped over lines has a place
    on each)."""

    line: int
    start: int
    end: int
    link: Link


class LaidOut(NamedTuple):
    """A view's parts laid out at one width."""

    lines: list[Content]
    match_lines: list[int]
    matches: list[int]
    """The line of each marked word, in reading order (a line with two has two entries)."""
    tooltips: dict[int, tuple[int, str]]
    """Line → (cells the tooltip covers, tooltip)."""
    links: list[LinkPlace]
    """Every link's places, in reading order."""


SECTION_STYLES = frozenset(
    {
        "section--title",
        "section--topic-title",
        "section--rule",
        "section--muted",
        "section--label",
        "section--note-edge",
        "section--note-fill",
        "section--note-title",
        "section--editorial-edge",
        "section--editorial-fill",
        "section--editorial-title",
        "section--annotation-edge",
        "section--annotation-fill",
        "section--match",
        "section--match-current",
        "section--link",
        "section--link-selected",
        "section--badge-strength-0",
        "section--badge-strength-1",
        "section--badge-strength-2",
        "section--badge-strength-3",
        "section--badge-strength-4",
        "section--badge-editorial",
    }
)
"""The component classes a part's ``style`` names (with the ``section--`` prefix). The
widget holding the views declares them (``COMPONENT_CLASSES = set(SECTION_STYLES)``)."""


class SectionView(Widget):
    """A node's parts as one widget; its height is known as soon as its width is."""

    DEFAULT_CSS = """
    SectionView {
        height: auto;
    }
    """

    def __init__(
        self,
        node_id: str,
        parts: Sequence[Part],
        *,
        highlight: Highlight | None = None,
        describe: Callable[[Link], str | None] | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``describe`` words a link's tooltip."""
        super().__init__(id=id, classes=classes)
        self._describe = describe
        self.node_id = node_id
        """The node (topic or section) whose parts these are."""
        self._parts = tuple(parts)
        self._highlight = highlight
        self._layout: tuple[int, LaidOut] | None = None
        self._strips: dict[int, Strip] = {}
        """Each line drawn, by its number."""
        self._drawing_width: int | None = None
        """The text's width while Textual draws a run of lines (see :meth:`render_lines`)."""
        self._styles: dict[str, Style] = {}
        self._blank: RichStyle | None = None
        self._selected: int | None = None
        self._current_match: int | None = None
        """The marked word that n / N went to (drawn apart from the others)."""
        self._seen_matches = 0
        """Marked words met so far while laying out (numbering them in reading order)."""

    @property
    def text_left(self) -> int:
        """How many cells from the view's left edge its text starts (padding, border)."""
        return self.styles.gutter.left

    def text_width(self) -> int:
        """The width the parts are wrapped to: the view's content width."""
        return content_width(self)

    def show(self, node_id: str, parts: Sequence[Part]) -> None:
        """Show another node (the reader keeps its views from topic to topic)."""
        self.node_id = node_id
        self.tooltip = None
        self._selected = None
        self._current_match = None
        self.update(parts)

    @property
    def selected_link(self) -> Link | None:
        """The link drawn as selected (tab in the reader), if any."""
        if self._selected is None:
            return None
        return next((place.link for place in self.link_places() if place.link.number == self._selected), None)

    def select_link(self, number: int | None) -> None:
        """Draw link ``number`` as selected (``None``: none)."""
        if number != self._selected:
            self._selected = number
            self._forget()

    def link_places(self) -> list[LinkPlace]:
        """Where each link is drawn at the view's width, in reading order."""
        return self.laid_out(self.text_width()).links

    def link_numbers(self) -> list[int]:
        """The view's links, each once, in reading order."""
        return list(dict.fromkeys(place.link.number for place in self.link_places()))

    def link_lines(self, number: int) -> tuple[int, int]:
        """The first and last line a link is drawn on."""
        lines = [place.line for place in self.link_places() if place.link.number == number]
        return (min(lines), max(lines)) if lines else (0, 0)

    def link_at(self, x: int, y: int) -> Link | None:
        """The link drawn at a cell of the view's content, if any."""
        for place in self.link_places():
            if place.line == y and place.start <= x < place.end:
                return place.link
        return None

    class Resized(Message):
        """The view was laid out at another size (its parts changed, the reader's width did)."""

        def __init__(self, view: SectionView) -> None:
            super().__init__()
            self.view = view

    def update(self, parts: Sequence[Part]) -> None:
        """Show different parts (a bookmark or note changed)."""
        self._parts = tuple(parts)
        self._forget()

    def height_to_come(self) -> int:
        """The rows the view takes once laid out again at its width (its lines and its
        gutter): another than its height now while a change of its parts waits for layout."""
        return len(self.laid_out(self.text_width()).lines) + self.styles.gutter.height

    def on_resize(self, _event: Resize) -> None:
        """Tell the reader (a message, which no dialog on top can take away, as one can a
        ``call_after_refresh``): keys may wait for this view's new height."""
        self.post_message(self.Resized(self))

    def highlight(self, highlight: Highlight | None) -> None:
        """Mark the words of a search (None clears the marks)."""
        self._highlight = highlight
        self._forget()

    @property
    def match_lines(self) -> list[int]:
        """Lines with a marked word, at the current width (for n / N)."""
        return self.laid_out(self.text_width()).match_lines if self._highlight else []

    @property
    def match_rows(self) -> list[int]:
        """The line of each marked word in reading order, at the current width."""
        return self.laid_out(self.text_width()).matches if self._highlight else []

    def set_current_match(self, number: int | None) -> None:
        """Draw marked word ``number`` (0 is the first in reading order) as the one n / N
        went to; None: none is."""
        if number != self._current_match:
            self._current_match = number
            self._forget()

    def plain_lines(self, width: int) -> list[str]:
        """The text as it is drawn at a width, without styles (for tests and checks)."""
        return [line.plain for line in self.laid_out(width).lines]

    def notify_style_update(self) -> None:
        """The theme or a class changed: colours are resolved into the laid-out lines, so they
        are worked out again."""
        super().notify_style_update()
        self._styles.clear()
        self._blank = None
        self._layout = None
        self._strips.clear()

    def _forget(self) -> None:
        self._layout = None
        self._strips.clear()
        self.refresh(layout=True)

    def _style(self, name: str) -> Style:
        """A component class as a style laid over the widget's own.

        Not ``get_visual_style(partial=True)``: that drops an opaque background, ``reverse``,
        and works out ``auto`` colours against no background at all.
        """
        style = self._styles.get(name)
        if style is None:
            styles = self._component_styles_of(f"section--{name}")
            background = styles.background if styles.has_rule("background") else None
            color = styles.color if styles.has_rule("color") else None
            if color is not None and styles.auto_color:
                under = self.visual_style.background or Color(0, 0, 0)
                color = (under + background if background else under).get_contrast_text(color.a)
            text = styles.text_style
            style = self._styles[name] = Style(
                background,
                color,
                bold=text.bold,
                dim=text.dim,
                italic=text.italic,
                underline=text.underline,
                reverse=text.reverse,
                strike=text.strike,
            )
        return style

    def _component_styles_of(self, name: str) -> RenderStyles:
        """A component class's styles, from the nearest ancestor that declares it
        (``get_component_styles`` raises KeyError where a node does not)."""
        for node in self.ancestors:
            with suppress(KeyError):
                return node.get_component_styles(name)
        raise KeyError(f"no container of {self!r} declares the component class {name!r}")

    def laid_out(self, width: int) -> LaidOut:
        """The parts wrapped to ``width`` cells (remembered for the last width asked)."""
        if self._layout is None or self._layout[0] != width:
            layout = LaidOut([], [], [], {}, [])
            self._seen_matches = 0
            self._lay_out(self._parts, width, layout)
            while layout.lines and not layout.lines[-1].plain:
                layout.lines.pop()  # a view ends on its last line; margins space views apart
            self._layout = (width, layout)
            self._strips.clear()
        return self._layout[1]

    def _lay_out(self, parts: Sequence[Part], width: int, out: LaidOut) -> None:
        width = max(width, 1)
        for part in parts:
            if isinstance(part, Gap):
                out.lines.append(Content(""))
            elif isinstance(part, Text):
                content = part.content.stylize_before(self._style(part.style)) if part.style else part.content
                for paragraph in content.split("\n", allow_blank=True):
                    for line in paragraph.wrap(width):
                        if part.tooltip:
                            out.tooltips[len(out.lines)] = (line.cell_length, part.tooltip)
                        self._add(out, line, part.searchable)
            elif isinstance(part, Markdown):
                for line in render_lines(part.blocks, width):
                    self._add(out, line, searchable=True)
            elif isinstance(part, Rule):
                out.lines.append(Content("─" * width).stylize(self._style(part.style)))
            else:
                self._lay_out_box(part, width, out)

    def _lay_out_box(self, box: Box, width: int, out: LaidOut) -> None:
        inner = LaidOut([], [], [], {}, [])
        self._lay_out(box.parts, max(width - 2, 1), inner)
        edge = Content.assemble((EDGE, self._style(box.edge)), " ")
        fill = self._style(box.fill)
        first = len(out.lines)
        for line in inner.lines:
            row = edge + line
            out.lines.append(row.pad_right(max(0, width - row.cell_length)).stylize_before(fill))
        out.match_lines.extend(first + number for number in inner.match_lines)
        out.matches.extend(first + number for number in inner.matches)
        out.links.extend(
            LinkPlace(first + place.line, place.start + edge.cell_length, place.end + edge.cell_length, place.link)
            for place in inner.links
        )

    def _add(self, out: LaidOut, line: Content, searchable: bool) -> None:
        for span in line.spans:
            link = link_of(span)
            if link is not None:
                # In cells, as the mouse finds them: a wide character or a combining mark
                # before the link is not one cell a character.
                start = cell_len(line.plain[: span.start])
                end = start + cell_len(line.plain[span.start : span.end])
                out.links.append(LinkPlace(len(out.lines), start, end, link))
                style = self._style("link-selected" if link.number == self._selected else "link")
                line = line.stylize(style, span.start, span.end)
        if searchable and self._highlight is not None:
            spans = self._highlight.spans(line.plain)
            if spans:
                match = self._style("match")
                for start, end in spans:
                    current = self._seen_matches == self._current_match
                    line = line.stylize(self._style("match-current") if current else match, start, end)
                    out.matches.append(len(out.lines))
                    self._seen_matches += 1
                out.match_lines.append(len(out.lines))
        out.lines.append(line)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many rows as the parts take at that width, so the view is sized before it is drawn."""
        return len(self.laid_out(width).lines)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines Textual draws, one after another: their width is worked out once for
        all of them, not once a line (the view's gutter is asked of its styles, which was a
        large part of drawing a view's lines again: docs/performance.md)."""
        self._drawing_width = self.text_width()
        try:
            return super().render_lines(crop)
        finally:
            self._drawing_width = None

    def render_line(self, y: int) -> Strip:
        """One line, already wrapped: Textual's line API, so nothing is wrapped twice."""
        width = self._drawing_width if self._drawing_width is not None else self.text_width()
        strip = self._strips.get(y)
        if strip is None or strip.cell_length != width:
            lines = self.laid_out(width).lines
            if self._blank is None:
                self._blank = self.rich_style  # worked out from every ancestor: once per style
            if y >= len(lines):
                return Strip.blank(width, self._blank)
            line = lines[y]
            segments = line.render_segments(self.visual_style)
            if line.cell_length < width:  # padded here: one Strip a line, not two
                segments.append(Segment(" " * (width - line.cell_length), self._blank))
            strip = self._strips[y] = Strip(segments, max(width, line.cell_length))
        return strip

    def on_mouse_move(self, event: MouseMove) -> None:
        """The tooltip of the text under the mouse, if it has one (the evidence badge, or
        a link: where it leads)."""
        offset = event.get_content_offset(self)
        tip: Content | str | None = None
        if offset is not None:
            x = offset.x
            link = self.link_at(x, offset.y)
            if link is not None:
                described = self.link_tooltip(link)
                tip = literal(described) if described else None  # pack text: never markup
            else:
                cells, text = self.laid_out(self.text_width()).tooltips.get(offset.y, (0, None))
                tip = text if 0 <= x < cells else None
        if tip != self.tooltip:
            self.tooltip = tip

    def link_tooltip(self, link: Link) -> str | None:
        """What the tooltip of a link says (where it leads, a term's definition): from
        the ``describe`` the view was made with, as only its holder knows the pack."""
        return self._describe(link) if self._describe is not None else None

    def on_click(self, event: Click) -> None:
        """A click on a link follows it (``[`` comes back)."""
        offset = event.get_content_offset(self)
        link = self.link_at(offset.x, offset.y) if offset is not None else None
        if link is not None:
            event.stop()
            self.post_message(OpenNode(link.target))

    def on_leave(self, event: Leave) -> None:
        """The mouse left the view: no tooltip."""
        self.tooltip = None


def count_matches(parts: Sequence[Part], highlight: Highlight) -> int:
    """How many words a view of ``parts`` marks for ``highlight`` (at any width: lines wrap
    between words), without a view: the search counts the matches of sections that are
    not shown ("match 3 of 12")."""
    count = 0
    for part in parts:
        if isinstance(part, Text) and part.searchable:
            count += sum(len(highlight.spans(line)) for line in part.content.plain.split("\n"))
        elif isinstance(part, Markdown):
            count += sum(len(highlight.spans(line.plain)) for line in render_lines(part.blocks, UNWRAPPED))
        elif isinstance(part, Box):
            count += count_matches(part.parts, highlight)
    return count


UNWRAPPED = 1_000_000
"""A width no line reaches: lines laid out at it are not wrapped."""
