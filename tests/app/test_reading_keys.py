"""Issue 19 as a new user met it: one meaning per key, the tree following the reader,
less/vim reading keys, and lists that stop at their ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.message import Message
from textual.widgets import Input, OptionList, TextArea

from tests.app.conftest import main_screen, make_app, post_keys, screen_text, settled, type_keys, until
from tui.app.internals import key_order
from tui.app.internals.key_order import KEY_PATIENCE
from tui.app.screens.bookmarks import BookmarksScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.note_editor import NoteEditor
from tui.app.screens.search import SearchScreen
from tui.app.widgets import reader as reader_module
from tui.app.widgets.node_parts import Annotation
from tui.app.widgets.reader import Reader
from tui.app.widgets.topic_tree import TopicTree
from tui.content import Pack
from tui.content.document import breadcrumb_text
from tui.store import UserStore, data_dir


async def test_n_after_a_search_never_opens_the_note_editor(pack: Pack) -> None:
    """``/ glaucoma Enter escape tab`` then ``n`` six times once wrote the rest of the keys
    into a note; ``n`` is now only ever the search's next match."""
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"glaucoma", "enter")
        await settled(pilot)
        await pilot.press("escape", "tab", *"nnnnnn")
        await settled(pilot)
        assert not any(isinstance(screen, NoteEditor) for screen in app.screen_stack)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert UserStore.open(data_dir()).notes() == {}


async def test_bookmark_acts_on_the_section_read_not_the_tree_row(pack: Pack) -> None:
    """``5 G`` shows the last section: ``b`` bookmarks it and says so; the tree's cursor is there."""
    last = pack.children("research")[-1]
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settled(pilot)
        await pilot.press("tab", "G")
        await settled(pilot)
        screen = main_screen(app)
        assert screen.current == last.id
        tree = screen.query_one(TopicTree)
        assert tree.cursor_node is not None and tree.cursor_node.data == last.id
        await pilot.press("b")
        await settled(pilot)
        assert UserStore.open(data_dir()).is_bookmarked(last.id)
        await until(pilot, lambda: f"Bookmarked Research › {last.title}" in screen_text(app))
        # Back in the tree, j goes on from the section read, not from the topic's top.
        await pilot.press("tab")
        while screen.query_one(Reader).has_focus:  # past the reader's links
            await pilot.press("tab")
        await pilot.press("j")
        await settled(pilot)
        assert screen.current == "administration"


