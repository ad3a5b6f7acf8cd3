"""The note editor: one node's note; nothing typed is lost, by accident or by a signal.

What the editor holds and has not saved is kept as a draft in the user store a moment
after typing stops (:data:`DRAFT_DELAY`), and at once when the explorer is told to close
(SIGTERM, SIGHUP: :meth:`NoteEditor.keep_draft`), so the next start can offer it back.
Saving or discarding the note forgets the draft.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Static, TextArea

from tui.app.internals.key_order import KeyHold, hold_keys
from tui.app.safe import literal
from tui.app.screens.choose import Choice, ChoiceScreen
from tui.app.screens.dialog import Dialog
from tui.app.widgets.note_text import NoteTextArea
from tui.store import MAX_NOTE_CHARS
from tui.textsafe import is_safe

DRAFT_DELAY = 1.0
"""Seconds after the last keystroke before what is typed is kept as a draft."""

TYPING_WAIT = 0.2
"""How long a draft kept while typing waits for another process's lock before it gives
up and tries again a moment later (the editor must not freeze)."""

UNSAVED = (
    Choice("keep", "Keep editing", "k"),
    Choice("discard", "Discard", "d", "error"),
    Choice("save", "Save", "s", "primary"),
)
"""What closing a note with unsaved changes offers; the first is what escape and enter do."""

KeepDraft = Callable[[str | None, float | None], bool]
"""Keeps what the editor holds as the note's draft, or forgets it (None), waiting at most
so many seconds for the store's lock; True when that is done."""


class NoteEditor(Dialog[str | None]):
    """Dismissed with the new text on save (ctrl+s), or None when closed without saving."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "close", "Close", priority=True),
    ]

    def __init__(
        self,
        where: str,
        saved: str | None,
        *,
        draft: str | None = None,
        recovered: str | None = None,
        keep: KeepDraft | None = None,
    ) -> None:
        """``draft`` is text to start from instead of the saved note (a failed save, or
        a draft kept when the explorer last closed, then ``recovered`` says when)."""
        super().__init__()
        self._where = where
        self._original = saved or ""
        """The text as saved: closing with anything else asks first."""
        self._draft = draft
        self._recovered = recovered
        self._keep = keep
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """The node the note is on, the text, a status line (length, a recovered draft) and the keys."""
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static(literal(f"Note on {self._where}"), classes="dialog-title")
            yield NoteTextArea(id="note-text", soft_wrap=True, tab_behavior="indent")
            yield Static("", id="note-status")
            yield Static("ctrl+s saves · escape closes (asks first if unsaved)", classes="dialog-hint")

    def on_mount(self) -> None:
        """The editor starts from the saved note, or the draft, with the cursor at its end."""
        editor = self.query_one(NoteTextArea)
        editor.load_note(self._original if self._draft is None else self._draft)
        editor.focus()
        editor.move_cursor(editor.document.end)
        self._show_count()

    def on_key(self, event: events.Key) -> None:
        """A character that reaches the dialog itself was typed before the text area had
        focus (the words typed with ``a`` in one burst): the text area takes every
        character typed into it, so this one goes there too, in its turn, not lost."""
        if event.is_printable and event.character is not None:
            event.stop()
            self.query_one(NoteTextArea).insert(event.character)

    @property
    def where(self) -> str:
        """The breadcrumb of the node whose note this is."""
        return self._where

    @property
    def text(self) -> str:
        """What the editor holds, exactly as it will be saved."""
        return self.query_one(NoteTextArea).note

    @property
    def dirty(self) -> bool:
        """Whether closing now would lose something."""
        return self.text != self._original

    @on(TextArea.Changed)
    def _changed(self) -> None:
        self._show_count()
        if self._keep is not None:
            if self._timer is not None:
                self._timer.stop()
            self._timer = self.set_timer(DRAFT_DELAY, self._keep_while_typing)

    def _keep_while_typing(self) -> None:
        self._timer = None
        if not self.keep_draft(wait=TYPING_WAIT):  # the store is busy: try again shortly
            self._timer = self.set_timer(DRAFT_DELAY, self._keep_while_typing)

    def keep_draft(self, *, wait: float | None = None) -> bool:
        """Keep what is typed as a draft now (or forget the draft when nothing is unsaved).
        True only when there was something unsaved and it is now kept."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._keep is None:
            return False
        dirty = self.dirty
        done = self._keep(self.text if dirty else None, wait)
        return dirty and done

    def _show_count(self) -> None:
        text = self.text
        count = len(text)
        over = count > MAX_NOTE_CHARS
        message = f"{count:,} of {MAX_NOTE_CHARS:,} characters: too long to save" if over else f"{count:,} characters"
        if not is_safe(text):
            message += " · control characters are shown as symbols (␛) and kept as written"
        if self._recovered:
            message = f"Recovered the draft you were writing ({self._recovered}) · {message}"
        status = self.query_one("#note-status", Static)
        status.update(literal(message))
        status.set_class(over, "-error")

    def _after_typed(self, action: Callable[[], object]) -> None:
        """Run ``action`` once the keys typed before it are in the text: ctrl+s and escape
        are priority bindings, run as soon as they are read, while the characters typed
        just before them in one burst still wait in the dialog's and the text area's
        queues (``a hello ctrl+s`` saved an empty note)."""
        self.call_later(self.query_one(NoteTextArea).call_later, action)

    def action_save(self) -> None:
        """Save (once what was typed before is in): hand the text to the screen, which writes it.

        The keys typed after ``ctrl+s`` wait until the editor has closed (:func:`hold_keys`):
        ``a h i ctrl+s j`` saved ``hij``, the ``j`` typed into the note meanwhile."""
        self._after_typed(partial(self._save, hold_keys(self.app)))

    def _save(self, hold: KeyHold) -> None:
        try:
            if len(self.text) > MAX_NOTE_CHARS:
                self.notify(
                    f"This note is longer than {MAX_NOTE_CHARS:,} characters; shorten it to save.",
                    severity="error",
                )
                return
            if self._timer is not None:
                self._timer.stop()
            self.dismiss(self.text)
        finally:
            hold.release()

    def action_close(self) -> None:
        """Close (once what was typed before is in), asking first when that would lose it.
        The keys typed after ``escape`` wait for the question (or the editor's closing):
        typed at once, they went into the note."""
        self._after_typed(partial(self._close, hold_keys(self.app)))

    @work
    async def _close(self, hold: KeyHold) -> None:
        """Ask first when closing would lose what was typed: save it, discard it, or keep
        editing (the answer escape and enter give, so nothing is lost by a stray key)."""
        try:
            if self.dirty:
                hold.release()  # the question is on top before another key is read
                answer = await self.app.push_screen_wait(ChoiceScreen("This note has unsaved changes.", UNSAVED))
                if answer == "save":
                    self.action_save()
                    return
                if answer != "discard":
                    return
            if self._timer is not None:
                self._timer.stop()
            if self._keep is not None:
                self._keep(None, None)  # discarded on purpose: no draft to offer back
            self.dismiss(None)
        finally:
            hold.release()
