"""Search: the index, the dialog, the marked words in the reader, and n / N."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.messages import OpenNode
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
            self.index = index

    def open_dialog(self) -> None:
        """The search dialog, with the reader's notes searchable too."""
        from tui.app.screens.search import SearchScreen  # noqa: PLC0415 - a dialog loads when opened
        from tui.search import NoteIndex, SearchIndex  # noqa: PLC0415

        if self.index is None:
            self.index = SearchIndex(self.screen.pack)
        notes = NoteIndex(self.screen.pack, {node: note.text for node, note in self.screen.store.notes().items()})
        self.screen.app.push_screen(SearchScreen(self.index, notes, self.last_query), self._chosen)

    def _chosen(self, choice: SearchChoice | None) -> None:
        if choice is None:
            return  # escape: back where the reader was, nothing changed
        self.last_query = choice.query
        self.last_marks = choice.highlighter
        self.reader.highlight(choice.highlighter)
        self.screen.post_message(OpenNode(choice.node_id, focus_reader=True))

    @property
    def reader(self) -> Reader:
        """The reader the matches are marked in."""
        return self.screen.query_one(Reader)

    def step(self, forward: bool) -> None:
        """n / N: the next (previous) marked word; after escape, the last search's words
        are marked again first. With no search yet, say how to search."""
        reader = self.reader
        if not reader.highlighting:
            if self.last_marks is None:
                self.screen.notify("No search yet: press / to search.")
                return
            reader.highlight(self.last_marks)
        if not reader.step_match(forward):
            self.screen.app.bell()

    def clear(self) -> None:
        """Escape: clear the marks (n marks them again)."""
        self.reader.highlight(None)
