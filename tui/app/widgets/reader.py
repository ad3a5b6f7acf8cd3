"""The reader: a topic's summary and all its sections, scrolled to the open node.

A topic is one document, so reading it top to bottom needs nothing but scrolling;
opening a section of the topic already shown only scrolls. The document is rebuilt
when the topic changes.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Mapping
from functools import cached_property, partial
from time import monotonic

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from tui.app.internals.after_refresh import AfterRefresh
from tui.app.internals.key_order import KeyHold, hold_keys
from tui.app.internals.scroll_anchor import ScrollAnchor
from tui.app.internals.stack_layout import Place, places
from tui.app.messages import ReadingAt
from tui.app.widgets.links import Link
from tui.app.widgets.node_parts import NO_ANNOTATION, Annotation, node_parts, topic_parts
from tui.app.widgets.prose import Highlight
from tui.app.widgets.reading_bar import ReadingBar
from tui.app.widgets.section_view import SECTION_STYLES, Part, SectionView
from tui.content import Pack
from tui.content.document import breadcrumb_text, markdown_text

WINDOW = 24
"""A topic with more sections than this is windowed: a few are mounted around the open
one, and more load as you scroll.

Every shipped topic fits (the glossary, the longest, has 22 terms), so it is one document;
a topic of a huge pack mounts a screenful and more, not its thousand sections."""

FIRST_MOUNT = 8
"""How many sections a windowed topic opens with: the open one, one before it, and
enough after it to fill a screen. Each section is mounted, styled and laid out, so
opening with a whole :data:`WINDOW` made a switch to a huge topic slower
(docs/performance.md)."""

SPY_LINES = 1
"""How far below the reader's top line a view may start and still count as "at the top"."""

BEFORE = 1
"""How many sections before the open one a window starts with."""

AHEAD = 2
"""How many screens of a windowed topic are kept mounted below the reader's bottom: its
next sections are mounted while the reader rests, so a burst of scroll keys (or a held
key) seldom waits for sections to be mounted on the way."""

PLACE_TRIES = 3
"""How many times a node is scrolled to the top again when a late layout moved it away."""

RELAYOUT_PATIENCE = 0.5
"""Seconds between looks at whether a layout keys wait for is still owed (a changed view's
new height, see :meth:`Reader.annotate`; the next sections, see :meth:`Reader.scroll_key`)."""

LAYOUT_PATIENCE = 5.0
"""Seconds keys wait, at most, for a layout that is still owed: on a loaded machine a batch
of sections took longer than :data:`RELAYOUT_PATIENCE` to lay out, and the keys that gave up
on it stopped a page short of where the same keys typed slowly went."""


