"""The help screen: every key of the screen it was opened from, from its declaration.

A list rather than a table: on a narrow screen each description wraps under itself (a
table cut it off), and the list moves with j / k / g / G like every list here.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static
from textual.widgets.option_list import Option

from tui.app.commands import HelpRow
from tui.app.safe import literal
from tui.app.screens.dialog import Dialog
from tui.app.widgets.key_list import KeyList

MAX_KEYS_WIDTH = 22
"""At most this many columns for the keys of a row (a longer list of keys wraps); the
description wraps beside them."""


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
        """The title, the list of keys by section, and how to close it."""
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static(literal(self._title), classes="dialog-title")
            yield KeyList(id="help-list")
            yield Static("escape closes · ctrl+p finds any topic or command", classes="dialog-hint")

    @property
    def rows(self) -> list[tuple[str, str]]:
        """(keys, description) of every row, a section's heading as ("", heading)."""
        out: list[tuple[str, str]] = []
        for group, rows in self._sections:
            out.append(("", group))
            out += [(row.keys, row.description) for row in rows]
        return out

    def on_resize(self, event: events.Resize) -> None:
        """Lay the rows out again for the width: each description wraps beside its keys."""
        self._fill()

    def on_mount(self) -> None:
        """The rows, laid out for the dialog's width; the list has the keys."""
        self._fill()
        self.query_one(KeyList).focus()

    def _fill(self) -> None:
        listing = self.query_one(KeyList)
        rows = self.rows
        keys_width = min(max((cell_len(keys) for keys, _ in rows), default=0) + 2, MAX_KEYS_WIDTH)
        # The list keeps its scrollbar's columns (scrollbar-gutter: stable) and pads each
        # option by one column either side: what is left is the text's width.
        text_width = listing.scrollable_content_region.width - 2
        keys_width = min(keys_width, max(text_width // 3, 6))
        width = max(text_width - keys_width, 12)
        highlighted = listing.highlighted
        options: list[Option] = []
        for keys, description in rows:
            if not keys:
                options.append(Option(Content.styled(description, "bold underline"), disabled=True))
                continue
            key_lines = Content.styled(keys, "bold").wrap(keys_width - 1)
            lines = literal(description).wrap(width)
            height = max(len(key_lines), len(lines))
            key_lines += [Content("")] * (height - len(key_lines))
            lines += [Content("")] * (height - len(lines))
            options.append(
                Option(
                    Content("\n").join(
                        key.pad_right(keys_width - key.cell_length) + line
                        for key, line in zip(key_lines, lines, strict=True)
                    )
                )
            )
        listing.clear_options()
        listing.add_options(options)
        listing.highlighted = highlighted if highlighted is not None else 1

    def action_dismiss_help(self) -> None:
        """Close the help."""
        self.dismiss(None)
