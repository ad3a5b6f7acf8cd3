"""The title bar: the app's name (or the tree's filter) and the breadcrumb of the node read.

It looks and works as Textual's ``Header`` does (the icon on the left opens the command
palette; the title is centred, cut with "…"), but the breadcrumb is its own: ``Header``
shows the screen's ``sub_title``, and setting a screen's ``sub_title`` repaints every cell
of the screen. The breadcrumb changes on every step of a held key (the tree's cursor or
the reader's scroll moves to another section), so each step drew the whole terminal.
Here a change redraws the one line, with no layout (the bar's size never changes).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click
from textual.widgets import Static


class PaletteIcon(Static):
    """The icon at the left of the title bar: a click opens the command palette."""

    DEFAULT_CSS = """
    PaletteIcon {
        width: 8;
        padding: 0 1;
    }
    PaletteIcon:hover {
        background: $foreground 10%;
    }
    """

    def on_mount(self) -> None:
        """Say what a click does."""
        self.tooltip = "Open the command palette"

    async def on_click(self, event: Click) -> None:
        """Open the command palette."""
        event.stop()
        await self.run_action("app.command_palette")


class TitleBar(Horizontal):
    """The top line: the palette icon, then the title and breadcrumb, centred."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    TitleBar #title {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        content-align: center middle;
    }
    TitleBar #balance {
        width: 10;
    }
    """

    def __init__(self, icon: str) -> None:
        super().__init__()
        self._icon = icon
        self._title: str | None = None
        self.breadcrumb = ""
        """Where the node read sits in the pack (``Overview › Origins``)."""

    def compose(self) -> ComposeResult:
        """The icon, the title, and a blank as wide as Textual's clock, so the title is
        centred as ``Header`` centres it."""
        yield PaletteIcon(self._icon)
        yield Static(id="title")
        yield Static(id="balance")

    def on_mount(self) -> None:
        """The title is drawn from the first frame."""
        self._redraw()

    @property
    def title(self) -> str:
        """The words before the breadcrumb: the tree's filter if one is set, else the app's name."""
        return self._title if self._title is not None else self.app.title

    def show_breadcrumb(self, breadcrumb: str) -> None:
        """Show where another node sits (the line is redrawn only if it changed)."""
        if breadcrumb != self.breadcrumb:
            self.breadcrumb = breadcrumb
            self._redraw()

    def show_title(self, words: str | None) -> None:
        """Show ``words`` before the breadcrumb (``None``: the app's name again)."""
        if words != self._title:
            self._title = words
            self._redraw()

    def _redraw(self) -> None:
        if not self.is_mounted:
            return  # drawn on mount
        # layout=False: the title's box is fixed (1fr of one line); only its text changes.
        self.query_one("#title", Static).update(self.app.format_title(self.title, self.breadcrumb), layout=False)
