"""The hostile corpus through every screen of the app: nothing it holds reaches the
terminal raw, nothing is read as markup, and the note editor keeps a note exactly.

Each check reads the whole screen as Textual would write it (``export_screenshot``,
which keeps every character drawn), dialogs, toasts and overlays included.
"""

from __future__ import annotations

import fcntl
import os
import signal
from typing import Any

import pytest
from textual import events
from textual.command import CommandInput
from textual.widgets import Input

from tests.app.conftest import make_app, screenshot_text, settled, until
from tests.hostile import EVERYTHING, MARKUP, OSC_TITLE, hostile_pack, unsafe_in
from tui.app.app import SemaxExplorer
from tui.app.screens.bookmarks import BookmarksScreen
from tui.app.screens.confirm import ConfirmScreen
from tui.app.screens.disclaimer import DisclaimerScreen
from tui.app.screens.export import ExportScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.note_editor import NoteEditor
from tui.app.screens.search import SearchScreen
from tui.app.widgets.note_text import NoteTextArea
from tui.app.widgets.safe_input import SafeInput
from tui.content import Pack
from tui.content.validate import build_content
from tui.textsafe import for_terminal

NOTE = "my note " + EVERYTHING + "\nsecond line\r\nthird\x0cline"


def check(app: SemaxExplorer, where: str) -> str:
    """The screen as written to the terminal: nothing unsafe in it, the app still running,
    and every field a SafeInput. Returns the screen's text for more checks."""
    screen = screenshot_text(app)
    assert unsafe_in(screen) == [], f"{where}: {unsafe_in(screen)}"
    assert app.is_running, where
    # The palette's own field is Textual's: pastes into it are made safe by the app.
    fields = [field for field in app.screen.query(Input) if not isinstance(field, (SafeInput, CommandInput))]
    assert fields == [], f"{where}: a field that is not a SafeInput: {fields}"
    return screen


