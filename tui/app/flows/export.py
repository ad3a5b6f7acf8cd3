"""Export: the dialog, with the text made from the store as it is when the reader exports,
opening with the format and folder of the last export (kept in the store's settings)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from tui.store import RecordRejected, StoreUnavailable
from tui.textsafe import is_safe

if TYPE_CHECKING:
    from tui.app.screens.export import Exported
    from tui.app.screens.main import MainScreen


class ExportFlow:
    """Opens the export dialog and says where the file went."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def open_dialog(self) -> None:
        """The export dialog, unless there is nothing to export yet."""
        from tui.app.screens.export import ExportScreen  # noqa: PLC0415 - a dialog loads when opened

        if not self.screen.store.entries():
            self.screen.notify("Nothing to export yet: bookmark something (b) or write a note (a) first.")
            return
        settings = self.screen.store.settings()
        folder = Path(settings.export_folder) if settings.export_folder else None
        self.screen.app.push_screen(
            ExportScreen(self._render, fmt=settings.export_format, folder=folder), self._exported
        )

    def _render(self, fmt: str) -> str | None:
        from tui.exchange import render_export  # noqa: PLC0415 - the exchange layer loads when used

        return render_export(self.screen.pack, self.screen.store.snapshot(), fmt)

    def _exported(self, exported: Exported | None) -> None:
        if exported is None:
            return
        if self.screen.app.is_web:  # delivered as a download: the name is the browser's to place
            self.screen.notify(f"Sent to your browser as {exported.path.name}", title="Export")
            with contextlib.suppress(StoreUnavailable, RecordRejected):  # not the server's folder
                self.screen.store.update_settings(export_format=exported.format)
            return
        self.screen.notify(f"Exported to {exported.path}", title="Export")
        folder = os.path.abspath(exported.path.parent)
        try:  # the next export starts from this one's format and folder
            if is_safe(folder):
                self.screen.store.update_settings(export_format=exported.format, export_folder=folder)
            else:
                self.screen.store.update_settings(export_format=exported.format)
        except (StoreUnavailable, RecordRejected):
            pass  # a default not remembered; the export itself is written