class Reader(VerticalScroll, can_focus=True):
    """Shows the document of the open node's topic, with the open node marked.

    Its views are kept from topic to topic and given the new topic's nodes: mounting and
    removing widgets (registering them, styling them, starting and stopping their message
    loops) was a large part of the work of a switch, and showing other parts in a view
    is one layout (docs/performance.md). Only the difference in the number of sections
    is mounted or removed.
    """

    COMPONENT_CLASSES = set(SECTION_STYLES)
    PANE_NAME = "Reader"
    """What the key bar calls this pane while it has focus."""

    _widths_asked = 0
    """Widths the screen gave the reader so far (see :meth:`width_changing`)."""

    _widths_laid_out = 0
    """The last of them the screen has been laid out with (see :meth:`width_changed`)."""

    _resizes_seen = False
    """Views said they were resized, and the reader has not yet looked at the layout they
    were resized by (see :meth:`on_section_view_resized`)."""

    _anchor: ScrollAnchor | None = None
    """The line at the reader's top, as of its last scroll, to bring back when its views
    are laid out again (see :meth:`_keep_the_top_line`). None while a document is filled:
    its views are reused for other nodes."""

    @cached_property
    def after_refresh(self) -> AfterRefresh:
        """Work done once the screen is laid out again, not lost when a dialog closes first."""
        return AfterRefresh(self)

    def __init__(
        self,
        pack: Pack,
        *,
        first: str | None = None,
        annotations: Mapping[str, Annotation] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._pack = pack
        self._annotations: dict[str, Annotation] = dict(annotations or {})
        self.topic_id: str | None = None
        """The topic whose document is mounted."""
        self._first = first
        self._window = (0, 0)
        """The slice of the topic's sections that is mounted (large topics are windowed)."""
        self._topic_size = 0
        """How many sections the shown topic has (kept, so scrolling need not count them)."""
        self._loading = False
        """More sections are asked for or being mounted (see :meth:`_load_more`)."""
        self._batch_tail: SectionView | None = None
        """The last section of the batch mounted last, until it has been laid out (it has
        a height then, and the reader's length counts it)."""
        self.bar = ReadingBar()
        """The column at the reader's left with the bar beside the section read."""
        self._intro = SectionView("", (), describe=self.describe_link, classes="topic-intro")
        """The topic's head: its title and summary."""
        self._note = Static("", classes="more-note")
        """Says how many sections come before a window that starts past the topic's top."""
        self._sections: list[SectionView] = []
        """The views of the mounted sections, in order."""
        self.node_id: str | None = None
        """The node marked current and scrolled to."""
        self._wanted: str | None = None
        self._lock = asyncio.Lock()
        self._highlight: Highlight | None = None
        self._placing = 0
        """How many of the reader's own scrolls to a node are under way or asked for (see
        :meth:`follow`): while any is, a scroll is the reader's own and says nothing."""
        self._quick_places = 0
        """How many of those are a mounted section placed at once (see :meth:`follow`)."""
        self._relaying: dict[SectionView, int] = {}
        """Views whose change (a bookmark, a note) gives them another height, not yet laid
        out (see :meth:`annotate`), each with the number of its latest change: keys for the
        reader wait for them, as for a node being placed."""
        self._changes = 0
        """Changes of views counted so far (numbering them for :attr:`_relaying`)."""
        self._more_waits = 0
        """Waits of scroll keys for more sections counted so far (only the latest one's
        patience releases them: see :meth:`_wait_for_more`)."""
        self._more_hold: tuple[KeyHold, float] | None = None
        """While scroll keys wait for more sections, the keys after them wait too (a note
        or quit typed after ``G space`` acts on where the space scrolls to); with when the
        wait began (monotonic seconds)."""
        self._said: str | None = None
        """The node the reader last said it reads (:class:`ReadingAt`), until the screen
        has heard it (:meth:`take_reading_at`) or sent the reader elsewhere."""
        self._screen_placed = False
        """Whether the node read was placed at the screen's request (not scrolled to)."""
        self._held_scrolls: list[tuple[float, bool | None]] = []
        """Scroll keys read while a node was being placed, to apply once it is (see :meth:`scroll_key`)."""
        self._waiting: deque[Callable[[], object]] = deque()
        """Keys that arrived while a node was being placed, to run once it is (in order)."""
        self._selection: tuple[SectionView, int] | None = None
        """The link selected with tab: its view and its number there."""

    def compose(self) -> ComposeResult:
        """The topic's head, the note about earlier sections, and the sections of the first document."""
        # The first document is composed with the screen: one layout pass at start-up.
        if self._first is not None:
            node = self._pack.node(self._first)
            self._sections = [self._view(section_id) for section_id in self._fill(node.parent or node.id, self._first)]
        yield self.bar
        yield self._intro
        yield self._note
        yield from self._sections

    def view_of(self, node_id: str) -> SectionView | None:
        """The view showing a node, if its topic (and window) is mounted."""
        return next((view for view in self.views if view.node_id == node_id), None)

    @property
    def views(self) -> list[SectionView]:
        """Every view of the document, the topic's head first."""
        return [self._intro, *self._sections]

    def _window_for(self, topic_id: str, node_id: str) -> tuple[int, int]:
        """Which of a topic's sections to mount: all of them, or a window around the node."""
        children = self._pack.children(topic_id)
        if len(children) <= WINDOW:
            return 0, len(children)
        index = self._pack.index_in_parent(node_id) if node_id != topic_id else 0
        start = max(0, index - BEFORE)
        return start, min(len(children), start + FIRST_MOUNT)

    def _parts(self, node_id: str) -> list[Part]:
        node = self._pack.node(node_id)
        annotation = self._annotations.get(node_id, NO_ANNOTATION)
        if node.parent is None:
            return topic_parts(self._pack, node, annotation)
        return node_parts(self._pack, node, annotation)

    def _view(self, node_id: str) -> SectionView:
        return SectionView(
            node_id,
            self._parts(node_id),
            highlight=self._highlight,
            describe=self.describe_link,
            classes="node-block",
        )

    def describe_link(self, link: Link) -> str:
        """Where a link leads, as its tooltip and the key bar say: the node's breadcrumb,
        and for a glossary term its definition's first sentence too."""
        target = self._pack.get(link.target)
        if target is None:
            return link.target
        crumb = breadcrumb_text(self._pack, target.id)
        if link.kind != "term":
            return crumb
        definition = markdown_text(target.body).split("\n", 1)[0]
        sentence = definition.split(". ", 1)[0].rstrip(".")
        return f"{crumb}: {sentence}."

    def _fill(self, topic_id: str, node_id: str) -> list[str]:
        """Put a topic's document in the views: the head, the note, and the window's
        sections in the views there are; the ids of the sections left without a view."""
        children = self._pack.children(topic_id)
        self._window = self._window_for(topic_id, node_id)
        self._topic_size = len(children)
        start, end = self._window
        self.topic_id = topic_id
        self._anchor = None  # its views show other nodes now: the next scroll says where the top is
        self._batch_tail = None  # a new document: its own length is checked once it is shown
        self._intro.show(topic_id, self._parts(topic_id))
        self._note.display = start > 0
        if start:
            self._note.update(f"▲ {start:,} earlier sections: move up in the tree to open them")
        wanted = [child.id for child in children[start:end]]
        for view, section_id in zip(self._sections, wanted, strict=False):
            view.show(section_id, self._parts(section_id))
        return wanted[len(self._sections) :]

    async def _load_more(self) -> None:
        """Scrolled near the end of a windowed topic: mount the next sections.

        One batch at a time, and the next is asked for only once this one is laid out:
        until then the reader's length is the old one, and every scroll key of a burst
        found itself "near the end" and asked for more (a burst of a dozen keys mounted a
        hundred sections, and took a second to settle).
        """
        try:
            children = self._pack.children(self.topic_id) if self.topic_id is not None else []
            start, end = self._window
            if end >= len(children):
                return
            more = [self._view(child.id) for child in children[end : end + WINDOW // 2]]
            await self.mount_all(more)  # meanwhile _loading keeps other batches out
            self._batch_tail = more[-1]
            self._sections += more
            self._window = (start, end + len(more))
        finally:
            self._loading = False
        # Short sections may not fill the screen, and then no scroll asks for more: look
        # again once they are laid out (watch_virtual_size looks too; either may be missed).
        self.after_refresh(self._load_more_if_near_end)
        # At the bottom, the node read was the last one headed on screen; with more below,
        # it is the one at the top again (see node_at_top), without a scroll to say so.
        self.after_refresh(self.after_refresh, self._after_growing)

    def _after_growing(self) -> None:
        """More sections are laid out below. A node the screen placed near the end, which
        could not reach the top then, is scrolled there now; after the reader's own
        scrolling, the node at the top is the one read (see :meth:`node_at_top`)."""
        if self._placing or self.node_id is None or self.node_at_top() == self.node_id:
            return
        view = self.view_of(self.node_id)
        if self._screen_placed and view is not None and view is not self._intro:
            self._placing += 1
            self._scroll_to_view(view)
            self.after_refresh(self._placed)
        else:
            self._spy()

    def watch_scroll_y(self, old: float, new: float) -> None:
        """Scrolling near the end of a windowed topic mounts its next sections; a scroll
        the reader did not make itself (a key, the wheel, the scroll bar) makes the section
        at its top the node read."""
        super().watch_scroll_y(old, new)
        self.bar.moved()
        laid_out = places(self)  # worked out once for the anchor and the spy: every scroll asks
        self._anchor = ScrollAnchor.at_top_of(self, laid_out)
        self._load_more_if_near_end()
        self._drop_hidden_link()
        if not self._placing:
            self._screen_placed = False
            self._spy(laid_out)

    def node_at_top(self, laid_out: Mapping[Widget, Place] | None = None) -> str | None:
        """The node whose view holds the reader's top line (its first lines, give or take
        :data:`SPY_LINES`): the topic while its head is at the top, else a section.

        At the bottom of the document the last sections can never reach the top, so there
        the node read stays while its heading is on screen (a jump to the last section is
        not undone) while any of it is on screen, and otherwise it is the last section whose
        heading is on screen (``G`` reads the last section, not the one that happens to be
        at the top).
        """
        top = self.scroll_y + SPY_LINES
        if laid_out is None:
            laid_out = places(self)
        shown = [(view.node_id, laid_out[view]) for view in self.views if view.node_id and view in laid_out]
        if self.max_scroll_y > 0 and self.scroll_y >= self.max_scroll_y - 0.5:
            bottom = self.scroll_y + self.scrollable_content_region.height
            on_screen = [node_id for node_id, place in shown if place.top < bottom and place.bottom > self.scroll_y]
            if self.node_id in on_screen:
                return self.node_id
            headed = [node_id for node_id, place in shown if self.scroll_y <= place.top < bottom]
            if headed:
                return headed[-1]
        found: str | None = None
        for node_id, place in shown:
            if place.top_with_margin > top:
                break
            found = node_id
        return found

    def _place_of(self, view: SectionView) -> Place | None:
        """Where a view was laid out in the document (None: not displayed). Never
        ``view.virtual_region``: see :mod:`tui.app.internals.stack_layout`."""
        return places(self).get(view)

    def _scroll_to_view(self, view: SectionView) -> None:
        """Bring a view's first line (with its margin) to the top, now: what
        ``scroll_to_widget(view, top=True)`` does, without asking about a view out of sight."""
        place = self._place_of(view)
        if place is not None:
            # The line to keep, even when the scroll is no move at all (the node's place is
            # where the reader was): a view laid out later must not take it away.
            self._anchor = ScrollAnchor(view, 0)
            self.scroll_to_region(place.with_margin(), top=True, animate=False, immediate=True)

    def _scroll_to_top(self, view: SectionView) -> None:
        """Bring a node's view to the top, now: the topic's head is the document's top."""
        if view is self._intro:
            self.scroll_home(animate=False, immediate=True)
        else:
            self._scroll_to_view(view)

    def _spy(self, laid_out: Mapping[Widget, Place] | None = None) -> None:
        """Say which node is at the top now, if another than the one read."""
        node_id = self.node_at_top(laid_out)
        if node_id is None or node_id == self.node_id or node_id not in self._pack:
            return
        self.node_id = node_id
        self._mark_current(node_id)
        self._said = node_id
        self.post_message(ReadingAt(node_id))

    def take_reading_at(self) -> str | None:
        """The node the reader's own scroll brought to its top, if the screen has not heard
        of it yet: once, then None until the reader scrolls to another.

        The :class:`ReadingAt` the reader posts is read only once the keys queued before it
        are: a key of a burst read meanwhile (``G`` then ``h``) would act on the node read
        before the scroll. The screen asks here before every key instead (and when the
        message arrives), so each key acts on what is on screen, as typed slowly."""
        said, self._said = self._said, None
        if said is None or said != self.node_id:
            return None  # sent elsewhere since (or placed another node): stale
        return said

    def _mark_current(self, node_id: str) -> None:
        """The bar beside the section read (none for a topic's head)."""
        is_section = self._pack.node(node_id).parent is not None
        self.bar.mark(self.view_of(node_id) if is_section else None)

    def _placed(self, tries: int = PLACE_TRIES) -> None:
        """The reader's own scroll to a node has landed: scrolls from now on are the reader's.

        Views given other nodes can change height once more after the scroll (a window
        refilled in a burst): if the node is then no longer at the top, it is scrolled there
        again, so the reader never rests on a section other than the one the screen shows.
        """
        view = self.view_of(self.node_id) if self.node_id is not None else None
        if tries and self._placing == 1 and view is not None and self.node_at_top() != self.node_id:
            self._scroll_to_top(view)
            self.after_refresh(self._placed, tries - 1)
            return
        self._placing = max(0, self._placing - 1)
        # Views laid out again while it was placed (a width that changed in the same burst,
        # ``< j``) moved the line its scroll brought to the top: back to it.
        self._keep_the_top_line()
        self._release_scrolls()

    def scroll_key(self, lines: float = 0, *, last: bool | None = None) -> None:
        """A key's scroll: by ``lines`` (a line, a page), or to the top (``last=False``) or
        the bottom (``last=True``).

        While a node the screen asked for is still being placed, the scroll waits until it
        is: keys typed in a burst ("3 G") scroll the document they were typed for, as they
        would typed slowly, and the section they bring to the top becomes the node read.
        So does a scroll down past the end of a windowed topic's mounted sections while the
        next ones are on their way (``G space space`` in one burst stopped at the window's
        end, where the same keys typed slowly went on into the sections mounted meanwhile).
        """
        if self._laying_out or self._held_scrolls or self._needs_more(lines, last):
            self._held_scrolls.append((lines, last))
            if not self._laying_out:
                self._wait_for_more()
        else:
            self._scroll_by_key(lines, last)

    def _needs_more(self, lines: float, last: bool | None) -> bool:
        """Whether a scroll key would run past the end of what is mounted while more of the
        topic is being mounted or laid out (see :meth:`_load_more`)."""
        if last is not None or lines <= 0 or self.scroll_y + lines <= self.max_scroll_y:
            return False
        self._load_more_if_near_end()  # at the end of what is mounted: ask, if nobody has
        return self._loading or self._batch_waits()

    def _wait_for_more(self) -> None:
        """Scroll keys wait for the next sections: released when they are laid out (the
        batch's last view says so as it is resized), or once they are no longer on their
        way (see :meth:`_more_patience_over`), then scrolling as far as the reader goes."""
        self._more_waits += 1
        if self._more_hold is None:
            self._more_hold = (hold_keys(self.app), monotonic())
        self.set_timer(RELAYOUT_PATIENCE, partial(self._more_patience_over, self._more_waits))

    def _let_keys_go(self) -> None:
        """No scroll key waits for more sections: the keys after them go on."""
        hold, self._more_hold = self._more_hold, None
        if hold is not None:
            hold[0].release()

    def _more_patience_over(self, wait: int) -> None:
        """A wait's look at the sections: still on their way (being mounted, or mounted and
        not laid out) and not waited for :data:`LAYOUT_PATIENCE` yet, it looks again later;
        else the keys scroll as far as the reader goes."""
        if wait != self._more_waits:
            return
        owed = self._loading or self._batch_waits()
        since = self._more_hold[1] if self._more_hold is not None else 0.0
        if owed and monotonic() - since < LAYOUT_PATIENCE:
            self.set_timer(RELAYOUT_PATIENCE, partial(self._more_patience_over, wait))
        else:
            self._release_scrolls(patient=False)

    def _scroll_by_key(self, lines: float, last: bool | None) -> None:
        if last is None:
            # Immediate: the next key of a burst (or of the keys that waited for a node to be
            # placed, run in one frame) starts from where this one ended, not from where the
            # reader was at the last frame (j j j moved one line).
            self.scroll_relative(y=lines, animate=False, immediate=True)
        elif last:
            self.scroll_end(animate=False, immediate=True)
        else:
            self.scroll_home(animate=False, immediate=True)
        # At the end of what is mounted a key cannot scroll, and only a scroll asks for
        # more: the key asks itself.
        self._load_more_if_near_end()

    def _release_scrolls(self, *, patient: bool = True) -> None:
        """The node is in place: the scroll keys read meanwhile scroll from there, in order,
        and then the other keys that waited for it (see :meth:`after_placing`). A scroll
        that still needs sections on their way waits for them (unless ``patient`` is False:
        it waited long enough), and so does every key after it."""
        if self._laying_out:
            return
        while self._held_scrolls:
            lines, last = self._held_scrolls[0]
            if patient and self._needs_more(lines, last):
                self._wait_for_more()
                return
            self._scroll_by_key(lines, last)
            del self._held_scrolls[0]
        self._let_keys_go()
        while self._waiting and not self._laying_out:  # one may show another node
            self._waiting.popleft()()
            if self._waiting and self.is_attached and not self.screen.is_current:
                # That key opened a dialog: the keys that came after it were typed for the
                # dialog, and cannot be handed to it now; run under it as the main screen's
                # commands they would act unseen (e opening export over a note). The bell says
                # they were not taken.
                self._waiting.clear()
                self.app.bell()

    @property
    def _laying_out(self) -> bool:
        """Whether the reader is placing a node, or waits for views laid out at another
        height or width: keys for it wait until it is done."""
        return bool(self._placing or self._relaying or self._widths_asked > self._widths_laid_out)

    def width_changing(self) -> int:
        """The screen gives the reader another width from the next layout on (the tree
        narrowed, widened, shown or hidden): keys for the reader wait until the screen says
        that layout is done (:meth:`width_changed`, with the number returned here), and the
        line at its top is brought back, as typed slowly (``space < space`` at once paged
        by the old layout's rows, and the top line then kept was a row off). They wait
        :data:`LAYOUT_PATIENCE` at most."""
        asked = self._widths_asked = self._widths_asked + 1
        self.set_timer(LAYOUT_PATIENCE, partial(self.width_changed, asked))
        return asked

    def width_changed(self, asked: int) -> None:
        """The screen was laid out with the width it gave the reader as change ``asked``
        (and so with every width given before it)."""
        if asked <= self._widths_laid_out:
            return
        self._widths_laid_out = asked
        if not self._laying_out:
            self._keep_the_top_line()
            self._release_scrolls()

    @property
    def busy(self) -> bool:
        """Whether a node is still being shown and scrolled into place, or keys wait for it:
        a key for the reader must then wait its turn (see :meth:`after_placing`)."""
        return bool(self._laying_out or self._waiting or self._held_scrolls)

    @property
    def keys_waiting(self) -> bool:
        """Whether keys wait for the node being placed (any later key must wait behind them)."""
        return bool(self._waiting)

    def after_placing(self, action: Callable[[], object]) -> None:
        """Run ``action`` now, or once the node being shown is in place and the keys that
        came before it have run: a burst such as ``5 tab G`` scrolls the topic jumped to,
        not the document that was on screen when the keys arrived. Keys still waiting when
        one of them opens a dialog are dropped, with the bell (see :meth:`_placed`)."""
        if self.busy:
            self._waiting.append(action)
        else:
            action()

    @property
    def selected_link(self) -> Link | None:
        """The link selected with tab, if any (enter follows it)."""
        if self._selection is None:
            return None
        view, _ = self._selection
        return view.selected_link

    @property
    def pane_detail(self) -> str | None:
        """What the key bar says beside the pane's name: where the selected link leads."""
        link = self.selected_link
        return f"link → {self.describe_link(link)}" if link is not None else None

    def _links(self) -> list[tuple[SectionView, int]]:
        """Every link of the document shown, in reading order."""
        return [(view, number) for view in self.views if view.display for number in view.link_numbers()]

    def _link_rows(
        self, view: SectionView, number: int, laid_out: dict[Widget, Place] | None = None
    ) -> tuple[int, int]:
        """The reader's rows (in its scrolled space) of a link's first and last line
        (``laid_out``: the views' places, when the caller has them for many links)."""
        first, last = view.link_lines(number)
        place = (laid_out if laid_out is not None else places(self)).get(view)
        top = place.top if place is not None else 0
        return top + first, top + last

    def select_link(self, forward: bool) -> bool:
        """tab / shift+tab: select the next (or previous) link and scroll it into view.
        With none selected, the first link from the top of the view (or the last above
        its bottom). False, and the selection as it was, when there is no link that way."""
        links = self._links()
        index: int | None = None
        if self._selection in links:
            index = links.index(self._selection) + (1 if forward else -1)
        elif links:
            top = self.scroll_y
            bottom = top + self.scrollable_content_region.height
            laid_out = places(self)
            rows = [self._link_rows(view, number, laid_out) for view, number in links]
            if forward:
                index = next((i for i, (first, _) in enumerate(rows) if first >= top), None)
            else:
                index = next((i for i in reversed(range(len(rows))) if rows[i][1] < bottom), None)
        if index is None or not 0 <= index < len(links):
            return False
        self._select(links[index])
        first, last = self._link_rows(*links[index])
        self.scroll_to_region(Region(0, first, 1, last - first + 1), animate=False, immediate=True)
        return True

    def _select(self, selection: tuple[SectionView, int] | None) -> None:
        if selection == self._selection:
            return
        if self._selection is not None:
            self._selection[0].select_link(None)
        self._selection = selection
        if selection is not None:
            selection[0].select_link(selection[1])
        if self.is_attached:
            self.screen.refresh_bindings()  # the key bar says where the link leads

    def clear_link(self) -> bool:
        """Unselect the selected link; False if none was."""
        had = self._selection is not None
        self._select(None)
        return had

    def take_link(self) -> str | None:
        """enter in the reader: the node the selected link leads to, unselected now (the
        caller opens it, and ``[`` comes back); None if no link is selected.

        Returned rather than posted as :class:`OpenNode`: a key of a burst read before the
        message (``shift+tab`` right after ``enter``) would act on the page being left."""
        link = self.selected_link
        if link is None:
            return None
        self.clear_link()
        return link.target

    def _drop_hidden_link(self) -> None:
        """A selected link scrolled out of view is unselected: enter never follows a link
        the reader cannot see."""
        if self._selection is None:
            return
        first, last = self._link_rows(*self._selection)
        top = self.scroll_y
        if last < top or first >= top + self.scrollable_content_region.height:
            self.clear_link()

    def on_resize(self, _event: events.Resize) -> None:
        """Another width wraps every section again, and the same scroll then shows another
        part of the document: once laid out again, the node read is brought back to the top
        (the title and the tree named it while the reader showed another), and a selected
        link out of view is unselected."""
        self.bar.moved()
        self.after_refresh(self._after_resize)

    def _after_resize(self) -> None:
        self._keep_the_top_line()
        self._bring_back_the_node_read()
        self._drop_hidden_link()  # then: a link the node's return brings into view stays

    def _bring_back_the_node_read(self) -> None:
        if self._placing or self.node_id is None or self.node_at_top() == self.node_id:
            return
        view = self.view_of(self.node_id)
        if view is None:
            return
        # Now, and not as a placing that ends after the next refresh: that callback runs on
        # the screen on top, and a dialog closed before its first frame would take it away.
        self._placing += 1  # the reader's own scroll: it says nothing
        try:
            self._scroll_to_top(view)
        finally:
            self._placing -= 1

    def _load_more_if_near_end(self) -> None:
        """Within :data:`AHEAD` screens of the end of a windowed topic (or with less than a
        screenful mounted): mount the next sections, unless some are on their way already."""
        if self._loading or self._batch_waits():
            return
        near_end = self.scroll_y >= self.max_scroll_y - AHEAD * self.size.height
        if near_end and self.topic_id is not None and self._window[1] < self._topic_size:
            self._loading = True
            self.call_next(self._load_more)

    def _batch_waits(self) -> bool:
        """Whether the batch mounted last is still not laid out: until it is, the reader's
        length is the old one and every scroll would seem near the end.

        Read from the batch's own last view (no height until it is laid out), not learnt
        from a callback: ``call_after_refresh`` runs on the screen on top, and a dialog
        opened in the same burst (``G ?``) took it away; and Textual updates the reader's
        length after a scroll without calling ``watch_virtual_size``. Either way loading
        stopped for good."""
        tail = self._batch_tail
        if tail is None:
            return False
        if tail.is_attached and not tail.outer_size.height:
            return True
        self._batch_tail = None
        return False

    def watch_virtual_size(self) -> None:
        """The reader was laid out with a new length: if a batch was waiting for it, look
        again whether more is needed (once the layout is over), and scroll keys that
        waited for more sections go on."""
        self.bar.moved()
        if self._held_scrolls:
            self.call_next(self._release_scrolls)
        if self._batch_tail is not None:
            self.call_next(self._load_more_if_near_end)

    def _in_window(self, node_id: str) -> bool:
        """Whether the node's view is mounted (a topic wants its window to start at its top)."""
        if self._pack.node(node_id).parent is None:
            return self._window[0] == 0
        return self.view_of(node_id) is not None

    def highlight(self, highlight: Highlight | None) -> None:
        """Mark a search's words in the document shown (None clears the marks)."""
        self._highlight = highlight
        for view in self.views:
            view.highlight(highlight)

    @property
    def highlighting(self) -> bool:
        """Whether a search's words are marked (n / N step through them; escape clears them)."""
        return self._highlight is not None

    def parts_of(self, node_id: str) -> list[Part]:
        """The parts the reader draws for a node, with the reader's bookmark and note (the
        search counts the words it would mark in them)."""
        return self._parts(node_id)

    def go_to_match(self, node_id: str, number: int) -> None:
        """Mark word ``number`` of a node's view as the current match and bring its line
        near the top (two lines above it shown, never above the node's own first line, so
        the node stays the one read), once what was asked of the reader before is done
        (the node opened first). The scroll is the reader's own from this call on: scroll
        keys typed after ``n`` wait for it (``n j`` at once scrolled a line, then the
        match's scroll undid it)."""
        self._placing += 1
        self.call_next(self._mark_match, node_id, number)

    def _mark_match(self, node_id: str, number: int) -> None:
        view = self.view_of(node_id)
        for other in self.views:
            if other is not view:
                other.set_current_match(None)
        if view is None:
            self._match_missed()
            return
        view.set_current_match(number)
        self.after_refresh(self._scroll_to_match, view, number)

    def _scroll_to_match(self, view: SectionView, number: int) -> None:
        rows = view.match_rows
        place = self._place_of(view)
        if not rows or view.node_id != self.node_id or place is None:
            self._match_missed()
            return
        row = rows[min(number, len(rows) - 1)]
        top = place.top
        self.scroll_to(y=max(top, top + row - 2), animate=False, immediate=True)
        self._anchor = ScrollAnchor.at_top_of(self)  # kept from here, moved or not
        self.after_refresh(self.after_refresh, self._placed)

    def _match_missed(self) -> None:
        """Nothing to scroll to (the match's view is gone): the keys waiting for it go on."""
        self._placing = max(0, self._placing - 1)
        self._release_scrolls()

    def annotate(self, node_id: str, annotation: Annotation) -> None:
        """Show a changed bookmark or note (now, if the node's document is mounted)."""
        self._annotations[node_id] = annotation
        view = self.view_of(node_id)
        if view is not None:
            height = view.outer_size.height
            view.update(self._parts(node_id))
            if height and view.height_to_come() != height:
                self.bar.moved()  # drawn with the frame that lays the view out again
                # Laid out at its new height at the next frame: keys read before then would
                # act on the old layout (b then G stopped short of the end, b then shift+tab
                # selected a link that had moved), so they wait for it. Learnt from the
                # view's resize (a message), not a callback after the next refresh: that
                # runs on the screen on top, and a dialog opened in the same burst (b B
                # escape) took it away, and every key after waited for good. Should the
                # resize never come, the keys wait no longer than LAYOUT_PATIENCE.
                self._changes += 1
                self._relaying[view] = self._changes
                self._look_at_relayout(view, self._changes, monotonic())

    def on_section_view_resized(self, message: SectionView.Resized) -> None:
        """A view is laid out at its new height: once the other views resized by the same
        layout have said so too, the line at the reader's top is brought back there and
        the keys that waited for the layout run.

        Once a layout, not once a view: a new width resizes every mounted view, and
        working out every view's place for each of them took seconds with a thousand
        sections of a huge topic mounted."""
        message.stop()
        self.bar.moved()
        view = message.view
        if view in self._relaying:
            del self._relaying[view]
        if not self._resizes_seen:
            self._resizes_seen = True
            self.call_later(self._after_resizes)

    def _after_resizes(self) -> None:
        self._resizes_seen = False
        self._keep_the_top_line()
        self._release_scrolls()  # the views or sections the keys waited for are laid out

    def _keep_the_top_line(self) -> None:
        """Views were laid out again: the line that was at the top is brought back there
        (see :mod:`tui.app.internals.scroll_anchor`), unless the reader is placing a node,
        which puts its own line there. The reader's own scroll: it says nothing."""
        anchor = self._anchor
        if self._placing or anchor is None:
            return
        target = anchor.scroll_y_in(self)
        if target is None or abs(target - self.scroll_y) < 0.01:
            return
        self._placing += 1
        try:
            self.scroll_to(y=target, animate=False, immediate=True)
        finally:
            self._placing -= 1

    def _look_at_relayout(self, view: SectionView, change: int, since: float) -> None:
        """Look again, in :data:`RELAYOUT_PATIENCE`, whether a changed view is laid out at
        its new height: while it is owed (and not for :data:`LAYOUT_PATIENCE` yet), the
        keys go on waiting; else they go on (a missed resize, a view taken away)."""
        self.set_timer(RELAYOUT_PATIENCE, partial(self._relayout_patience_over, view, change, since))

    def _relayout_patience_over(self, view: SectionView, change: int, since: float) -> None:
        owed = view.is_attached and view.outer_size.height != view.height_to_come()
        if owed and self._relaying.get(view) == change and monotonic() - since < LAYOUT_PATIENCE:
            self._look_at_relayout(view, change, since)
        else:
            self._relaid(view, change)

    def _relaid(self, view: SectionView, change: int | None = None) -> None:
        """``view`` is laid out again (``change``: the patience for that change of it ran
        out, which says nothing of a later change of the same view)."""
        if view in self._relaying and change in (None, self._relaying[view]):
            del self._relaying[view]
            self._release_scrolls()

    def follow(self, node_id: str) -> None:
        """Show a node once the messages already queued are handled (the screen calls this
        as each key is read, so keys typed in a burst are not held up by the reader).

        Only the last of several calls made before the reader gets to them is shown: a
        burst of 20 ↓ in the tree fills the reader once, not 20 times. From this call on,
        the reader's scrolling says nothing until the node is in place, and a
        :class:`ReadingAt` posted before it is stale (see :meth:`take_reading_at`).
        """
        self._wanted = node_id
        self._said = None  # what the reader said before: the screen now says otherwise
        self._held_scrolls.clear()  # typed for the document this node replaces: moot now
        self._let_keys_go()
        view = self.view_of(node_id)
        quick = self._placing == self._quick_places and not self._lock.locked()
        if view is not None and view is not self._intro and quick:
            # Mounted and laid out (a step in the tree within the window): placed now, so
            # the tree's cursor, the title and the reader change in one frame. Only other
            # places like this one may be under way: after a document was refilled, its
            # views are laid out a frame later, and a place worked out now would be stale.
            # Each key of a burst is placed as it is read, so the burst draws one frame
            # (placing the last key's node a frame later drew a second: docs/performance.md).
            self._placing += 1
            self._quick_places += 1
            self._place(node_id, view)
            self.after_refresh(self._quick_placed)
            return
        self._placing += 1
        self.call_next(self._follow, node_id)

    def _place(self, node_id: str, view: SectionView) -> None:
        """Mark a mounted section as the one read and scroll it to the top, now."""
        self.node_id = node_id
        self._mark_current(node_id)
        self.clear_link()
        self._scroll_to_view(view)
        self._load_more_if_near_end()

    def _quick_placed(self) -> None:
        """A section placed at once (see :meth:`follow`) has landed."""
        self._quick_places -= 1
        self._placed()

    async def _follow(self, node_id: str) -> None:
        try:
            if self._wanted == node_id:
                await self.show(node_id)
        finally:
            self._placing -= 1
            self._release_scrolls()

    async def show(self, node_id: str) -> None:
        """Show a node: fill the views with a new topic, then scroll the node to the top.

        Calls can overlap when keys arrive faster than a topic mounts; they run one at
        a time, and one that a newer call has superseded does nothing. While it places
        the node, the reader's own scrolling does not count as the reader's (no ReadingAt).
        """
        self._wanted = node_id
        self._placing += 1
        try:
            async with self._lock:
                if self._wanted == node_id:
                    await self._show(node_id)
        finally:
            # After the placing scroll (scheduled after the next refresh) has landed.
            self.after_refresh(self.after_refresh, self._placed)

    async def _show(self, node_id: str) -> None:
        node = self._pack.node(node_id)
        topic_id = node.parent or node.id
        refill = topic_id != self.topic_id or not self._in_window(node_id)
        if refill:
            with self.app.batch_update():
                missing = self._fill(topic_id, node_id)
                count = self._window[1] - self._window[0]
                surplus = self._sections[count:]
                if surplus:
                    del self._sections[count:]
                    await self.remove_children(surplus)
                if missing:
                    new = [self._view(section_id) for section_id in missing]
                    await self.mount_all(new)
                    self._sections += new
        self.node_id = node_id
        self._screen_placed = True
        self._mark_current(node_id)
        self.clear_link()
        if node.parent is None:
            self.scroll_home(animate=False, immediate=True)
        elif not refill:
            # The views are laid out already (a step in the tree within the window): the
            # scroll goes in the frame that moves the tree's cursor, not in one after it.
            self._scroll_to_node(node_id)
        else:
            # Views lay out in one pass, so after one refresh the target's place is final.
            self.after_refresh(self._scroll_to_node, node_id)
        self.after_refresh(self._load_more_if_near_end)

    def _scroll_to_node(self, node_id: str) -> None:
        """Bring a node's view to the top, unless another node has been shown since: views
        are reused from node to node, so a scroll asked for before a newer show would land
        on whatever that view shows now (keys in a burst once ended on a section nobody
        opened)."""
        view = self.view_of(node_id)
        if self.node_id == node_id and view is not None:
            self._scroll_to_view(view)
            self.after_refresh(self._land_on, node_id)

    def _land_on(self, node_id: str) -> None:
        """Scroll once more if the node's view moved since (the line that says how many
        sections come before a window is laid out a frame later when the window moves: a
        section opened in a huge topic was placed two lines short, under the tail of the
        one before). Still within the placing, so it is not taken for a scroll of the reader."""
        view = self.view_of(node_id)
        if self.node_id != node_id or view is None or self.scroll_y >= self.max_scroll_y:
            return
        place = self._place_of(view)
        if place is not None and place.top != round(self.scroll_y):
            self._scroll_to_view(view)
