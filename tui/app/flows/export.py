"""Export: the dialog, with the text made from the store as it is when the reader exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
        self.screen.app.push_screen(ExportScreen(self._render), self._exported)

    def _render(self, fmt: str) -> str | None:
        from tui.exchange import render_export  # noqa: PLC0415 - the exchange layer loads when used

        return render_export(self.screen.pack, self.screen.store.snapshot(), fmt)

    def _exported(self, path: Path | None) -> None:
        if path is None:
            return
        if self.screen.app.is_web:  # delivered as a download: the name is the browser's to place
            self.screen.notify(f"Sent to your browser as {path.name}", title="Export")
        else:
            self.screen.notify(f"Exported to {path}", title="Export")