async def test_the_corpus_through_every_screen(raw_pack: dict[str, Any]) -> None:
    app = make_app(build_content(hostile_pack(raw_pack)), start="mechanism/bdnf", acknowledged=False)
    app.store.save_note("mechanism/bdnf", NOTE)
    app.store.save_note("uses/adhd", EVERYTHING)
    app.store.toggle_bookmark("research")
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DisclaimerScreen))
        check(app, "disclaimer")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        screen = check(app, "main screen")
        assert "␛]2;PWNED-TITLE␇" in screen  # shown, visibly, in the title bar and tree
        for key in "123456":
            await pilot.press(key)
            await pilot.pause()
            check(app, f"topic {key}")
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        screen = check(app, "help")
        assert "[@click=app.quit]CLICK-TO-QUIT[/]" in screen  # literal, not markup
        await pilot.press("escape")
        await pilot.press("B")
        await until(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        check(app, "bookmarks")
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        check(app, "confirm")
        await pilot.press("n", "escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await pilot.press(*"pwned")
        await settled(pilot)
        check(app, "search results")
        app.post_message(events.Paste(OSC_TITLE + "stroke"))
        await settled(pilot)
        field = app.screen.query_one(SafeInput)
        assert unsafe_in(field.value) == [] and "stroke" in field.value
        check(app, "search after a paste")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        check(app, "export")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("b")  # a toast naming the section's hostile title
        await settled(pilot)
        assert "Bookmarked" in check(app, "toast")
        await pilot.press("ctrl+p")
        await settled(pilot)
        await pilot.press(*"over")
        await settled(pilot)
        check(app, "command palette")
        app.post_message(events.Paste(MARKUP + OSC_TITLE))
        await settled(pilot)
        check(app, "command palette after a paste")


async def test_the_note_editor_shows_controls_and_saves_the_note_exactly(raw_pack: dict[str, Any]) -> None:
    app = make_app(build_content(raw_pack), start="mechanism/bdnf")
    app.store.save_note("mechanism/bdnf", NOTE)
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        screen = check(app, "note editor")
        assert "␛]2;PWNED-TITLE␇" in screen and "control characters are shown as symbols" in screen
        area = app.screen.query_one(NoteTextArea)
        assert area.note == NOTE  # the document is exactly the note, though it is shown safely
        await pilot.press("end", "x", "left", "backspace", "y")  # edits beside controls
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+y")  # undo and redo put back what was written
        app.post_message(events.Paste("\x1b[41mPASTED"))  # kept as written, shown safely
        await settled(pilot)
        check(app, "note editor after edits")
        expected = area.note
        assert for_terminal(expected) == "\n".join(area.document.lines)  # shown = written, made safe
        assert "\x1b[41mPASTED" in expected  # a paste, kept as written
        assert expected.startswith(NOTE[:-1])  # the carriage return and the form feed, kept
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.store.note("mechanism/bdnf") == expected
        check(app, "reader with the note")


@pytest.mark.parametrize(
    ("note", "keys", "written"),
    [
        ("", ["enter", "delete"], "\n"),  # the editor crashed on this: its navigator kept the old document
        ("", ["enter", "ctrl+d", "x"], "\nx"),
        ("ab\ncd", ["up", "end", "delete", "x"], "abxcd"),  # the cursor starts at the note's end
        ("ab\n\ncd", ["up", "delete", "z"], "ab\nzcd"),
    ],
)
async def test_every_editing_key_moves_through_the_note_as_loaded(
    pack: Pack, note: str, keys: list[str], written: str
) -> None:
    """The editor's document is swapped for the note as written once loaded; moving and
    deleting read it, not the text first laid out."""
    app = make_app(pack, start="uses/adhd")
    if note:
        app.store.save_note("uses/adhd", note)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press(*keys)
        await settled(pilot)
        assert app.is_running and isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(NoteTextArea).note == written


async def test_an_unchanged_save_changes_nothing(raw_pack: dict[str, Any]) -> None:
    app = make_app(build_content(raw_pack), start="mechanism/bdnf")
    app.store.save_note("mechanism/bdnf", NOTE)
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.store.note("mechanism/bdnf") == NOTE


async def test_a_draft_is_kept_while_typing_and_offered_back(raw_pack: dict[str, Any]) -> None:
    app = make_app(build_content(raw_pack), start="uses/adhd")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press(*"half written")
        await until(pilot, lambda: "uses/adhd" in app.store.drafts(), timeout=5)
        assert app.store.drafts()["uses/adhd"].text == "half written"
    # The app went away without a save (a kill): the next start offers the draft.
    again = make_app(build_content(raw_pack), start="uses/adhd")
    async with again.run_test(size=(120, 40), notifications=True) as pilot:
        await settled(pilot)
        assert "Unsaved note kept" in screenshot_text(again)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(again.screen, NoteEditor))
        assert again.screen.query_one(NoteTextArea).note == "half written"
        assert "Recovered the draft" in screenshot_text(again)
        await pilot.press(*" and done", "ctrl+s")
        await until(pilot, lambda: isinstance(again.screen, MainScreen))
        assert again.store.note("uses/adhd") == "half written and done"
        assert again.store.drafts() == {}


async def test_the_export_dialog_says_why_a_path_names_nothing(raw_pack: dict[str, Any]) -> None:
    app = make_app(build_content(raw_pack), start="uses/adhd")
    app.store.toggle_bookmark("uses/adhd")
    async with app.run_test(size=(120, 40)) as pilot:
        for path in ("~nosuchuser/x.md", "/tmp/" + "a" * 300, "/dev/null", "/"):
            await pilot.press("e")
            await until(pilot, lambda: isinstance(app.screen, ExportScreen))
            field = app.screen.query_one(SafeInput)
            field.value = path
            await pilot.press("enter")
            await settled(pilot)
            assert isinstance(app.screen, ExportScreen) and app.is_running, path
            status = str(app.screen.query_one("#export-status").render())
            assert status.strip(), path  # the reason, in the dialog
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_quitting_with_the_editor_open_keeps_the_draft(raw_pack: dict[str, Any]) -> None:
    app = make_app(build_content(raw_pack), start="uses/adhd")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press(*"quick thought", "ctrl+q")
        await settled(pilot)
    assert app.kept_draft and app.store.drafts()["uses/adhd"].text == "quick thought"


async def test_a_draft_that_could_not_be_kept_is_not_reported_kept(raw_pack: dict[str, Any]) -> None:
    app = make_app(build_content(raw_pack), start="uses/adhd")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press(*"unsaved")
        holder = os.open(app.store.directory / "user.json.lock", os.O_RDWR)
        fcntl.flock(holder, fcntl.LOCK_EX)  # another process holds the store
        try:
            app.close_on_signal(signal.SIGTERM)
            await settled(pilot)
        finally:
            os.close(holder)
    assert not app.kept_draft and "uses/adhd" not in app.store.drafts()


async def test_the_palette_offers_no_screenshot_outside_the_data_directory(raw_pack: dict[str, Any]) -> None:
    app = make_app(build_content(raw_pack))
    async with app.run_test(size=(120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Search" in titles
