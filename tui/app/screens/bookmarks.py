"""Every bookmarked or annotated node, newest first: open, edit or delete from the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.internals.key_order import KeyHold, hold_keys
from tui.app.safe import literal
from tui.app.screens.confirm import ConfirmScreen
from tui.app.screens.dialog import Dialog
from tui.app.widgets.key_list import KeyList
from tui.store import Entry
from tui.textsafe import one_line


@dataclass(frozen=True)
class Row:
    """An entry with the words to show for it (the screen that opens this knows the pack)."""

    entry: Entry
    title: str
    missing: bool


@dataclass(frozen=True)
class BookmarksResult:
    """What the reader chose: open a node, or edit its note."""

    node_id: str
    edit_note: bool = False


class BookmarksScreen(Dialog[BookmarksResult | None]):
    """The bookmarks and notes view. Deleting asks first; enter opens, a edits the note."""

    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("a", "edit", "Edit note"),
        Binding("d,delete", "delete", "Delete"),
        Binding("escape,B,q", "close", "Close"),
    ]

    def __init__(self, rows: list[Row], delete: Callable[[str], str | None]) -> None:
        super().__init__()
        self._rows = rows
        self._delete = delete
        """Called with a node id to delete its bookmark and note; returns an error or None."""

    def compose(self) -> ComposeResult:
        """The list, the words shown when it is empty, and a line of its keys."""
        with Vertical(id="bookmarks-dialog", classes="dialog"):
            yield Static("Bookmarks and notes", classes="dialog-title")
            yield KeyList(id="bookmark-list")
            yield Static(
                "No bookmarks or notes yet: press b on any section to bookmark it, a to write a note.",
                id="bookmarks-empty",
            )
            yield Static("enter opens · a edits the note · d deletes · escape closes", classes="dialog-hint")

    def on_mount(self) -> None:
        """The entries are listed with the first one highlighted and focused, or the empty message shown."""
        self._fill()

    def on_resize(self, event: events.Resize) -> None:
        """The note's first line is cut to the list's width: listed again at a new width."""
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        self._fill()
        if highlighted is not None and self._rows:
            options.highlighted = min(highlighted, len(self._rows) - 1)

    def replace_rows(self, rows: list[Row]) -> None:
        """Show the entries as they are now (changed in another window), the highlight kept on
        the same node when it is still listed, else at the same place."""
        options = self.query_one(OptionList)
        index = options.highlighted
        current = self._rows[index].entry.node_id if index is not None and index < len(self._rows) else None
        self._rows = rows
        self._fill()
        if not rows:
            return
        ids = [row.entry.node_id for row in rows]
        options.highlighted = ids.index(current) if current in ids else min(index or 0, len(rows) - 1)

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        # The options' padding and the scroll bar take a few columns of the list's width.
        width = max(options.scrollable_content_region.width - 3, 20)
        options.add_options([Option(self._prompt(row, width), id=row.entry.node_id) for row in self._rows])
        empty = not self._rows
        options.display = not empty
        self.query_one("#bookmarks-empty").display = empty
        if empty:
            self.set_focus(None)  # the list is hidden: nothing to act on
        else:
            options.highlighted = 0
            options.focus()

    @staticmethod
    def _prompt(row: Row, width: int) -> Content:
        entry = row.entry
        marks = ("★" if entry.bookmarked else " ") + ("✎" if entry.note is not None else " ")
        head = Content.assemble((marks + " ", "bold"), literal(row.title, "italic" if row.missing else "bold"))
        if row.missing:
            head += Content.styled("  (missing from the current content)", "dim")
        lines = [head]
        if entry.first_line:
            lines.append(Content("    ") + literal(one_line(entry.first_line, max(width - 4, 8)), "dim"))
        lines.append(Content("    ") + Content.styled(f"updated {entry.updated[:16].replace('T', ' ')} UTC", "dim"))
        return Content("\n").join(lines)

    def _selected(self) -> Row | None:
        options = self.query_one(OptionList)
        index = options.highlighted
        return self._rows[index] if index is not None and self._rows else None

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """enter: open the highlighted node. One the pack no longer has stays in the list with a
        warning: its note is kept."""
        row = self._selected()
        if row is not None and not row.missing:
            self.dismiss(BookmarksResult(row.entry.node_id))
        elif row is not None:
            self.notify("That node is missing from the current content; its note is kept.", severity="warning")

    def action_edit(self) -> None:
        """a: close the list and edit the highlighted node's note."""
        row = self._selected()
        if row is not None:
            self.dismiss(BookmarksResult(row.entry.node_id, edit_note=True))

    def action_delete(self) -> None:
        """d: delete the highlighted bookmark and note once the reader confirms; the list stays open
        on the entry that took its place. The keys typed after ``d`` wait for the question
        (:func:`hold_keys`): typed at once, ``tab tab enter`` reached the list, and the
        question's own focus then answered Delete where typed slowly they answer Keep."""
        self._delete_asked(hold_keys(self.app))

    @work
    async def _delete_asked(self, hold: KeyHold) -> None:
        with hold:
            row = self._selected()
            if row is None:
                return
            what = (
                "bookmark and note"
                if row.entry.bookmarked and row.entry.note
                else ("bookmark" if row.entry.bookmarked else "note")
            )
            question = ConfirmScreen(f"Delete the {what} on {row.title}?", yes="Delete")
            hold.release()  # the question is on top before another key is read
            if not await self.app.push_screen_wait(question):
                return
            error = self._delete(row.entry.node_id)
            if error:
                self.notify(str(error), severity="error")
                return
            # The list may have been refreshed from disk while the question was open: go by id.
            ids = [each.entry.node_id for each in self._rows]
            index = ids.index(row.entry.node_id) if row.entry.node_id in ids else 0
            self._rows = [each for each in self._rows if each.entry.node_id != row.entry.node_id]
            self._fill()
            if self._rows:
                self.query_one(OptionList).highlighted = min(index, len(self._rows) - 1)

    def action_close(self) -> None:
        """escape, B or q: back to reading, nothing chosen."""
        self.dismiss(None)
