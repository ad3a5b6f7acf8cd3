"""The note editor: a TextArea for one node's note; nothing typed is lost by accident."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from tui.app.safe import literal
from tui.app.screens.confirm import ConfirmScreen
from tui.app.screens.dialog import Dialog
from tui.store import MAX_NOTE_CHARS


class NoteEditor(Dialog[str | None]):
    """Dismissed with the new text on save (ctrl+s), or None when closed without saving."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "close", "Close", priority=True),
    ]

    def __init__(self, where: str, saved: str | None, *, draft: str | None = None) -> None:
        super().__init__()
        self._where = where
        self._original = saved or ""
        """The text as saved: closing with anything else asks first."""
        self._draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static(literal(f"Note on {self._where}"), classes="dialog-title")
            text = self._original if self._draft is None else self._draft
            yield TextArea(text, id="note-text", soft_wrap=True, tab_behavior="indent")
            yield Static("", id="note-status")
            yield Static("ctrl+s saves · escape closes (asks first if unsaved)", classes="dialog-hint")

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)
        self._show_count()

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @property
    def dirty(self) -> bool:
        return self.text != self._original

    @on(TextArea.Changed)
    def _show_count(self) -> None:
        count = len(self.text)
        status = self.query_one("#note-status", Static)
        over = count > MAX_NOTE_CHARS
        status.update(
            f"{count:,} of {MAX_NOTE_CHARS:,} characters: too long to save" if over else f"{count:,} characters"
        )
        status.set_class(over, "-error")

    def action_save(self) -> None:
        if len(self.text) > MAX_NOTE_CHARS:
            self.notify(
                f"This note is longer than {MAX_NOTE_CHARS:,} characters; shorten it to save.",
                severity="error",
            )
            return
        self.dismiss(self.text)

    @work
    async def action_close(self) -> None:
        if not self.dirty or await self.app.push_screen_wait(
            ConfirmScreen("Discard the changes to this note?", yes="Discard", no="Keep editing")
        ):
            self.dismiss(None)
