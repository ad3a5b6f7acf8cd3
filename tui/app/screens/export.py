"""The export dialog: choose a format and a path; confirm before overwriting, offer to
create a missing folder. It opens with the format and folder of the last export, and a
path typed with a format's extension chooses that format.

Keys typed in the same burst as the key that opened it (``e`` then a path at full
speed, or pasted) reach the dialog before its field has the focus; the dialog hands
them to the field in the order they came, so none is lost (:meth:`ExportScreen.on_key`).

In a browser (``semax-explorer serve``, :attr:`App.is_web`) there is no path to choose: the
file is delivered to the browser as a download (Textual's ``deliver_binary``), never
written on the server, whose folders are not the reader's (and, in public mode, not
theirs to write to at all).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from tui.app.internals.key_order import KeyHold, hold_keys
from tui.app.safe import literal
from tui.app.screens.confirm import ConfirmScreen
from tui.app.screens.dialog import Dialog
from tui.app.widgets.safe_input import SafeInput
from tui.exchange import (
    FORMATS,
    ExportError,
    default_path,
    encode,
    export_target,
    format_of,
    make_folder,
    missing_folder,
    write_export,
)
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


def suggested(fmt: str, folder: Path | None = None) -> str:
    """Where an export in ``fmt`` goes unless the reader says otherwise: today's file name
    in ``folder`` (the last export's) while it is a folder, else in the home folder ("" when
    the home folder cannot be told: the reader types a path)."""
    try:
        if folder is not None and folder.is_dir():
            return shown(default_path(fmt, home=folder))
        return shown(default_path(fmt))
    except (BadPath, OSError, ValueError):
        return ""


MIME_TYPES = {"markdown": "text/markdown", "json": "application/json", "html": "text/html"}
"""What a browser is told each format is, so it saves it under the right kind."""


def download_name(fmt: str) -> str:
    """The name a download is saved under: the name :func:`default_path` would give."""
    return default_path(fmt, home=Path("/")).name


class Exported(NamedTuple):
    """What the dialog wrote: the path, and the format (the next export's default, with
    the path's folder)."""

    path: Path
    format: str


class ExportScreen(Dialog[Exported | None]):
    """Dismissed with what was written (in a browser: the name the download was given, and
    no folder to remember), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(
        self, render: Callable[[str], str | None], *, fmt: str | None = None, folder: Path | None = None
    ) -> None:
        """``fmt`` and ``folder``: the last export's, to start from (Markdown in the home folder
        when there was none)."""
        super().__init__()
        self._make_text = render
        """Returns the export's text in a format, or None when there is nothing to export."""
        self._format = fmt if fmt in FORMATS else "markdown"
        self._folder = folder
        self._early = True
        """Until the field has the focus and every key typed before is handed to it."""

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
                yield SafeInput(suggested(self._format, self._folder), id="export-path")
            yield Static("", id="export-status")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Download" if self.app.is_web else "Export", id="export", variant="primary")

    def on_mount(self) -> None:
        """The path has the focus at once (``focus()`` would wait a turn, and keys typed
        meanwhile would be lost), so enter exports to it and typing replaces it. In a
        browser the Download button has it."""
        self._take_focus()
        self.call_later(self._settled)

    def _take_focus(self) -> None:
        field: Input | Button = self.query_one("#export", Button) if self.app.is_web else self.query_one(Input)
        if self.focused is not field:
            self.set_focus(field)

    def _settled(self) -> None:
        """Every key that came before the field had the focus has been handed to it; keys
        from now on go to the focused widget, as everywhere."""
        self._early = False

    def on_key(self, event: events.Key) -> None:
        """A key typed in the burst that opened the dialog reached the dialog itself, before
        its field had the focus: hand it to the field, in order, so that it types (or, for
        enter or escape, acts) as it would have a moment later."""
        if not self._early or self.app.is_web:  # in a browser there is no field to type in
            return
        event.stop()
        event.prevent_default()
        self._take_focus()
        self.query_one(Input).post_message(events.Key(event.key, event.character))

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        previous = self._format
        self._format = event.pressed.name or "markdown"
        if self.app.is_web:
            return
        field = self.query_one(Input)
        if field.value == suggested(previous, self._folder):  # not edited: follow the format
            field.value = suggested(self._format, self._folder)

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        """A path whose extension names a format (``.json``, ``.html``, ``.md``) chooses it,
        as the command line does: the file is never Markdown under a ``.json`` name."""
        named = format_of(event.value.strip())
        if named is not None and named != self._format:
            self._format = named
            for button in self.query(RadioButton):
                if button.name == named:
                    button.value = True

    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def _export_pressed(self) -> None:
        """Export: the keys typed after it wait until the file is written and the dialog
        closed, or a question about the path is on top (:func:`hold_keys`)."""
        self._export(hold_keys(self.app))

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
        self.dismiss(Exported(Path(name), self._format))

    @work(exclusive=True)
    async def _export(self, hold: KeyHold) -> None:
        with hold:
            await self._export_holding(hold)

    async def _export_holding(self, hold: KeyHold) -> None:
        if self.app.is_web:
            self._deliver()
            return
        raw = self.query_one(Input).value.strip()
        if not raw:
            self._status("Give a file name to save to.")
            return
        try:
            path = user_path(raw, "the file name")
            folder = missing_folder(path)
        except BadPath as error:
            self._status(str(error))
            return
        if folder is not None:
            question = ConfirmScreen(
                f"The folder {shown(folder)} does not exist. Create it?", yes="Create", no="Cancel"
            )
            hold.release()  # the question is on top before another key is read
            if not await self.app.push_screen_wait(question):
                self._status(f"The folder {shown(folder)} does not exist: create it, or choose another.")
                return
            try:
                make_folder(folder)
            except ExportError as error:
                self._status(str(error))
                return
        try:
            exists = export_target(path).exists()
        except ExportError as error:
            self._status(str(error))  # the dialog stays open: nothing is lost, try another path
            return
        text = self._make_text(self._format)
        if text is None:
            self._status("Nothing to export yet: bookmark something (b) or write a note (a) first.")
            return
        if exists:
            question = ConfirmScreen(f"{shown(path)} exists. Replace it?", yes="Replace", no="Keep it")
            hold.release()
            if not await self.app.push_screen_wait(question):
                return
        try:
            written = write_export(path, encode(text, self._format))
        except ExportError as error:
            self._status(str(error))
            return
        self.dismiss(Exported(written, self._format))
