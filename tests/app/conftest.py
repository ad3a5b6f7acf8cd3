"""Helpers for driving the app with Pilot."""

from __future__ import annotations

import asyncio
import html
import re
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen

from tui.app.app import SemaxExplorer
from tui.app.screens.main import MainScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.reader import Reader
from tui.app.widgets.section_view import SectionView
from tui.content import Pack, load_pack
from tui.store import UserStore, data_dir

Shown = TypeVar("Shown", bound=Screen[Any])
"""A screen a test opens and looks at (see :func:`open_dialog`)."""


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack()


def make_app(pack: Pack, *, start: str | None = None, acknowledged: bool = True) -> SemaxExplorer:
    """An app on a pack with a real user store in the test's data directory (the
    disclaimer already acknowledged there unless asked)."""
    store = UserStore.open(data_dir())
    if acknowledged:
        store.update_settings(disclaimer_acknowledged=True)
    return SemaxExplorer(pack, store, start=start)


KEYS_PATIENCE = 10.0
"""Seconds a test waits for the keys it typed to be handed on before it goes on anyway."""


async def keys_handed_on(pilot: Pilot[None]) -> None:
    """Wait until every key typed so far has been handed on by the app's key gate, then
    for what it started. Textual's ``press`` waits only until the machine looks idle; a
    key the gate keeps back for a moment (the key before it still on its way, a dialog not
    mounted yet) then runs after the test has looked at the screen (seen on a loaded CI)."""
    app = pilot.app
    assert isinstance(app, SemaxExplorer)
    if app.key_order.at_rest:
        return
    deadline = time.monotonic() + KEYS_PATIENCE
    while not app.key_order.at_rest and time.monotonic() < deadline:
        await asyncio.sleep(0.005)
    await pilot.pause()


@pytest.fixture(autouse=True)
def presses_wait_for_the_key_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every ``pilot.press`` in these tests returns once its keys are handed on
    (:func:`keys_handed_on`), so a test never looks at the screen before its keys did."""
    press = Pilot.press

    async def press_then_wait(self: Pilot[None], *keys: str) -> None:
        await press(self, *keys)
        if isinstance(self.app, SemaxExplorer):
            await keys_handed_on(self)

    monkeypatch.setattr(Pilot, "press", press_then_wait)
    yield


NAMED_CHARACTERS = {
    "space": " ",
    "tab": "\t",
    "enter": "\r",
    "question_mark": "?",
    "slash": "/",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "full_stop": ".",
    "comma": ",",
    "minus": "-",
    "plus": "+",
    "equals_sign": "=",
}
"""The character a terminal sends with a named key (a one-character key sends itself)."""


def post_keys(app: SemaxExplorer, keys: list[str]) -> None:
    """Every key at once, as a terminal's input arrives in one read: none waits for the
    key before it to be handled (a burst over SSH, keys typed ahead)."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else NAMED_CHARACTERS.get(key)))


async def type_keys(pilot: Pilot[None], keys: list[str], *, slowly: bool) -> None:
    """Type ``keys`` slowly (each once the app is at rest after the one before) or all at
    once (:func:`post_keys`), then let the app come to rest: a burst must end where the
    same keys typed slowly end."""
    app = pilot.app
    assert isinstance(app, SemaxExplorer)
    if slowly:
        for key in keys:
            await pilot.press(key)
            await settled(pilot)
    else:
        post_keys(app, keys)
        await settled(pilot)


def main_screen(app: SemaxExplorer) -> MainScreen:
    """The screen on top, which the test expects to be the main screen."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def view_lines(app: SemaxExplorer, node_id: str, width: int = 200) -> list[str]:
    """A node's view in the reader as plain lines at a width (trailing spaces dropped)."""
    main = next(screen for screen in app.screen_stack if isinstance(screen, MainScreen))
    view = main.query_one(Reader).view_of(node_id)
    assert isinstance(view, SectionView), f"{node_id} is not shown"
    return [line.rstrip() for line in view.plain_lines(width)]


