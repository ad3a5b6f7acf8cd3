"""The Textual application: theme, the main screen, and the first-launch disclaimer."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from tui.app.providers import NodeCommands
from tui.app.screens.disclaimer import DisclaimerScreen
from tui.app.screens.main import MainScreen
from tui.content import Content as Pack

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
STYLES = Path(__file__).parent / "styles"


class SemaxExplorer(App[None]):
    """The explorer. Give it a loaded pack; it reads nothing from disk on its own."""

    TITLE = "Semax Explorer"
    CSS_PATH = [
        STYLES / "app.tcss",
        STYLES / "main.tcss",
        STYLES / "reader.tcss",
        STYLES / "dialogs.tcss",
    ]
    COMMANDS = App.COMMANDS | {NodeCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(
        self, pack: Pack, *, start: str | None = None, disclaimer_acknowledged: bool = False
    ) -> None:
        super().__init__()
        self.pack = pack
        self._start = start
        self.disclaimer_acknowledged = disclaimer_acknowledged
        """Kept in memory until the user store remembers it across runs."""

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.pack, self._start))
        if not self.disclaimer_acknowledged:
            self.push_screen(DisclaimerScreen(self.pack.meta.disclaimer), self._acknowledged)

    def _acknowledged(self, acknowledged: bool | None) -> None:
        self.disclaimer_acknowledged = bool(acknowledged)

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME
