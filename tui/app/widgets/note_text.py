"""The note editor's text area: shows a note visibly, keeps it exactly as written.

A note can hold control characters (an import, a paste). Textual's TextArea draws a
line's characters as they are, so an ESC in a note would reach the terminal and act
there. This text area shows each such character as one visible character (ESC as ␛,
:func:`tui.textsafe.for_terminal`) and still saves the note exactly: its document keeps
two copies of every line, the one shown and the one written, and every edit (typing,
pasting, deleting, undo and redo, which all go through ``Document.replace_range``) is
made to both. Because each character is shown as exactly one character, a location
(row, column) means the same place in both copies.
"""

from __future__ import annotations

from textual.widgets import TextArea
from textual.widgets.text_area import Document, EditResult, Location

from tui.textsafe import for_terminal


class VisibleDocument(Document):
    """A document whose lines are shown safely while its text stays as written.

    ``lines``, ``get_line`` and indexing give the shown lines (what TextArea lays out
    and draws); ``text`` and ``get_text_range`` give the written text (what is saved,
    copied, and put back by undo). Lines are split at newlines only: a carriage return,
    a form feed or a line separator is a character of its line, shown as a symbol.
    """

    def __init__(self, text: str) -> None:
        self._written: list[str] = text.split("\n")
        super().__init__("\n".join(for_terminal(line) for line in self._written))
        if len(self._written) != len(self.lines):  # pragma: no cover - for_terminal keeps only \n as a break
            raise ValueError("the shown and written lines do not match")

    @property
    def text(self) -> str:
        """The note exactly as written."""
        return "\n".join(self._written)

    def get_text_range(self, start: Location, end: Location) -> str:
        """The written text between two locations (copied, and kept for undo)."""
        if start == end:
            return ""
        (top_row, top_column), (bottom_row, bottom_column) = sorted((start, end))
        lines = self._written
        if top_row == bottom_row:
            return lines[top_row][top_column:bottom_column]
        parts = [lines[top_row][top_column:], *lines[top_row + 1 : bottom_row]]
        if bottom_row < len(lines):
            parts.append(lines[bottom_row][:bottom_column])
        return "\n".join(parts)

    def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
        """Make an edit to the shown lines (with ``text`` made visible) and to the written
        lines (with ``text`` as it is): the only way a document changes."""
        # The parent reads the replaced (written) text through get_text_range first.
        result = super().replace_range(start, end, for_terminal(text))
        (top_row, top_column), (bottom_row, bottom_column) = sorted((start, end))
        lines = self._written
        before = lines[top_row][:top_column] if top_row < len(lines) else ""
        after = lines[bottom_row][bottom_column:] if bottom_row < len(lines) else ""
        inserted = text.split("\n")
        inserted[0] = before + inserted[0]
        inserted[-1] += after
        lines[top_row : bottom_row + 1] = inserted
        return result


class NoteTextArea(TextArea):
    """A TextArea for one note: control characters shown, the note saved as written."""

    def load_note(self, text: str) -> None:
        """Show ``text`` (clearing the undo history), keeping it exactly as written.

        ``load_text`` lays the shown text out; its document is then swapped for a
        :class:`VisibleDocument` with the same lines, so nothing needs laying out again.
        The swap uses only public attributes (``document``, the wrapped view's
        ``document``, and ``navigator``, which keeps the document it was made with: left
        on the laid-out one, ``delete`` at the end of a line read past its lines and the
        app crashed); ``tests/app/test_hostile.py`` fails if Textual changes how they
        are used.
        """
        document = VisibleDocument(text)
        self.load_text("\n".join(document.lines))
        self.document = document
        self.wrapped_document.document = document
        self.navigator = type(self.navigator)(self.wrapped_document)

    @property
    def note(self) -> str:
        """The note as written (``text`` is the same)."""
        return self.document.text
