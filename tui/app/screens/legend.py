"""The legend: every evidence label, drawn as the reader draws its badge, what it means
in plain words, and how many sections carry it.

The words are the content layer's (:func:`tui.content.claims.legend_entry`): the help, the
CLI's ``show`` and ``claims`` explain the labels in the same sentences.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tui.app.screens.dialog import Dialog
from tui.app.screens.peek import PeekBody
from tui.app.widgets.section_view import Gap, Part, SectionView, Text
from tui.content.claims import LegendRow, legend_entry


def badge_style(level_id: str, strength: int) -> str:
    """The section style a label's badge is drawn with (one colour per strength; the
    Editorial badge its own)."""
    return "badge-editorial" if level_id == "editorial" else f"badge-strength-{strength}"


def legend_parts(rows: list[LegendRow]) -> list[Part]:
    """Each label as its badge, then its meaning and count on the lines below."""
    parts: list[Part] = []
    for row in rows:
        label, meaning = legend_entry(row)
        parts += [
            Text(Content(f" {label} "), badge_style(row.level.id, row.level.strength), searchable=False),
            Text(Content(meaning), searchable=False),
            Gap(),
        ]
    return parts[:-1]


class LegendScreen(Dialog[str | None]):
    """The labels from the strongest support to none; j / k scroll, escape closes. Dismissed
    with what to do next: ``"table"`` (c, the evidence view), ``"filter"`` (F, the tree's
    minimum), or None."""

    # Priority bindings, as the main screen's: they run as each key is read, so in a burst
    # ("L F F") the key after the one that closes the legend reaches the main screen
    # rather than waiting, and being lost, in the closed legend's queue.
    BINDINGS = [
        Binding("escape,q,L", "close", "Close", show=False, priority=True),
        Binding("c", "close('table')", "Evidence table", show=False, priority=True),
        Binding("F", "close('filter')", "Filter by evidence", show=False, priority=True),
    ]

    def __init__(self, rows: list[LegendRow]) -> None:
        super().__init__()
        self._rows = rows

    def compose(self) -> ComposeResult:
        """The title, the labels, and what the keys do."""
        with Vertical(id="legend-dialog", classes="dialog"):
            yield Static("Evidence labels, strongest support first", classes="dialog-title")
            with PeekBody(id="legend-body"):
                yield SectionView("legend", legend_parts(self._rows), id="legend-view")
            yield Static("c lists the sections by label · F filters the tree · escape closes", classes="dialog-hint")

    def on_mount(self) -> None:
        """The labels have the keys, so they scroll at once."""
        self.query_one(PeekBody).focus()

    def action_close(self, then: str | None = None) -> None:
        """escape, q or L: back to reading; c and F: on to the evidence view, or the tree's filter."""
        self.dismiss(then)
