"""The base of every dialog: a modal screen whose styles load with the first dialog opened.

The dialogs' styles (``styles/dialogs.tcss``) are a third of the explorer's own styles, and
none is needed to draw the main screen, yet parsing them at start-up took time
(docs/performance.md). As the default CSS of this class they are read when the first
dialog is mounted, and only then.
They are not scoped to the dialog (``SCOPED_CSS = False``): the rules name the dialog
screens themselves, like any stylesheet.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from textual import events
from textual.screen import ModalScreen

Result = TypeVar("Result")

SHORT = 30
"""Rows below which a dialog is laid out for a short screen."""

STYLESHEET = Path(__file__).resolve().parent.parent / "styles" / "dialogs.tcss"


class Dialog(ModalScreen[Result]):
    """A modal dialog of the explorer (help, disclaimer, note editor, search, export, ...)."""

    SCOPED_CSS = False
    DEFAULT_CSS = STYLESHEET.read_text(encoding="utf-8")

    def on_resize(self, event: events.Resize) -> None:
        """On a short screen (under :data:`SHORT` rows) the dialog takes the full height
        with less space around its parts; the stylesheet says how (``.-short``). Every
        dialog scrolls as a whole when it still does not fit, and the focused field or
        button is scrolled into view, so none is ever out of reach."""
        self.set_class(event.size.height < SHORT, "-short")
