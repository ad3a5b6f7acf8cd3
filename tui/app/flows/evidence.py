"""Evidence: the legend of the labels, the table of every section by its label, and the
tree kept to the sections at or above a strength."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.widgets.reader import Reader
from tui.app.widgets.topic_tree import TopicTree
from tui.content.claims import claims, count_at_least, legend
from tui.content.evidence import EVIDENCE_LEVELS, STRENGTHS

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen

FILTERS: tuple[int | None, ...] = (None, *(strength for strength in STRENGTHS if strength > 0))
"""What F steps through: every section, then at least a reported trial, at least reported
studies, ... down to at least a claim (a minimum of 0 would keep every labelled section)."""


def minimum_name(strength: int) -> str:
    """A minimum in words, by the first label of that strength: ``Reported studies``."""
    return next(level.badge for level in EVIDENCE_LEVELS if level.strength == strength)


class EvidenceFlow:
    """The keys about evidence: L the legend, c the table, F the tree's minimum."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def legend(self) -> None:
        """L: every label, what it means and how many sections carry it."""
        from tui.app.screens.legend import LegendScreen  # noqa: PLC0415 - a dialog loads when opened

        self.screen.app.push_screen(LegendScreen(legend(self.screen.pack)), self._after_legend)

    def _after_legend(self, then: str | None) -> None:
        if then == "table":
            self.table()
        elif then == "filter":
            self.cycle_filter()

    def table(self) -> None:
        """c: every section in one table; the one chosen there opens in the reader."""
        from tui.app.screens.claims import ClaimsScreen  # noqa: PLC0415 - a dialog loads when opened

        pack = self.screen.pack
        self.screen.app.push_screen(ClaimsScreen(claims(pack), legend(pack)), self._chosen)

    def _chosen(self, node_id: str | None) -> None:
        if node_id is not None and node_id in self.screen.pack:
            self.screen.open(node_id)
            self.screen.query_one(Reader).focus()
            self.screen.remove_class("-show-tree")

    @property
    def minimum(self) -> int | None:
        """The tree's minimum strength (None: every section)."""
        return self.screen.query_one(TopicTree).minimum

    def cycle_filter(self) -> None:
        """F: the tree keeps the sections at least one step stronger than now; after the
        weakest minimum, every section again."""
        at = FILTERS.index(self.minimum) if self.minimum in FILTERS else 0
        self.set_minimum(FILTERS[(at + 1) % len(FILTERS)])

    def set_minimum(self, minimum: int | None) -> None:
        """Keep the tree to the sections at least ``minimum`` strong (None: all again), and
        say so in the title bar, with how many sections that is (no toast: pressed a few
        times in a row, toasts piled up over the reader)."""
        screen = self.screen
        screen.query_one(TopicTree).set_minimum(minimum, around=screen.current)
        if minimum is None:
            screen.show_filter(None)
            return
        kept, every = count_at_least(screen.pack, minimum), count_at_least(screen.pack, 0)
        screen.show_filter(f"evidence ≥ {minimum_name(minimum)} ({kept} of {every})")
