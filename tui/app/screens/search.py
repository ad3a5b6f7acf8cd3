"""The search dialog: results as you type, then open one with its words marked."""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.safe import literal
from tui.app.screens.dialog import Dialog
from tui.app.widgets.key_list import KeyList
from tui.app.widgets.safe_input import SafeInput
from tui.search import Highlighter, NoteIndex, Outcome, Result, SearchIndex

SLOW_SEARCH = 0.008
"""A search slower than this (a very large pack) waits for a pause in typing."""
DEBOUNCE = 0.12


@dataclass(frozen=True)
class SearchChoice:
    """The result the reader opened, and the words to mark in it."""

    node_id: str
    query: str
    highlighter: Highlighter | None
    nodes: tuple[str, ...] = ()
    """Every node in the results (n / N go through their matches)."""


class SearchScreen(Dialog[SearchChoice | None]):
    """Type to search; up/down choose, enter opens, escape goes back to where you were."""

    BINDINGS = [
        Binding("escape", "close", "Close", show=False),
        Binding("down", "move(1)", "Next result", show=False),
        Binding("up", "move(-1)", "Previous result", show=False),
        Binding("pagedown", "move(10)", "Down a page", show=False),
        Binding("pageup", "move(-10)", "Up a page", show=False),
    ]

    def __init__(self, index: SearchIndex, notes: NoteIndex, query: str = "") -> None:
        super().__init__()
        self._index = index
        self._notes = notes
        self._query = query
        self._outcome: Outcome | None = None
        self._timer: Timer | None = None
        self._slow = False

    def compose(self) -> ComposeResult:
        """The query field, a status line, the results and a reminder of what a query can say."""
        with Vertical(id="search-dialog", classes="dialog"):
            yield SafeInput(
                self._query, placeholder="Search titles, text, the glossary and your notes", id="search-input"
            )
            yield Static("", id="search-status")
            # The explorer's list keys, stopping at either end: tab to the results, and j/k,
            # g/G move there as in every list; ↓ on the last result no longer wraps.
            yield KeyList(id="search-results")
            yield Static('words must all match · "quoted phrase" · ↑↓ choose · enter opens', classes="dialog-hint")

    def on_mount(self) -> None:
        """The field has the focus with the last query selected, so typing replaces it; its results
        show at once."""
        field = self.query_one(Input)
        field.focus()
        field.select_all()
        self._search(self._query)

    @property
    def behind(self) -> bool:
        """Whether the results shown are not yet those of what the field says: typing on a
        large pack is searched once it pauses (what a test waits out before it looks)."""
        outcome = self._outcome
        return outcome is None or outcome.query != self.query_one(Input).value

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._slow:  # a large pack: search when typing pauses, never under the keys
            self._timer = self.set_timer(DEBOUNCE, lambda: self._search(event.value))
        else:  # results within the frame of the keystroke
            self._search(event.value)

    def _search(self, query: str) -> None:
        started = time.perf_counter()
        outcome = self._index.search(query, notes=self._notes)
        self._slow = time.perf_counter() - started > SLOW_SEARCH
        self._outcome = outcome
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            [Option(self._prompt(result, outcome), id=str(i)) for i, result in enumerate(outcome.results)]
        )
        if outcome.results:
            options.highlighted = 0
        self.query_one("#search-status", Static).update(self._status(query, outcome))

    @staticmethod
    def _status(query: str, outcome: Outcome) -> Content:
        if not query.strip():
            return Content("")
        count = len(outcome.results)
        found = f"{count} result{'s' if count != 1 else ''}" if count else "No results"
        if outcome.corrected:
            return Content.assemble(f"{found}: showing results for ", literal(outcome.corrected, "bold"))
        return Content(found)

    @staticmethod
    def _prompt(result: Result, outcome: Outcome) -> Content:
        marker = outcome.highlighter
        where = literal(result.where, "bold")
        if marker is not None:
            for start, end in marker.spans(result.where):
                where = where.stylize("reverse", start, end)
        snippet = literal(result.snippet.text, "dim")
        for start, end in result.snippet.spans:
            snippet = snippet.stylize("reverse not dim", start, end)
        return Content("\n").join([where, Content("  ") + snippet])

    def action_move(self, step: int) -> None:
        """up, down, page up and page down move through the results while typing goes on in the field."""
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self._outcome is None or self._outcome.query != event.value:
            # Enter came before a debounced search ran: open what was typed, not what was shown.
            if self._timer is not None:
                self._timer.stop()
            self._search(event.value)
        self._open(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option_index)

    def _open(self, index: int | None) -> None:
        outcome = self._outcome
        if outcome is None or index is None or not outcome.results:
            return
        result = outcome.results[index]
        nodes = tuple(dict.fromkeys(r.node_id for r in outcome.results))
        self.dismiss(SearchChoice(result.node_id, outcome.query, outcome.highlighter, nodes))

    def action_close(self) -> None:
        """escape: back to where the reader was, nothing opened."""
        self.dismiss(None)
