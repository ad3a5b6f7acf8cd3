"""The Textual application: theme, the main screen, and the first-launch disclaimer."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Iterable
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

if TYPE_CHECKING:
    from textual.command import Provider

from tui import startup
from tui.app import commands
from tui.app.crash import write_crash_report
from tui.app.internals.crash_hook import ReportsCrashes
from tui.app.internals.key_order import KeyOrder
from tui.app.safe import literal
from tui.app.screens.main import MainScreen
from tui.content import Pack
from tui.store import RecordRejected, UserStore
from tui.textsafe import for_terminal, is_safe

NOTIFICATION_CHARS = 600
"""A notification is cut to this many characters: paths and reasons can be long."""

CLOSING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
"""Asked to close by the system, the terminal went away, or an interrupt from outside
(the terminal's own ctrl+c is a key here): keep drafts, restore the terminal, exit."""

EXIT_GRACE = 5.0
"""Seconds a closing explorer may take to restore the terminal before it simply ends."""

SIGNAL_WAIT = 2.0
"""How long keeping a draft on a signal waits for another process's lock."""

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
STYLES = Path(__file__).parent / "styles"


def _node_commands() -> type[Provider]:
    """The palette's topics and sections, imported when the palette first opens."""
    from tui.app.providers import NodeCommands

    return NodeCommands


def _bookmark_commands() -> type[Provider]:
    from tui.app.providers import BookmarkCommands

    return BookmarkCommands


class SemaxExplorer(ReportsCrashes):
    """The explorer over a loaded pack and the reader's user store."""

    TITLE = "Semax Explorer"
    CSS_PATH = [STYLES / "main.tcss", STYLES / "reader.tcss"]
    """The main screen's styles; the dialogs' load with the first dialog (screens/dialog.py)."""
    COMMANDS = App.COMMANDS | {_node_commands, _bookmark_commands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(self, pack: Pack, store: UserStore, *, start: str | None = None) -> None:
        """Open at ``start``, else where the reader left off, else the first topic."""
        super().__init__()
        self.pack = pack
        self.store = store
        settings = store.settings()
        last = settings.last_node if settings.last_node in pack else None
        self._start = start or last
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        self.key_order = KeyOrder(self, self._typed_to_textual)
        """Keys (and pastes) one at a time, each once the one before it is done (see
        :mod:`~tui.app.internals.key_order`)."""

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, and the colour each evidence badge and note box takes in
        this theme (one of the theme's own, chosen so neighbours differ:
        :mod:`tui.app.theme_colours`)."""
        from tui.app.theme_colours import role_variables

        variables = super().get_css_variables()
        return {**variables, **role_variables(variables)}

    def report_crash(self, error: Exception) -> Path | None:
        """An unhandled error: a report in the data directory; Textual restores the
        terminal and the launcher prints one line naming the report, not a traceback."""
        return write_crash_report(self.store.directory, error)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification of the app, a widget or a screen passes here: its words are
        made visible and safe, and never read as markup (they quote pack titles, paths,
        notes and errors). ``markup`` is accepted for Textual's signature and ignored."""
        text = for_terminal(message)
        if len(text) > NOTIFICATION_CHARS:
            text = text[: NOTIFICATION_CHARS - 1] + "…"
        super().notify(text, title=for_terminal(title), severity=severity, timeout=timeout, markup=False)

    async def on_event(self, event: events.Event) -> None:
        """A paste reaches a field with its control characters made visible, as anything
        else shown: Textual's own fields (the palette's) draw what they hold as it is.
        The note editor alone takes a paste as it is: it shows it safely and keeps it.

        Keys and pastes are handled one at a time, in the order typed, each once the one
        before it has done all it does (:class:`~tui.app.internals.key_order.KeyOrder`)."""
        if isinstance(event, events.Key | events.Paste):
            if not await self.key_order.read(event):
                await self._typed_to_textual(event)
            return
        await super().on_event(event)

    async def _typed_to_textual(self, event: events.Key | events.Paste) -> None:
        """A key or paste to Textual, which hands it to the focused widget (or runs a key's
        bindings when it comes back). A paste reaches a field with its control characters
        made visible (the note editor alone keeps them, and shows them safely). Every key
        reaches the main screen after the reader's last scroll has: a key of a burst (``G``
        then ``q``) is read before the reader's word of what its scroll brought to the top
        (:meth:`~tui.app.screens.main.MainScreen.follow_the_reader`)."""
        if isinstance(event, events.Paste):
            if not event.is_forwarded and not is_safe(event.text):
                from tui.app.widgets.note_text import NoteTextArea

                if not isinstance(self.focused, NoteTextArea):
                    event.text = for_terminal(event.text)
        elif isinstance(self.screen, MainScreen):
            self.screen.follow_the_reader()
        await super().on_event(event)

    def action_help_quit(self) -> None:
        """ctrl+c, pressed to quit: say which key quits (Textual's own words use markup,
        which this app's notifications never read)."""
        keys = [key for key, active in self.active_bindings.items() if active.binding.action in ("quit", "app.quit")]
        if keys:
            self.notify(f"Press {self.get_key_display(self.active_bindings[keys[0]].binding)} to quit.")

    def format_title(self, title: str, sub_title: str) -> Content:
        """The title bar's text: the breadcrumb is pack text, shown literally and safely."""
        if sub_title:
            return Content.assemble(literal(title), (" — ", "dim"), literal(sub_title, "dim"))
        return literal(title)

    def get_default_screen(self) -> MainScreen:
        """The main screen is the app's first screen: Textual would otherwise compose
        and draw an empty default screen first and then push this one on top."""
        return MainScreen(self.pack, self.store, self._start)

    def on_ready(self) -> None:
        """The first frame is drawn: start-up is over, so the collector may run again
        (:func:`tui.startup.release`)."""
        startup.release()

    def on_load(self) -> None:
        """Closing signals are handled from the moment the loop runs, so one that arrives
        during start-up restores the terminal too."""
        loop = asyncio.get_running_loop()
        for number in CLOSING_SIGNALS:
            loop.add_signal_handler(number, self.close_on_signal, number)

    def on_mount(self) -> None:
        """A first-time reader sees the medical disclaimer over the main screen, once. Any
        change of theme from now on is remembered, however it was made (t, or the palette's
        "Change theme")."""
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if not self.store.settings().disclaimer_acknowledged:
            from tui.app.screens.disclaimer import DisclaimerScreen  # once per reader: not at every start

            self.push_screen(DisclaimerScreen(self.pack.meta.disclaimer), self._acknowledged)

    _watchdog: threading.Timer | None = None
    """Ends the process if closing on a signal takes longer than :data:`EXIT_GRACE`."""

    def on_unmount(self) -> None:
        """The explorer is closing: a signalled exit's watchdog stands down (it closed in
        time), and the signals get their usual handling back."""
        if self._watchdog is not None:
            self._watchdog.cancel()  # closed in time
        loop = asyncio.get_running_loop()
        for number in CLOSING_SIGNALS:
            loop.remove_signal_handler(number)

    closed_by: int | None = None
    """The signal that closed the explorer, if one did."""
    kept_draft = False
    """Whether closing kept the draft of a note being written."""

    def close_on_signal(self, number: int) -> None:
        """SIGTERM, SIGHUP or SIGINT: keep the draft of any open note, then exit the way
        a quit does, so the terminal is restored (exit code 128 + the signal).

        After SIGHUP the terminal is gone: Textual's writes to restore it would wait
        forever on a dead terminal, so the process ends at once once drafts are kept. A
        terminal that hangs for any other reason gets :data:`EXIT_GRACE` seconds."""
        self.closed_by = number
        self.keep_drafts()
        code = 128 + number
        if number == signal.SIGHUP:
            self.store.close()
            os._exit(code)
        self._watchdog = threading.Timer(EXIT_GRACE, os._exit, (code,))
        self._watchdog.daemon = True
        self._watchdog.start()
        self.exit(return_code=code)

    def keep_drafts(self) -> None:
        """Keep the draft of every note being written (see :attr:`kept_draft`)."""
        from tui.app.screens.note_editor import NoteEditor

        for screen in self.screen_stack:
            if isinstance(screen, NoteEditor) and screen.keep_draft(wait=SIGNAL_WAIT):
                self.kept_draft = True

    async def action_quit(self) -> None:
        """Quit; a note being written is kept as a draft for the next start, not lost."""
        self.keep_drafts()
        await super().action_quit()

    def _acknowledged(self, acknowledged: bool | None) -> None:
        if acknowledged:
            self.store.update_settings(disclaimer_acknowledged=True)

    def _theme_changed(self, theme: Theme) -> None:
        """The theme changed: remember it for the next start (unless it is remembered)."""
        if self.store.settings().theme != theme.name:
            with suppress(RecordRejected):  # a name the store would not keep: for this run only
                self.store.update_settings(theme=theme.name)

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme, and remember the choice."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME
        self.store.update_settings(theme=self.theme)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette's commands: Textual's own, and the explorer's main actions."""
        # Not Textual's "Screenshot": it writes the screen (notes included) to ~/Downloads,
        # outside the places this app writes (README, Reliability). Nor its "Quit" and
        # "Keys", which the explorer's own Quit and Help would offer twice.
        own = {"Screenshot", "Quit", "Keys"}
        yield from (command for command in super().get_system_commands(screen) if command.title not in own)
        if isinstance(screen, MainScreen):
            for command in commands.MAIN:
                if command.palette:
                    about = f"{command.help} ({commands.keys_display(command)})"
                    yield SystemCommand(command.name, about, partial(screen.run_action, command.action))

    def get_key_display(self, binding: Binding) -> str:
        """How a key is written on the key bar, as in the help and the README
        (:func:`tui.app.commands.key_display`)."""
        return binding.key_display or commands.key_display(binding.key.split(",")[0].strip())
