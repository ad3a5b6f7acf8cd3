"""The export dialog: choose a format and a path; confirm before overwriting.

In a browser (``semax-explorer serve``, :attr:`App.is_web`) there is no path to choose: the
file is delivered to the browser as a download (Textual's ``deliver_binary``), never
written on the server, whose folders are not the reader's (and, in public mode, not
theirs to write to at all).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from tui.app.safe import literal
from tui.app.screens.confirm import ConfirmScreen
from tui.app.screens.dialog import Dialog
from tui.app.widgets.safe_input import SafeInput
from tui.exchange import FORMATS, ExportError, default_path, encode, export_target, write_export
from tui.files import BadPath, user_path
from tui.userdirs import home

LABELS = {
    "markdown": "Markdown (a document to keep; Obsidian-friendly)",
    "json": "JSON (for import)",
    "html": "HTML (to open or print)",
}


def shown(path: Path) -> str:
    """A path as a person would type it, with ~ for the home folder."""
    try:
        return "~/" + str(path.relative_to(home()))
    except (ValueError, BadPath):
        return str(path)


def suggested(fmt: str) -> str:
    """Where an export in ``fmt`` goes unless the reader says otherwise ("" when the home
    folder cannot be told: the reader types a path)."""
    try:
        return shown(default_path(fmt))
    except BadPath:
        return ""


MIME_TYPES = {"markdown": "text/markdown", "json": "application/json", "html": "text/html"}
"""What a browser is told each format is, so it saves it under the right kind."""


def download_name(fmt: str) -> str:
    """The name a download is saved under: the name :func:`default_path` would give."""
    return default_path(fmt, home=Path("/")).name


class ExportScreen(Dialog[Path | None]):
    """Dismissed with the path written (in a browser: the name the download was given),
    or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, render: Callable[[str], str | None]) -> None:
        super().__init__()
        self._make_text = render
        """Returns the export's text in a format, or None when there is nothing to export."""
        self._format = "markdown"

    def compose(self) -> ComposeResult:
        """The formats, the path to save to (suggested for the chosen format), a status line and
        the buttons."""
        with Vertical(id="export-dialog", classes="dialog"):
            yield Static("Export bookmarks and notes", classes="dialog-title")
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield RadioButton(LABELS[fmt], value=fmt == self._format, name=fmt)
            if self.app.is_web:
                yield Static("Your browser downloads the file.", classes="field-label")
            else:
                yield Static("Save to:", classes="field-label")
                yield SafeInput(suggested(self._format), id="export-path")
            yield Static("", id="export-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Download" if self.app.is_web else "Export", id="export", variant="primary")

    def on_mount(self) -> None:
        """The path has the focus, so enter exports to it (in a browser: the button)."""
        if self.app.is_web:
            self.query_one("#export", Button).focus()
        else:
            self.query_one(Input).focus()

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        previous = self._format
        self._format = event.pressed.name or "markdown"
        if self.app.is_web:
            return
        field = self.query_one(Input)
        if field.value == suggested(previous):  # not edited: follow the format
            field.value = suggested(self._format)

    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def _export_pressed(self) -> None:
        self._export()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """escape or Cancel: close without writing anything."""
        self.dismiss(None)

    def _status(self, message: str, *, error: bool = True) -> None:
        status = self.query_one("#export-status", Static)
        status.update(literal(message))
        status.set_class(error, "-error")

    def _deliver(self) -> None:
        """In a browser: hand the file to the browser as a download."""
        text = self._make_text(self._format)
        if text is None:
            self._status("Nothing to export yet: bookmark something (b) or write a note (a) first.")
            return
        name = download_name(self._format)
        self.app.deliver_binary(
            io.BytesIO(encode(text, self._format)), save_filename=name, mime_type=MIME_TYPES[self._format]
        )
        self.dismiss(Path(name))

    @work(exclusive=True)
    async def _export(self) -> None:
        if self.app.is_web:
            self._deliver()
            return
        raw = self.query_one(Input).value.strip()
        if not raw:
            self._status("Give a file name to save to.")
            return
        try:
            path = user_path(raw, "the file name")
            exists = export_target(path).exists()
        except (BadPath, ExportError) as error:
            self._status(str(error))  # the dialog stays open: nothing is lost, try another path
            return
        text = self._make_text(self._format)
        if text is None:
            self._status("Nothing to export yet: bookmark something (b) or write a note (a) first.")
            return
        if exists and not await self.app.push_screen_wait(
            ConfirmScreen(f"{shown(path)} exists. Replace it?", yes="Replace", no="Keep it")
        ):
            return
        try:
            written = write_export(path, encode(text, self._format))
        except ExportError as error:
            self._status(str(error))
            return
        self.dismiss(written)