async def test_reader_paging_keys(pack: Pack) -> None:
    app = make_app(pack, start="mechanism")
    async with app.run_test(size=(100, 24)) as pilot:
        await settled(pilot)
        reader = main_screen(app).query_one(Reader)
        await pilot.press("tab")
        page = reader.scrollable_content_region.height
        moves = [
            ("space", page),
            ("shift+space", -page),
            ("ctrl+f", page),
            ("ctrl+b", -page),
            ("ctrl+d", page // 2),
            ("ctrl+u", -(page // 2)),
        ]
        for key, expected in moves:
            before = reader.scroll_y
            await pilot.press(key)
            await settled(pilot)
            moved = reader.scroll_y - before
            assert abs(moved - expected) <= 1, f"{key} moved {moved}, expected about {expected}"
        await pilot.press("G")
        await settled(pilot)
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("g")
        await settled(pilot)
        assert reader.scroll_y == 0


async def test_G_and_g_in_the_tree(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        tree = main_screen(app).query_one(TopicTree)
        assert tree.has_focus
        await pilot.press("G")
        await settled(pilot)
        assert tree.cursor_line == tree.last_line
        assert main_screen(app).current == pack.topics()[-1].id
        await pilot.press("g")
        await settled(pilot)
        assert tree.cursor_line == 0


async def test_bookmarks_list_j_k_and_no_wrap(pack: Pack) -> None:
    store = UserStore.open(data_dir())
    for node_id in ("uses/adhd", "benefits/glaucoma", "mechanism/bdnf"):
        store.toggle_bookmark(node_id)
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("B")
        await until(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        listed = app.screen.query_one("#bookmark-list")
        highlighted = lambda: listed.highlighted  # noqa: E731 - read at each step
        assert highlighted() == 0
        await pilot.press("j", "j")
        assert highlighted() == 2
        await pilot.press("j", "down")  # the last entry: stays there (no silent wrap to the first)
        assert highlighted() == 2
        await pilot.press("k")
        assert highlighted() == 1
        await pilot.press("g")
        assert highlighted() == 0
        await pilot.press("k", "up")
        assert highlighted() == 0
        await pilot.press("G")
        assert highlighted() == 2


async def test_search_results_j_k_g_G_and_no_wrap(pack: Pack) -> None:
    """Tab from the field to the results: they move with the explorer's list keys and stop
    at either end (Textual's list wrapped ↓ on the last result to the first, and enter then
    opened a result the reader had not chosen)."""
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"semax")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        listed = app.screen.query_one("#search-results", OptionList)
        await until(pilot, lambda: listed.option_count > 3)
        await pilot.press("tab")
        assert app.focused is listed
        await pilot.press("j", "j")
        assert listed.highlighted == 2
        await pilot.press("k")
        assert listed.highlighted == 1
        await pilot.press("G")
        last = listed.option_count - 1
        assert listed.highlighted == last
        await pilot.press("down", "j")  # the last result: stays there
        assert listed.highlighted == last
        await pilot.press("g", "up", "k")
        assert listed.highlighted == 0


async def test_help_j_k_move_the_list(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        listed = app.screen.query_one("#help-list")
        start = listed.highlighted
        await pilot.press("j", "j")
        assert listed.highlighted != start
        await pilot.press("k", "k")
        assert listed.highlighted == start


async def test_a_scroll_read_just_before_a_jump_does_not_take_the_title_back(pack: Pack) -> None:
    """The reader says which section its scroll brought to its top; a key that opens another
    node can be read before the screen hears it (a scroll key, then a jump typed at once).
    The reader's late word must not make the tree and the title name the section scrolled
    past while the reader shows the node jumped to."""
    app = make_app(pack, start="overview")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        reader.focus()
        await settled(pilot)
        reader.scroll_key(40)  # a key's scroll: the reader says which section is at its top ...
        scrolled_to = reader.node_id
        assert scrolled_to not in (None, "overview"), "the scroll brought no section to the top"
        assert screen.current == "overview", "the screen has not heard it yet"
        screen.open("research")  # ... and the key 5 is read before the screen heard it
        await settled(pilot)
        assert reader.node_id == "research"
        assert screen.current == "research", screen.current
        assert screen.query_one(TopicTree).node_under_cursor == "research"


async def test_reader_keys_that_waited_for_a_jump_add_up_as_typed_slowly(pack: Pack) -> None:
    """Keys that came while the reader was placing a node run one after another once it is
    placed, within one frame. Each scroll must start where the one before ended: scrolls
    that waited for the next frame all started from the same place (j j j moved one line,
    and a G among them was undone by the j after it)."""

    async def read(keys: list[tuple[str, tuple[object, ...]]], *, burst: bool) -> float:
        app = make_app(pack, start="overview")
        async with app.run_test(size=(100, 30)) as pilot:
            await settled(pilot)
            screen = main_screen(app)
            await pilot.press("tab")
            screen.action_flow("navigate.jump", 4)  # the reader is now placing "research"
            for target, args in keys:  # as the bindings run the keys of a burst
                screen.action_flow(target, *args)
                if not burst:
                    await settled(pilot)
            await settled(pilot)
            return screen.query_one(Reader).scroll_y

    downs = [("navigate.move", (1,))] * 5 + [("navigate.page", (0.5,))]
    assert await read(downs, burst=True) == await read(downs, burst=False)
    to_the_end = [("navigate.move", (1,)), ("navigate.edge", (True,)), ("navigate.move", (-1,))]
    assert await read(to_the_end, burst=True) == await read(to_the_end, burst=False)


async def test_n_typed_in_a_burst_steps_as_many_matches_as_typed_slowly(pack: Pack) -> None:
    """n n n read in one frame: each step starts from the match the one before reached."""

    async def steps(*, burst: bool) -> float:
        app = make_app(pack, start="overview")
        async with app.run_test(size=(100, 30)) as pilot:
            await settled(pilot)
            await pilot.press("slash", *"semax", "enter")
            await until(pilot, lambda: isinstance(app.screen, type(main_screen(app))))
            await settled(pilot)
            screen = main_screen(app)
            for _ in range(3):
                screen.action_flow("search.step", True)
                if not burst:
                    await settled(pilot)
            await settled(pilot)
            return screen.query_one(Reader).scroll_y

    slowly = await steps(burst=False)
    assert slowly > 0
    assert await steps(burst=True) == slowly


async def test_n_typed_in_the_tree_right_after_a_jump_steps_in_the_node_jumped_to(pack: Pack) -> None:
    """n acts on the reader whichever pane has focus: typed in the tree right after a jump,
    it must wait for the reader to place the node, as a reader key does (it stepped in the
    document being replaced, and the placing scroll then undid it)."""

    async def steps(*, burst: bool) -> float:
        app = make_app(pack, start="overview")
        async with app.run_test(size=(100, 30)) as pilot:
            await settled(pilot)
            await pilot.press("slash", *"semax", "enter")
            await until(pilot, lambda: isinstance(app.screen, type(main_screen(app))))
            await settled(pilot)
            screen = main_screen(app)
            screen.set_focus(screen.query_one(TopicTree))
            await settled(pilot)
            screen.action_flow("navigate.jump", 4)
            if not burst:
                await settled(pilot)
            screen.action_flow("search.step", True)
            await settled(pilot)
            return screen.query_one(Reader).scroll_y

    slowly = await steps(burst=False)
    assert slowly > 0
    assert await steps(burst=True) == slowly


async def test_shift_tab_typed_in_the_tree_right_after_a_jump_selects_a_link_of_the_node_jumped_to(
    pack: Pack,
) -> None:
    """From the tree, shift+tab selects the last link in view of the reader: right after a
    jump it must wait for the new document (it selected a link of the old one, which the
    new document then cleared)."""

    async def select(*, burst: bool) -> object:
        app = make_app(pack, start="overview")
        async with app.run_test(size=(100, 30)) as pilot:
            await settled(pilot)
            screen = main_screen(app)
            screen.action_flow("navigate.jump", 4)
            if not burst:
                await settled(pilot)
            screen.action_flow("navigate.link", False)
            await settled(pilot)
            reader = screen.query_one(Reader)
            return app.focused is reader, reader.selected_link

    slowly = await select(burst=False)
    assert slowly[0] and slowly[1] is not None
    assert await select(burst=True) == slowly


async def test_a_dialog_key_behind_waiting_keys_waits_its_turn_and_the_keys_after_it_are_not_commands(
    pack: Pack,
) -> None:
    """[ then a, read while the reader places a node: the note is on the node [ went back
    to, as typed slowly (a dialog key that overtook the waiting [ opened the note of the node
    being left). Keys that waited behind the dialog key were typed for the dialog: they do
    not run as the main screen's commands under it (e would have opened export on top)."""
    app = make_app(pack, start="overview/origins")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = main_screen(app)
        await pilot.press("tab")
        await settled(pilot)
        screen.action_flow("navigate.jump", 2)  # the reader now places "benefits"
        screen.action_flow("navigate.back", False)
        screen.action_flow("notes.edit_here")
        screen.action_flow("export.open_dialog")
        await settled(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor), editor
        assert editor.where == "Overview › Origins"
        assert [type(s).__name__ for s in app.screen_stack][-2:] == ["MainScreen", "NoteEditor"]


async def landing(
    pack: Pack,
    size: tuple[int, int],
    keys: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    slowly: bool,
) -> tuple[object, ...]:
    """Where ``keys`` typed slowly or in one burst leave the app: its screens, the node
    read and where, the focus, the link selected, the user's data and the files written."""
    run = tmp_path / ("slowly" if slowly else "burst")
    monkeypatch.setenv("SEMAX_EXPLORER_DATA_DIR", str(run / "data"))
    monkeypatch.setenv("HOME", str(run / "home"))  # where an export is written
    (run / "home").mkdir(parents=True)
    app = make_app(pack, start="uses")
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        await type_keys(pilot, keys, slowly=slowly)
        screen = app.screen_stack[0]
        assert isinstance(screen, MainScreen)
        reader, tree = screen.query_one(Reader), screen.query_one(TopicTree)
        link = reader.selected_link
        return (
            [type(shown).__name__ for shown in app.screen_stack],
            screen.current,
            screen.breadcrumb,
            tree.node_under_cursor,
            reader.node_id,
            reader.scroll_y,
            app.focused.id if app.focused else None,
            link.target if link else None,
            sorted(screen.store.bookmarks()),
            {node: note.text for node, note in screen.store.notes().items()},
            [field.text for field in app.screen.query(TextArea)],
            sorted(path.name for path in (run / "home").rglob("*")),
            screen.store.settings().tree_width,
        )


@pytest.mark.parametrize(
    ("size", "keys"),
    [
        ((100, 30), ["tab", "shift+tab", "shift+tab", "G", "left"]),  # h goes up from the section G scrolled to
        ((100, 30), ["tab", "G", "h"]),
        ((100, 30), ["tab", "G", "b"]),  # the bookmark is on the section G scrolled to
        ((100, 30), ["tab", "tab", "right", "shift+tab"]),  # shift+tab on the page the link opened
        ((100, 30), ["tab", "tab", "enter", "tab", "enter", "left_square_bracket"]),
        ((100, 30), ["tab", "space", "space", "h", "j"]),
        ((60, 20), ["b", "G"]),  # G scrolls to the end of the view the bookmark made longer
        ((100, 30), ["b", "shift+tab"]),  # the last link in view, after the bookmark moved it
        ((100, 30), ["tab", "b", "space", "b", "G"]),
        # Keys around dialogs: each key is read once the one before has opened or closed one.
        ((100, 30), ["B", "escape", "G"]),  # G reaches the tree, not the list escape closed
        ((100, 30), ["b", "B", "d", "escape"]),  # escape closes the confirmation d opened
        ((100, 30), ["tab", "b", "B", "d", "y", "escape"]),
        ((60, 20), ["question_mark", "escape", "j"]),
        ((100, 30), ["slash", *"glaucoma", "enter", "escape", "tab", *"nnnnnn"]),  # never a note
        ((100, 30), ["a", *"hi", "escape"]),  # escape asks whether to keep the draft
        # Commands whose work ends after their key: the keys after them wait for it.
        ((100, 30), ["a", *"hi", "ctrl+s", "j"]),  # the j moves the tree, not into the saved note
        ((100, 30), ["a", *"hi", "ctrl+s", "j", "j"]),
        ((100, 30), ["a", *"hi", "escape", "d", "j"]),  # d answers the question (discard)
        ((100, 30), ["a", *"hi", "escape", "escape", *"xy"]),  # back to editing: xy in the note
        ((100, 30), ["k", "N", "B", "c"]),  # c under the list is not run on the main screen
        ((100, 30), ["k", "N", "B", "j"]),  # the j moves in the list, not the tree beneath it
        # A dialog's button answers by a message after its key: the key after it waits.
        ((100, 30), ["a", *"hi", "escape", "enter", *"xy"]),  # keep editing: hixy
        ((100, 30), ["a", *"hi", "escape", "tab", "enter", "j"]),  # discard, then the tree moves
        # A dialog closed by a message its key posted (an option chosen, a field's enter):
        # the key after it reaches the screen beneath, as typed slowly.
        ((100, 30), ["b", "B", "enter", "b"]),  # the b unbookmarks the section the list opened
        ((100, 30), ["c", "enter", "shift+tab"]),
        ((100, 30), ["slash", *"semax", "tab", "enter", "b"]),
        ((100, 30), ["b", "e", "enter", "j"]),  # the export written, then the tree moves
        ((100, 30), ["b", "e", "tab", "tab", "enter", "j"]),  # Cancel, then the tree moves
        # The list's delete asks from a worker: the keys after d answer the question.
        ((100, 30), ["b", "B", "d", "tab", "tab", "enter"]),  # back to Keep: nothing deleted
        ((100, 30), ["b", "B", "d", "tab", "enter"]),
        ((100, 30), ["b", "B", "d", "shift+tab", "enter"]),
        ((100, 30), ["b", "B", "d", "tab", "enter", "escape"]),
        ((100, 30), ["less_than_sign", "less_than_sign", "j", "greater_than_sign"]),
        ((100, 30), ["slash", *"semax", "enter", "n", "j"]),  # j scrolls on from the match n went to
        ((100, 30), ["slash", *"semax", "enter", "n", "n", "j", "N"]),
        ((100, 30), ["slash", *"glaucoma", "enter", "n", "escape", "n", "j"]),  # n from a reader at rest
        ((100, 30), ["slash", *"glaucoma", "enter", "n", "tab", "enter", "n", "space"]),
        # Views laid out again a frame after the keys (a scroll bar that came with the new
        # document, a tree narrowed): the line at the reader's top stays there.
        ((100, 30), ["ctrl+p", *"glaucoma", "enter", "j"]),  # five lines short of the section's top
        ((60, 20), ["ctrl+p", *"glaucoma", "enter", "j"]),
        ((100, 30), ["ctrl+p", *"ocular", "enter", "tab", "j"]),  # ten lines past the j's line
        ((100, 30), ["less_than_sign", "j"]),  # a line off
        ((100, 30), ["2", "j", "j", "less_than_sign", "j"]),
        ((120, 40), ["less_than_sign", "less_than_sign", "j"]),
        # Keys after a new width wait for it: paged by the old layout's rows, then kept
        # there, they ended a row (or, after s, five) off where typed slowly.
        ((100, 30), ["2", "tab", "space", "less_than_sign", "space"]),
        ((100, 30), ["2", "tab", "space", "less_than_sign", "ctrl+u"]),  # half a page: 12.5, not 13
        ((100, 30), ["4", "tab", "space", "space", "greater_than_sign", "ctrl+u"]),
        ((100, 30), ["2", "tab", "space", "s", "space"]),
        ((100, 30), ["2", "tab", "j", "s", "space"]),
        ((120, 40), ["5", "tab", "G", "less_than_sign", "less_than_sign", "k"]),  # the k was lost at the end
        ((60, 20), ["s", "space"]),  # a page of the tree just shown, not a row
        # The same from the palette: the keys wait for the layout, not for two frames.
        ((100, 30), ["ctrl+p", *"tree", "enter", "space"]),
        ((80, 24), ["ctrl+p", *"tree", "enter", "space"]),  # a whole page was lost
        ((100, 30), ["tab", "space", "ctrl+p", *"tree", "enter", "ctrl+u"]),
        ((100, 30), ["tab", "space", "ctrl+p", *"narrower", "enter", "ctrl+u"]),
    ],
)
async def test_keys_that_need_what_the_key_before_did_land_as_typed_slowly(
    pack: Pack, size: tuple[int, int], keys: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key of a burst is read before the messages and the layout the key before it
    caused: the reader's word that ``G`` scrolled to the last section, a link's node to
    open, a bookmarked section's new height. Each key acts on what is on screen, as it
    would typed slowly (``G h`` went up from the topic read before the scroll, a
    ``shift+tab`` after ``enter`` left the reader before the link opened, and the link's
    opening then took the focus back; ``b G`` stopped two lines short of the end)."""

    slowly = await landing(pack, size, keys, tmp_path, monkeypatch, slowly=True)
    assert await landing(pack, size, keys, tmp_path, monkeypatch, slowly=False) == slowly


@pytest.mark.parametrize(
    ("size", "keys"),
    [
        ((100, 30), ["b", "B", "d", "tab", "enter", "escape"]),  # Delete, as typed slowly
        ((100, 30), ["b", "B", "d", "tab", "tab", "enter"]),  # Keep
        ((100, 30), ["slash", *"semax", "enter", "n", "j"]),
        ((100, 30), ["a", *"hi", "escape", "tab", "enter", "j"]),
        ((100, 30), ["question_mark", "escape", "j"]),
    ],
)
async def test_keys_wait_for_a_dialog_or_a_key_still_on_its_way_on_a_slow_machine(
    pack: Pack, size: tuple[int, int], keys: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gate looks whether what the keys wait for is still on its way far sooner than
    it can arrive, as on a loaded machine (CI, its cores busy): a dialog still mounting, a
    key's probe still queued behind a widget. The keys wait for it, and land as typed
    slowly (let go at the first look, ``b B d tab enter`` pressed Keep, not Delete)."""
    monkeypatch.setattr(key_order, "KEY_PATIENCE", 0.0001)
    slowly = await landing(pack, size, keys, tmp_path, monkeypatch, slowly=True)
    assert await landing(pack, size, keys, tmp_path, monkeypatch, slowly=False) == slowly


@pytest.mark.parametrize(
    ("size", "keys"),
    [
        ((60, 20), ["b", "G"]),
        ((100, 30), ["b", "shift+tab"]),
        ((100, 30), ["tab", "b", "space", "b", "G"]),
        ((100, 30), ["a", *"hi", "ctrl+s", "G"]),
    ],
)
async def test_keys_wait_for_a_changed_view_for_as_long_as_its_layout_is_owed(
    pack: Pack, size: tuple[int, int], keys: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader looks whether a view a bookmark or note changed is laid out at its new
    height far sooner than it can be, as on a loaded machine: the keys after the change
    still wait for that layout (they went on at the first look, and ``b G`` stopped short
    of the end), and land as typed slowly."""
    monkeypatch.setattr(reader_module, "RELAYOUT_PATIENCE", 0.0001)
    slowly = await landing(pack, size, keys, tmp_path, monkeypatch, slowly=True)
    assert await landing(pack, size, keys, tmp_path, monkeypatch, slowly=False) == slowly


async def test_s_space_at_once_after_the_first_start_disclaimer_pages_the_tree_shown(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 60x20, the disclaimer accepted, ``s space`` at once: the space pages the tree
    that ``s`` showed, as typed slowly (it paged the reader: the tree's styles were not
    applied yet when the keys after ``s`` were let go)."""

    async def after_disclaimer(*, slowly: bool) -> tuple[object, ...]:
        monkeypatch.setenv("SEMAX_EXPLORER_DATA_DIR", str(tmp_path / str(slowly)))
        app = make_app(pack, start="uses", acknowledged=False)
        async with app.run_test(size=(60, 20)) as pilot:
            await settled(pilot)
            await pilot.press("enter")
            await settled(pilot)
            await type_keys(pilot, ["s", "space"], slowly=slowly)
            screen = main_screen(app)
            return screen.current, screen.query_one(Reader).scroll_y, app.focused.id if app.focused else None

    slowly = await after_disclaimer(slowly=True)
    assert slowly[0] == "sources"
    assert await after_disclaimer(slowly=False) == slowly


async def test_quitting_right_after_a_scroll_remembers_the_section_scrolled_to(
    pack: Pack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``G q`` typed at once: the next start opens the section G brought to the top, as
    typed slowly (q is the app's key, not one of the screen's commands, and was read before
    the reader's word of where it was)."""

    async def remembered(*, slowly: bool) -> str | None:
        monkeypatch.setenv("SEMAX_EXPLORER_DATA_DIR", str(tmp_path / ("slowly" if slowly else "burst")))
        app = make_app(pack, start="uses")
        async with app.run_test(size=(100, 30)) as pilot:
            await settled(pilot)
            keys = ["tab", "G", "q"]
            if slowly:
                for key in keys:
                    await pilot.press(key)
                    if key != "q":
                        await settled(pilot)
            else:
                post_keys(app, keys)
                await until(pilot, lambda: not app.is_running)
        return UserStore.open(data_dir()).settings().last_node

    slowly = await remembered(slowly=True)
    assert slowly not in (None, "uses"), slowly
    assert await remembered(slowly=False) == slowly


@pytest.mark.parametrize("size", [(60, 20), (140, 40)])
async def test_a_resize_keeps_the_section_read_at_the_top_of_the_reader(pack: Pack, size: tuple[int, int]) -> None:
    """Another width wraps every section again: the same scroll showed another section at
    the reader's top while the title and the tree still named the one read."""
    sections = pack.children("uses")
    target = sections[len(sections) // 2].id
    app = make_app(pack, start=target)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        assert reader.node_at_top() == target
        await pilot.resize_terminal(*size)
        await settled(pilot)
        await settled(pilot)
        assert screen.current == target
        assert reader.node_at_top() == target, reader.node_at_top()
        assert screen.breadcrumb == breadcrumb_text(pack, target)
        assert screen.query_one(TopicTree).node_under_cursor == target


@pytest.mark.parametrize("dialog", ["B", "question_mark", "slash", "a"])
async def test_a_dialog_opened_right_after_a_bookmark_never_leaves_the_reader_waiting(pack: Pack, dialog: str) -> None:
    """``b B escape`` typed at once: keys for the reader wait for the bookmarked view's new
    height. The reader once learnt it from a callback after the next refresh, which went to
    the dialog on top and closed with it: every key after waited for good."""
    app = make_app(pack, start="uses")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = main_screen(app)
        post_keys(app, ["b", dialog, "escape"])
        await settled(pilot)
        if not isinstance(app.screen, type(screen)):  # the note editor asks before closing
            await pilot.press("escape")
            await settled(pilot)
        assert app.screen is screen
        reader = screen.query_one(Reader)
        assert not reader.busy, "keys for the reader would wait for good"
        await pilot.press("tab", "G")
        await settled(pilot)
        assert screen.current == pack.children("uses")[-1].id


async def test_a_second_change_of_a_view_is_waited_for_past_the_first_ones_patience(pack: Pack) -> None:
    """Keys wait for a changed view's new height, at most ``LAYOUT_PATIENCE`` seconds
    a change: the patience of an earlier change of the same view must not end the wait for
    a later one, whose height is not laid out yet."""
    app = make_app(pack, start="uses")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        node_id = pack.children("uses")[0].id
        view = reader.view_of(node_id)
        assert view is not None
        reader.annotate(node_id, Annotation(note="one line"))
        first = reader._relaying[view]
        await settled(pilot)
        assert not reader.busy
        reader.annotate(node_id, Annotation(note="\n\n".join(["a paragraph"] * 6)))
        reader._relaid(view, first)  # the first change's patience runs out now
        assert reader.busy, "the second change is not laid out yet"
        await settled(pilot)
        assert not reader.busy


async def test_a_paste_takes_its_turn_with_the_keys_typed_before_it(pack: Pack) -> None:
    """Keys typed ahead of a paste come first, as typed slowly: the paste went to the
    field ahead of the keys still waiting (``aXYbcd``), or before a dialog was there to
    take it (the search field kept only the ``x`` typed before it)."""
    app = make_app(pack, start="uses")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("a")
        await settled(pilot)
        post_keys(app, list("abcd"))
        app.post_message(events.Paste("XY"))
        post_keys(app, list("ef"))
        await settled(pilot)
        assert app.screen.query_one(TextArea).text == "abcdXYef"
    app = make_app(pack, start="uses")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        post_keys(app, ["slash", "x"])
        app.post_message(events.Paste("glaucoma"))
        await settled(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input", Input).value == "xglaucoma"


async def test_no_key_waits_for_good_when_one_is_lost_on_its_way(pack: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    """The gate's last resort: a key it let go and posted to the app, lost on the way (here
    it is never posted), is handed on by the gate's watch once the app's queue has passed
    where it would be (within ``KEY_PATIENCE`` of that), and the keys behind it follow, in
    order: the app never stops taking keys."""
    app = make_app(pack, start="uses")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await type_keys(pilot, ["slash", *"abc"], slowly=True)
        field = app.screen.query_one("#search-input", Input)
        lost: list[object] = []
        post = app.post_message

        def losing(message: Message) -> bool:
            if message is app.key_order._released and not lost:
                lost.append(message)
                return True
            return post(message)

        monkeypatch.setattr(app, "post_message", losing)
        post_keys(app, ["backspace", "backspace", "left", "x"])  # the field's keys: each waits its turn
        await until(pilot, lambda: field.value == "xa", timeout=KEY_PATIENCE * 6)
        assert lost and field.value == "xa"
