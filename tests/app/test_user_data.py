"""Bookmarks and notes in the app: b, n, B, restart persistence, and bad data directories."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, OptionList, TextArea

from tests.app.conftest import main_screen, make_app, open_dialog, screen_text, settled, until, view_lines
from tui.app.app import SemaxExplorer
from tui.app.screens.bookmarks import BookmarksScreen
from tui.app.screens.choose import ChoiceScreen
from tui.app.screens.confirm import ConfirmScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.note_editor import NoteEditor
from tui.app.widgets.topic_tree import TopicTree
from tui.content import Pack
from tui.store import DATA_DIR_ENV, UserStore, data_dir

HOSTILE = "[bold red]x[/] [@click=app.quit]q[/] <script>alert(1)</script>\n# not a heading\n\x1b]0;t\x07 🧠 עברית"


def tree_label(app: SemaxExplorer, node_id: str) -> str:
    """The tree's label for a node, even while a dialog is on top of the main screen."""
    main = next(screen for screen in app.screen_stack if isinstance(screen, MainScreen))
    tree = main.query_one(TopicTree)
    return tree.label_of(node_id)


async def test_b_toggles_a_bookmark_everywhere(pack: Pack) -> None:
    app = make_app(pack, start="mechanism/bdnf")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert app.store.is_bookmarked("mechanism/bdnf")
        assert tree_label(app, "mechanism/bdnf").startswith("★ ")
        assert "★ Bookmarked" in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert not app.store.is_bookmarked("mechanism/bdnf")
        assert "★" not in tree_label(app, "mechanism/bdnf")
        assert "★ Bookmarked" not in screen_text(app)


async def test_n_writes_a_note_shown_exactly_as_written(pack: Pack) -> None:
    app = make_app(pack, start="research/stroke-recovery-trial")
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one(TextArea).insert(HOSTILE)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)
        assert app.store.note("research/stroke-recovery-trial") == HOSTILE
        assert tree_label(app, "research/stroke-recovery-trial").startswith("✎ ")
        shown = HOSTILE.replace("\x1b", "␛").replace("\x07", "␇")
        lines = view_lines(app, "research/stroke-recovery-trial")
        start = lines.index("█ Your note")
        assert lines[start + 1 :] == ["█ " + line for line in shown.split("\n")]
        assert app.is_running  # [@click=app.quit] did nothing


async def test_escape_with_unsaved_changes_asks_first(pack: Pack) -> None:
    app = make_app(pack, start="uses/adhd")
    app.store.save_note("uses/adhd", "saved text")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press(*" more")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        assert isinstance(app.screen, ChoiceScreen)
        buttons = [str(button.label) for button in app.screen.query(Button)]
        assert buttons == ["Keep editing (k)", "Discard (d)", "Save (s)"]
        await pilot.press("k")  # keep editing
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "saved text more"
        for keep in ("escape", "enter"):  # neither escape nor a stray enter loses anything
            await pilot.press("escape")
            await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
            await pilot.press(keep)
            await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("d")  # discard
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)
        assert app.store.note("uses/adhd") == "saved text"
        assert "uses/adhd" not in app.store.drafts()


async def test_the_discard_prompt_can_save(pack: Pack) -> None:
    app = make_app(pack, start="uses/adhd")
    app.store.save_note("uses/adhd", "saved text")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        await pilot.press(*" more", "enter", *"line two")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        assert "Save (s)" in screen_text(app)  # every answer fits a small screen
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert app.store.note("uses/adhd") == "saved text more\nline two"
        assert "uses/adhd" not in app.store.drafts()


async def test_escape_without_changes_closes_at_once(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test() as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)


async def test_a_100kb_note(pack: Pack) -> None:
    app = make_app(pack, start="uses/learning")
    big = ("word " * 20 + "\n") * 1000  # 101 KB
    app.store.save_note("uses/learning", big)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("tab", "G")  # to the bottom of the reader, past the whole note
        await settled(pilot)
        assert app.is_running
        main_screen(app).open("uses/learning")
        await settled(pilot)
        await pilot.press("a")
        await settled(pilot)
        assert len(app.screen.query_one(TextArea).text) == len(big)


