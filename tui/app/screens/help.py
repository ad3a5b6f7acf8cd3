"""The help screen: every key of the screen it was opened from, from its declaration."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.app.commands import HelpRow
from tui.app.safe import literal
from tui.app.screens.dialog import Dialog
from tui.textsafe import for_terminal


class HelpScreen(Dialog[None]):
    """A dialog listing keys by section; any of escape, q, ? or f1 closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss_help", "Close", show=False),
    ]

    def __init__(self, title: str, sections: list[tuple[str, list[HelpRow]]]) -> None:
        super().__init__()
        self._title = title
        self._sections = sections

    def compose(self) -> ComposeResult:
        """The keys and what they do, in a table with a heading row for each section."""
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static(literal(self._title), classes="dialog-title")
            table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True, id="help-table")
            table.add_columns("Key", "Action")
            for group, rows in self._sections:
                table.add_row(Text(""), Text(group, style="bold"))
                for row in rows:
                    # Rich Text, not str: DataTable reads a str as markup, and descriptions
                    # name topics from the pack ("Jump to …").
                    table.add_row(Text(for_terminal(row.keys)), Text(for_terminal(row.description)))
            yield table
            yield Static("escape closes · ctrl+p finds any topic or command", classes="dialog-hint")

    def action_dismiss_help(self) -> None:
        """Close the help."""
        self.dismiss(None)
