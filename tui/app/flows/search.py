"""Search: the index, the dialog, the marked words in the reader, and n / N.

As in less: after a search the key bar says "match 3 of 12" (every match of the results,
in every section and topic); n and N go on into the next section and topic, and past the
last (first) match wrap to the first (last), saying "search hit bottom, continuing at top";
the marks stay until escape."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui import startup
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.reader import Reader

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen
    from tui.app.screens.search import SearchChoice
    from tui.search import Highlighter, SearchIndex

INDEX_DELAY = 1.0
"""Seconds after start-up before the search index is built in the background."""


class SearchFlow:
    """Builds the index once, searches, and steps through the matches it marked."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.index: SearchIndex | None = None
        """Built off the UI thread after start-up, or by the first search if sooner."""
        self.last_query = ""
        self.last_marks: Highlighter | None = None
        """The words the last search marked (kept after escape, for n)."""
        self.matches: list[tuple[str, int]] = []
        """Every match of the last search's results, in tree order: (node, n-th marked word)."""
        self.position: int | None = None
        """The match n / N went to last (an index into :attr:`matches`)."""

    def build_later(self) -> None:
        """Index the pack off the UI thread, after the first frames (a large pack takes a
        moment and building competes with drawing); '/' before then builds it at once."""
        self.screen.set_timer(INDEX_DELAY, self._build)

    def _build(self) -> None:
        self.screen.run_worker(self._index_in_thread, thread=True, exclusive=True, group="search-index")

    def _index_in_thread(self) -> None:
        from tui.search import SearchIndex  # noqa: PLC0415 - the search layer loads with the first search

        index = SearchIndex(self.screen.pack)
        self.screen.app.call_from_thread(self._ready, index)

    def _ready(self, index: SearchIndex) -> None:
        if self.index is None:
            self._keep(index)

    def _keep(self, index: SearchIndex) -> SearchIndex:
        """The index is the one searched from now on, and kept until exit: later
        collections need not walk it (:func:`tui.startup.lasting`)."""
        self.index = index
        startup.lasting()
        return index

    def open_dialog(self) -> None:
        """The search dialog, with the reader's notes searchable too."""
        from tui.app.screens.search import SearchScreen  # noqa: PLC0415 - a dialog loads when opened
        from tui.search import NoteIndex, SearchIndex  # noqa: PLC0415

        index = self.index if self.index is not None else self._keep(SearchIndex(self.screen.pack))  # before the build
        notes = NoteIndex(self.screen.pack, {node: note.text for node, note in self.screen.store.notes().items()})
        self.screen.app.push_screen(SearchScreen(index, notes, self.last_query), self._chosen)

    def _chosen(self, choice: SearchChoice | None) -> None:
        if choice is None:
            return  # escape: back where the reader was, nothing changed
        self.last_query = choice.query
        self.last_marks = choice.highlighter
        self.matches = self._count(choice)
        firsts = [i for i, (node_id, _) in enumerate(self.matches) if node_id == choice.node_id]
        self.position = firsts[0] if firsts else None
        reader = self.reader
        reader.highlight(choice.highlighter)
        if choice.node_id in self.screen.pack:
            # Opened here rather than by a message: the first match is marked once the
            # reader has shown the node (call_next runs after the show queued by open).
            self._go(choice.node_id, 0 if self.position is not None else None)
        self._show_count()

    def _go(self, node_id: str, number: int | None) -> None:
        """Open a node in the reader (focused, the tree sidebar hidden), then mark its
        ``number``-th marked word as the current match and scroll to it."""
        reader = self.reader
        if node_id != self.screen.current:
            self.screen.open(node_id)
        reader.focus()
        self.screen.remove_class("-show-tree")
        if number is not None:
            reader.go_to_match(node_id, number)

    def _count(self, choice: SearchChoice) -> list[tuple[str, int]]:
        """Every match of the result set in tree order: ``(node, its n-th marked word)`` for
        the words the reader marks in each result node (its title, text, editorial boxes and
        the reader's note), so that n / N and "match 3 of 12" agree with what is marked."""
        from tui.app.widgets.section_view import count_matches  # noqa: PLC0415

        marks = choice.highlighter
        if marks is None:
            return []
        pack, reader = self.screen.pack, self.reader
        nodes = sorted((node for node in choice.nodes if node in pack), key=pack.position)
        return [
            (node_id, number) for node_id in nodes for number in range(count_matches(reader.parts_of(node_id), marks))
        ]

    @property
    def reader(self) -> Reader:
        """The reader the matches are marked in."""
        return self.screen.query_one(Reader)

    def _show_count(self) -> None:
        """ "match 3 of 12" on the key bar (counting every match of the results, in every
        section and topic), while the marks are shown."""
        text = ""
        if self.matches and self.reader.highlighting:
            where = f"match {self.position + 1} of " if self.position is not None else ""
            text = f"{where}{len(self.matches)}" + ("" if where else " matches")
        self.screen.query_one(KeyBar).status = text

    def step(self, forward: bool) -> None:
        """n / N: the next (previous) match, on into the next section and topic of the
        results; past the last it wraps to the first, and says so, as less does. After
        escape, the last search's words are marked again first. From a node the reader
        moved to since, the search goes on from there. With no search yet, say how to search."""
        reader = self.reader
        if self.last_marks is None:
            self.screen.notify("No search yet: press / to search.")
            return
        if not reader.highlighting:
            reader.highlight(self.last_marks)
        if not self.matches:
            self.screen.app.bell()
            self._show_count()
            return
        total = len(self.matches)
        here = self.screen.current
        if self.position is None or (here is not None and here != self.matches[self.position][0]):
            target = self._from_node(here, forward)
        else:
            target = self.position + (1 if forward else -1)
        if target >= total:
            target = 0
            self.screen.notify("search hit bottom, continuing at top", timeout=3)
        elif target < 0:
            target = total - 1
            self.screen.notify("search hit top, continuing at bottom", timeout=3)
        self.position = target
        self._go(*self.matches[target])
        self._show_count()

    def _from_node(self, node_id: str | None, forward: bool) -> int:
        """The match to go to from a node that is not the current match's: its first match
        (n) or its last (N) if it has any, else the first after it (n) or the last before
        it (N); an index past either end wraps."""
        pack = self.screen.pack
        at = pack.position(node_id) if node_id is not None and node_id in pack else -1
        places = [pack.position(node) for node, _ in self.matches]
        if forward:
            return next((i for i, place in enumerate(places) if place >= at), len(places))
        return next((i for i in reversed(range(len(places))) if places[i] <= at), -1)

    def clear(self) -> None:
        """Escape: clear the marks and the count (n marks them again and goes on)."""
        self.reader.highlight(None)
        self.screen.query_one(KeyBar).status = ""