async def test_bookmarks_view_lists_opens_edits_and_deletes(pack: Pack) -> None:
    app = make_app(pack)
    app.store.toggle_bookmark("mechanism/bdnf")
    app.store.save_note("research/optic-nerve-studies", "first line\nsecond line")
    app.store.save_note("gone/old-section", "kept although the pack changed")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("B")
        await until(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        assert isinstance(app.screen, BookmarksScreen)
        text = screen_text(app)
        assert text.index("gone/old-section") < text.index("Optic nerve studies") < text.index("BDNF")
        assert "(missing from the current content)" in text
        assert "first line" in text and "second line" not in text
        await pilot.press("down", "enter")  # the optic nerve note
        await until(pilot, lambda: getattr(app.screen, "current", None) == "research/optic-nerve-studies")
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.current == "research/optic-nerve-studies"

        await pilot.press("B")
        await until(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        await pilot.press("down", "down", "d")  # BDNF bookmark
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await until(pilot, lambda: not app.store.is_bookmarked("mechanism/bdnf"))
        await until(pilot, lambda: app.screen.query(OptionList) and app.screen.query_one(OptionList).option_count == 2)
        assert isinstance(app.screen, BookmarksScreen)
        assert app.screen.query_one(OptionList).option_count == 2
        assert not app.store.is_bookmarked("mechanism/bdnf")
        assert "★" not in tree_label(app, "mechanism/bdnf")

        await pilot.press("home", "a")  # edit the missing node's note: nothing is dropped
        await until(pilot, lambda: isinstance(app.screen, NoteEditor))
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "kept although the pack changed"


async def test_empty_bookmarks_view_says_how(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test() as pilot:
        await pilot.press("B")
        await pilot.pause()
        assert "No bookmarks or notes yet" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)


async def test_an_emptied_bookmarks_list_never_takes_the_focus_back(pack: Pack) -> None:
    """The list emptied (a delete, or a change made in another window) is hidden and keeps
    no focus, whatever was asked of it before: a focus the list asked for while it still
    had rows landed after it was emptied (under load, ``b B d shift+tab enter`` at once
    left the focus on the hidden list, where keys acted on rows nobody sees), and so did
    the focus Textual gives back when a dialog above it closes."""
    UserStore.open(data_dir()).toggle_bookmark("uses/adhd")
    app = make_app(pack, start="uses")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        listing = await open_dialog(pilot, "B", BookmarksScreen)
        options = listing.query_one(OptionList)
        options.focus()  # asked for with rows, landing after the list is emptied
        listing.replace_rows([])
        await settled(pilot)
        assert app.focused is None
        await app.push_screen(ConfirmScreen("A question over the empty list?", yes="Yes"))
        await settled(pilot)
        app.pop_screen()
        await settled(pilot)
        assert app.screen is listing
        assert app.focused is None


async def test_everything_survives_a_restart(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "j", "b", "a")
        await pilot.pause()
        app.screen.query_one(TextArea).insert("my note")
        await pilot.press("ctrl+s", "t")
        await pilot.pause()
        theme = app.theme
        await pilot.press("q")
    again = make_app(pack)
    async with again.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen = again.screen
        assert isinstance(screen, MainScreen) and screen.current == "mechanism/bdnf"
        assert again.theme == theme
        assert tree_label(again, "mechanism/bdnf").startswith("★✎ ")
        assert "my note" in screen_text(again)


async def test_disclaimer_is_not_shown_again_after_acknowledging(pack: Pack) -> None:
    first = make_app(pack, acknowledged=False)
    async with first.run_test() as pilot:
        await pilot.press("enter")
        await pilot.pause()
    second = SemaxExplorer(pack, UserStore.open(data_dir()))
    async with second.run_test() as pilot:
        await pilot.pause()
        assert isinstance(second.screen, MainScreen)


async def test_corrupt_user_file_is_reported_with_where_it_went(pack: Pack) -> None:
    directory = data_dir()
    directory.mkdir(parents=True)
    (directory / "user.json").write_text("{ torn")
    app = make_app(pack)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settled(pilot)
        assert app.store.recovered_to is not None
        text = " ".join(screen_text(app).split())
        assert "could not be read" in text and "user.json.corrupt-" in text
        await pilot.press("b")
        await pilot.pause()
        assert app.store.is_bookmarked("overview")


async def test_unwritable_data_dir_still_reads_and_says_why(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a-file").write_text("x")
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "a-file" / "data"))
    app = SemaxExplorer(pack, UserStore.open(data_dir()))
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.press("enter")  # the disclaimer (cannot be remembered here)
        await pilot.press("3", "j", "b")
        await settled(pilot)
        text = " ".join(screen_text(app).split())
        assert "unavailable: cannot create" in text
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)  # no editor for a note that cannot be saved
        assert app.screen.current == "benefits/attention-memory"


async def test_b_typed_right_after_moving_acts_on_the_new_node(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "j", "b", "down", "down", "b", "up", "a")
        await pilot.pause()
        assert set(app.store.bookmarks()) == {"research/stroke-recovery-trial", "research/optic-nerve-studies"}
        editor = app.screen
        assert isinstance(editor, NoteEditor) and "Cerebrovascular" in editor.where


async def test_v_without_an_editor_or_a_terminal_to_hand_over_says_so(
    pack: Pack, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = make_app(pack, start="uses/adhd")
    app.store.save_note("uses/adhd", "as it was")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settled(pilot)
        await pilot.press("v")
        await until(pilot, lambda: "No editor is set" in screen_text(app))
        # An editor, but a screen that cannot be handed over (a test's, a web terminal's).
        editor = tmp_path / "editor"
        editor.write_text('#!/bin/sh\nprintf more >> "$1"\n')
        editor.chmod(0o755)
        monkeypatch.setenv("VISUAL", str(editor))
        await pilot.press("v")
        await until(pilot, lambda: "cannot be handed to another program" in screen_text(app))
    assert app.store.note("uses/adhd") == "as it was"
