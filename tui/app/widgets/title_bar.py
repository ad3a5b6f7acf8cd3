"""The title bar: the app's title and the breadcrumb of the node read, on one line.

It draws what Textual's ``Header`` draws, cell for cell (an icon that opens the command
palette, the title and sub-title centred between the icon's eight columns and the
clock's ten, cut with "…"), as one widget. ``Header`` shows the title in a ``Static``
whose every update asks for a layout of the whole screen, and a layout redraws the
whole screen: the breadcrumb changes at every step of a held ↓ in the tree, and that
layout was most of a step's time on a large pack (docs/performance.md). Here a new
title only repaints this one line.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON_WIDTH = 8
"""Columns at the left that show the icon and open the command palette (Header's)."""

CLOCK_WIDTH = 10
"""Columns at the right that Header keeps for its clock (shown or not)."""


class TitleBar(Widget, can_focus=False):
    """One line at the top: the icon, then the screen's title and sub-title, centred."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"title-bar--icon-hover"}
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        .title-bar--icon-hover {
            background: $foreground 10%;
        }
    }
    """

    def __init__(self, icon: str, *, id: str | None = None) -> None:
        """``icon``: the character at the left (a click on it opens the command palette)."""
        super().__init__(id=id)
        self.icon = icon
        """The character at the left."""
        self._hover = False

    def on_mount(self) -> None:
        """Follow the title and sub-title of the app and of the screen."""
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()  # a repaint of this line: its size never changes

    @property
    def text(self) -> Content:
        """The title and sub-title as the app formats them (``App.format_title``)."""
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        return self.app.format_title(title, sub_title)

    def render(self) -> Content:
        """The icon, and the title centred in the columns between the icon and the clock's."""
        width = self.size.width
        icon = Content(f" {self.icon}".ljust(ICON_WIDTH))[:width]
        if self._hover:
            icon = icon.stylize(self.get_visual_style("title-bar--icon-hover"))
        room = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        text = self.text.truncate(room, ellipsis=True)
        left = (room - text.cell_length) // 2
        return Content.assemble(icon, " " * left, text)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """The icon is marked and explains itself while the pointer is on it."""
        hover = event.x < ICON_WIDTH
        if hover != self._hover:
            self._hover = hover
            self.tooltip = "Open the command palette" if hover else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        """The pointer left: the icon is no longer marked."""
        if self._hover:
            self._hover = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        """A click on the icon opens the command palette; on the title it does nothing."""
        if event.x < ICON_WIDTH:
            event.stop()
            await self.run_action("app.command_palette")
