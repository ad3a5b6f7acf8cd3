"""Help: every key of the main screen, from the one declaration of its commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app import commands
from tui.content.claims import legend, legend_entry

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


class HelpFlow:
    """Shows the help screen, with the number keys worded by the topics of this pack."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def sections(self) -> list[tuple[str, list[commands.HelpRow]]]:
        """The help screen's sections for this pack: the keys, then what each evidence
        label means (the legend's words, :func:`tui.content.claims.legend_entry`)."""
        labels = [commands.HelpRow(*legend_entry(row)) for row in legend(self.screen.pack)]
        return [*commands.help_sections(commands.MAIN, self._describe), ("Evidence labels", labels)]

    def _describe(self, command: commands.Command) -> str | None:
        index = int(command.keys) - 1 if command.keys.isdigit() else -1
        topics = self.screen.pack.topics()
        return f"Jump to {topics[index].title}" if 0 <= index < len(topics) else None

    def show(self) -> None:
        """? / f1: the help screen."""
        from tui.app.screens.help import HelpScreen  # noqa: PLC0415 - a dialog loads when opened

        self.screen.app.push_screen(HelpScreen("Keys", self.sections()))
