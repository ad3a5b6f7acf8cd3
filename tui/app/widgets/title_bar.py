"""The title bar: the app's name (or the tree's filter) and the breadcrumb of the node read.

It looks and works as Textual's ``Header`` does (the icon on the left opens the command
palette; the title is centred, cut with "…"), but the breadcrumb is its own: ``Header``
shows the screen's ``sub_title``, and setting a screen's ``sub_title`` repaints every cell
of the screen. The breadcrumb changes on every step of a held key (the tree's cursor or
the reader's scroll moves to another section), so each step drew the whole terminal.
Here a change redraws the one line, with no layout (the bar's size never changes), and
the bar is one widget: ``Header`` is four, each styled and drawn on its own.
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Click, Leave, MouseMove
from textual.widget import Widget

ICON_CELLS = 8
"""The icon's cells at the left (as ``Header``'s): a click there opens the command palette."""

BALANCE_CELLS = 10
"""Blank cells at the right, as wide as ``Header``'s clock, so the title is centred as there."""


class TitleBar(Widget):
    """The top line: the palette icon, then the title and breadcrumb, centred."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, icon: str) -> None:
        super().__init__()
        self._icon = icon
        self._title: str | None = None
        self._hover = False
        self.breadcrumb = ""
        """Where the node read sits in the pack (``Overview › Origins``)."""

    @property
    def title(self) -> str:
        """The words before the breadcrumb: the tree's filter if one is set, else the app's name."""
        return self._title if self._title is not None else self.app.title

    def show_breadcrumb(self, breadcrumb: str) -> None:
        """Show where another node sits (the line is redrawn only if it changed)."""
        if breadcrumb != self.breadcrumb:
            self.breadcrumb = breadcrumb
            self.refresh()

    def show_title(self, words: str | None) -> None:
        """Show ``words`` before the breadcrumb (``None``: the app's name again)."""
        if words != self._title:
            self._title = words
            self.refresh()

    def render(self) -> Content:
        """The icon, then the title centred in the room between it and the balance (the
        title and breadcrumb are pack text: :meth:`~tui.app.app.SemaxExplorer.format_title`
        shows them literally)."""
        width = self.size.width
        icon = Content.assemble(" ", self._icon).pad_right(max(0, ICON_CELLS - 1 - len(self._icon)))
        if self._hover:
            icon = icon.stylize_before("on $foreground 10%")
        room = max(0, width - ICON_CELLS - BALANCE_CELLS)
        # Tabs widened here, where the title is measured: drawn later, each would take
        # up to eight cells the measure did not count.
        title = self.app.format_title(self.title, self.breadcrumb).expand_tabs()
        if title.cell_length > room:
            title = title.truncate(max(room - 1, 0)) + "…" if room else Content("")
        left = (room - title.cell_length) // 2
        return Content.assemble(icon.truncate(min(ICON_CELLS, width)), title.pad(left, room - left - title.cell_length))

    def on_mouse_move(self, event: MouseMove) -> None:
        """Over the icon: say what a click does, and light it up."""
        over = event.x < ICON_CELLS
        self.tooltip = "Open the command palette" if over else None
        if over != self._hover:
            self._hover = over
            self.refresh()

    def on_leave(self, _event: Leave) -> None:
        """The mouse left: the icon is not lit."""
        if self._hover:
            self._hover = False
            self.refresh()

    async def on_click(self, event: Click) -> None:
        """A click on the icon opens the command palette (the title does nothing)."""
        if event.x < ICON_CELLS:
            event.stop()
            await self.run_action("app.command_palette")