def reader_at_rest(app: SemaxExplorer) -> bool:
    """The main screen is on top and its reader shows the current node scrolled into
    place (a topic from its top, a section at the reader's top or as far as the reader
    scrolls): what a person sees once a node has opened. The scroll follows the first
    refresh after the node is shown, so a key pressed sooner can race it."""
    screen = app.screen
    if not isinstance(screen, MainScreen) or screen.current is None:
        return False
    reader = screen.query_one(Reader)
    view = reader.view_of(screen.current)
    if reader.node_id != screen.current or view is None:
        return False
    if screen.pack.node(screen.current).parent is None:
        return reader.scroll_y == 0
    return view.region.y == reader.content_region.y or reader.scroll_y >= reader.max_scroll_y


def screen_text(app: SemaxExplorer) -> str:
    """Every line on the screen as plain text: what a person would read (through
    Textual's public screenshot export; see :func:`screenshot_text`)."""
    return screenshot_text(app)


_SVG_TEXT = re.compile(r'<text[^>]*? x="([\d.]+)"[^>]*?clip-path="url\(#terminal-\d+-line-(\d+)\)">(.*?)</text>')
CELL_WIDTH = 12.2
"""How far apart Rich's SVG export puts two cells."""


def screenshot_text(app: SemaxExplorer) -> str:
    """The screen as Textual would write it to the terminal (``export_screenshot``, public),
    as plain lines: every character drawn, dialogs and notifications included."""
    rows: dict[int, dict[int, str]] = {}
    for x, line, text in _SVG_TEXT.findall(app.export_screenshot()):
        rows.setdefault(int(line), {})[round(float(x) / CELL_WIDTH)] = html.unescape(text).replace("\xa0", " ")
    lines = []
    for number in range(max(rows, default=-1) + 1):
        line = ""
        for column, text in sorted(rows.get(number, {}).items()):
            line = line.ljust(column) + text
        lines.append(line.rstrip())
    return "\n".join(lines)


async def settled(pilot: Pilot[None], timeout: float = 10.0) -> None:
    """Let the app run until it is at rest: nothing that moves (screens, focus, the node
    shown, the reader's scroll, the widgets and their places) changes between two idle
    cycles in a row. Tests wait on this state, never for a fixed time: a fixed pause races
    the app on a loaded machine (and on another Python), and one long enough for the
    slowest machine wastes time on all."""
    app = pilot.app
    assert isinstance(app, SemaxExplorer)
    deadline = time.monotonic() + timeout
    await pilot.pause()
    previous = _state(app)
    while time.monotonic() < deadline:
        await pilot.pause()
        current = _state(app)
        if current == previous and app.key_order.at_rest and not _searching(app):
            await pilot.pause()  # and the frame that shows it
            return
        previous = current
        await pilot.pause(0.01)


def _searching(app: SemaxExplorer) -> bool:
    """Whether the search dialog on top still has a typed query to search (its results
    wait for typing to pause when searching is slow, as on a loaded machine)."""
    screen = app.screen
    return isinstance(screen, SearchScreen) and screen.is_mounted and screen.behind


def _state(app: SemaxExplorer) -> tuple[object, ...]:
    """What changes while the app is busy: the screens, the focus, the node shown, where
    the reader is scrolled, how many widgets are mounted and how big each region is."""
    main = next((screen for screen in app.screen_stack if isinstance(screen, MainScreen)), None)
    reader = main.query_one(Reader) if main is not None else None
    widgets = list(app.screen.walk_children())
    return (
        tuple(type(screen).__name__ for screen in app.screen_stack),
        type(app.focused).__name__,
        main.current if main is not None else None,
        (reader.node_id, reader.scroll_y, reader.max_scroll_y) if reader is not None else None,
        len(widgets),
        tuple(widget.region for widget in widgets),
    )


async def until(pilot: Pilot[None], condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Let the app run until ``condition()`` holds: screens pushed from workers (a
    confirmation, a dialog imported on first use) arrive after an unknown number of
    frames, and a fixed pause races them on a loaded machine. The caller asserts the
    condition afterwards, so a timeout fails with the caller's own message."""
    deadline = time.monotonic() + timeout
    await pilot.pause()
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.02)


async def open_dialog(pilot: Pilot[None], key: str, kind: type[Shown]) -> Shown:
    """Press ``key`` and wait for the screen of ``kind`` it opens, which is returned."""
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, kind))
    shown = pilot.app.screen
    assert isinstance(shown, kind), shown
    return shown
