"""The evidence view: every section in one table with its evidence label, the label's
detail and the source paragraphs it restates; sorted by strength, filtered by label,
and enter opens the section.

Every cell is pack text: it is made visible and safe (:func:`tui.textsafe.one_line`) and
given to the table as Rich ``Text``, which is never read as markup (a ``str`` cell is).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.theme import Theme
from textual.widgets import DataTable, Static

from tui.app.screens.dialog import Dialog
from tui.app.screens.legend import badge_style
from tui.app.widgets.list_keys import move_bindings
from tui.content.claims import Claim, LegendRow, by_strength, sections_word
from tui.content.evidence import EVIDENCE_LEVELS
from tui.textsafe import one_line

SORTS = ("strongest first", "weakest first", "in the order of the tree")
"""What s steps through."""

BADGE_WIDTH = max(len(level.badge) for level in EVIDENCE_LEVELS)
"""Every badge of the table is as wide as the widest, so the column reads as a column."""

COLUMNS = (("Evidence", BADGE_WIDTH + 2), ("Section", 36), ("Topic", 18), ("Detail", 26), ("¶", 14))
"""Each column's heading and the most cells it takes (a longer cell ends in "…")."""


class ClaimsTable(DataTable[Text]):
    """The table, moved with the explorer's keys (j / k, g / G, ctrl+d / ctrl+u) as well
    as the arrows; it draws each badge in its strength's colour."""

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {
        "claims--badge-strength-0",
        "claims--badge-strength-1",
        "claims--badge-strength-2",
        "claims--badge-strength-3",
        "claims--badge-strength-4",
        "claims--badge-editorial",
    }
    BINDINGS = move_bindings(
        down="cursor_down",
        up="cursor_up",
        first="scroll_top",
        last="scroll_bottom",
        page_down="page_down",
        page_up="page_up",
    )

    def badge(self, name: str) -> Style:
        """The style of a badge (``badge-strength-4``) as the stylesheet gives it in this
        theme: the strength's colour, with text worked out for contrast (``auto``)."""
        styles = self.get_component_styles(f"claims--{name}")
        background = styles.background
        colour = background.get_contrast_text(styles.color.a) if styles.auto_color else styles.color
        return Style(bgcolor=background.rich_color, color=colour.rich_color, bold=True)


class ClaimsScreen(Dialog[str | None]):
    """Dismissed with the id of the section to open (enter), or None (escape)."""

    # Priority bindings, as the main screen's: a key typed right after escape reaches the
    # main screen instead of the closed view's queue (see LegendScreen).
    BINDINGS = [
        Binding("escape,q,c", "close", "Close", show=False, priority=True),
        Binding("s", "sort", "Sort", show=False, priority=True),
        Binding("f", "filter", "Filter", show=False, priority=True),
    ]

    def __init__(self, rows: list[Claim], legend: list[LegendRow]) -> None:
        super().__init__()
        self._rows = rows
        self._labels: list[str | None] = [None, *(row.level.id for row in legend if row.sections)]
        """What f steps through: every label, then each label that some section carries."""
        self._names = {row.level.id: row.level.badge for row in legend}
        self.sort = 0
        """Which of :data:`SORTS` the rows are in."""
        self.label: str | None = None
        """The only label shown (None: every label)."""

    def compose(self) -> ComposeResult:
        """The title, what is shown and how, the table, and what the keys do."""
        with Vertical(id="claims-dialog", classes="dialog"):
            yield Static("Evidence: every section by its label", classes="dialog-title")
            yield Static(id="claims-status")
            yield ClaimsTable(id="claims-table", cursor_type="row", zebra_stripes=True)
            yield Static("enter opens · s sorts · f filters by label · escape closes", classes="dialog-hint")

    def on_mount(self) -> None:
        """The rows, strongest first, with the first one selected; a change of theme
        draws the badges again in the new theme's colours."""
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._fill()
        self.query_one(ClaimsTable).focus()

    def _theme_changed(self, _theme: Theme) -> None:
        self._fill()

    @property
    def shown(self) -> list[Claim]:
        """The rows the table shows, in its order."""
        rows = [row for row in self._rows if self.label is None or row.level.id == self.label]
        if self.sort == 2:
            return rows
        return by_strength(rows, strongest_first=self.sort == 0)

    def _fill(self) -> None:
        table = self.query_one(ClaimsTable)
        selected = self._selected()
        table.clear(columns=True)
        for heading, _ in COLUMNS:
            table.add_column(heading, key=heading)
        rows = self.shown
        styles: dict[str, Style] = {}
        for row in rows:
            name = badge_style(row.level.id, row.level.strength)
            style = styles.get(name) or styles.setdefault(name, table.badge(name))
            cells = [row.level.badge, row.node.title, row.topic, row.detail, row.paragraphs]
            texts = [_cell(text, width) for text, (_, width) in zip(cells, COLUMNS, strict=True)]
            texts[0] = Text(f" {row.level.badge.ljust(BADGE_WIDTH)} ", style=style)
            table.add_row(*texts, key=row.node.id)
        keep = next((index for index, row in enumerate(rows) if row.node.id == selected), 0)
        if rows:
            table.move_cursor(row=keep, animate=False)
        label = f"only {self._names[self.label]}" if self.label else "every label"
        status = f"{sections_word(len(rows))} · {SORTS[self.sort]} · {label}"
        self.query_one("#claims-status", Static).update(Text(status))

    def _selected(self) -> str | None:
        table = self.query_one(ClaimsTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def action_sort(self) -> None:
        """s: strongest first, weakest first, the tree's order, in turn (the selected row stays selected)."""
        self.sort = (self.sort + 1) % len(SORTS)
        self._fill()

    def action_filter(self) -> None:
        """f: only one label, each in turn, then every label again."""
        at = self._labels.index(self.label) if self.label in self._labels else 0
        self.label = self._labels[(at + 1) % len(self._labels)]
        self._fill()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.dismiss(event.row_key.value)

    def action_close(self) -> None:
        """escape, q or c: back to reading, nothing opened."""
        self.dismiss(None)


def _cell(text: str, width: int) -> Text:
    """Pack text as one safe line of at most ``width`` cells, never read as markup."""
    cell = Text(one_line(text, width * 2), no_wrap=True, overflow="ellipsis")
    cell.truncate(width, overflow="ellipsis")
    return cell
