"""The title bar: the app's title and the open node's breadcrumb, on one line.

What Textual's ``Header`` shows (the screen's title and sub-title, centred, and an icon
that opens the command palette), drawn by one widget instead of four; like the key
bar, it is there from the first frame, so each widget it saves is start-up saved.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON_WIDTH = 3
"""Columns at the left that show the icon and open the command palette when clicked."""


class TitleBar(Widget, can_focus=False):
    """One line at the top: icon, then the screen's title and sub-title, centred."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"title-bar--icon-hover"}
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
        .title-bar--icon-hover {
            background: $foreground 10%;
        }
    }
    """

    def __init__(self, icon: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.icon = icon
        self._hover = False

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    @property
    def text(self) -> Content:
        """The title and sub-title as the app formats them."""
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        return self.app.format_title(title, sub_title)

    def render(self) -> Content:
        width = self.size.width
        icon = Content(f" {self.icon} ".ljust(ICON_WIDTH))
        if self._hover:
            icon = icon.stylize(self.get_visual_style("title-bar--icon-hover"))
        text = self.text.truncate(max(0, width - 2 * ICON_WIDTH), ellipsis=True)
        left = max(ICON_WIDTH, (width - text.cell_length) // 2)
        return Content.assemble(icon, " " * (left - ICON_WIDTH), text)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = event.x < ICON_WIDTH
        if hover != self._hover:
            self._hover = hover
            self.tooltip = "Open the command palette" if hover else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover:
            self._hover = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH:
            event.stop()
            await self.run_action("app.command_palette")
