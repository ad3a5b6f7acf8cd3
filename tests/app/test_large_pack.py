"""A large pack: the reader mounts a window of a long topic and loads more as you scroll."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from benchmarks.synthetic_pack import generate
from tests.app.conftest import make_app, settled, type_keys
from tui.app.internals import scroll_anchor
from tui.app.internals.stack_layout import Place
from tui.app.screens.main import MainScreen
from tui.app.widgets import reader as reader_module
from tui.app.widgets.reader import FIRST_MOUNT, WINDOW, Reader
from tui.app.widgets.section_view import SectionView
from tui.app.widgets.topic_tree import PAGE, TopicTree
from tui.content.validate import build_content


async def test_long_topics_are_windowed_and_grow_on_scroll() -> None:
    pack = build_content(generate(sections=700, seed=3))
    overview = [c.id for c in pack.children("overview")]
    assert len(overview) == 100
    target = overview[60]
    app = make_app(pack, start=target)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        reader = app.screen.query_one(Reader)
        blocks = [view.node_id for view in reader.query(".node-block").results(SectionView)]
        assert target in blocks and len(blocks) <= WINDOW
        [note] = reader.query(".more-note")  # says that earlier sections exist
        assert note.display and "▲ 59 earlier sections" in str(note.render())
        tree = app.screen.query_one(TopicTree)
        assert len(tree.row_ids) == len(pack.topics()) + 100  # only the open topic's rows exist
        await pilot.press("tab", "G")  # the reader's bottom
        await settled(pilot)
        more = len(reader.query(".node-block"))
        assert more > len(blocks)
        await pilot.press("1")  # back to the topic's start: a new window
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.current == "overview"
        assert reader.view_of(overview[0]) is not None
        assert not note.display  # the window starts at the top: nothing earlier to mention


async def test_a_window_of_short_sections_grows_until_it_fills_the_screen() -> None:
    # Nothing to scroll means no scroll to load more on: the reader fills the screen itself.
    pack = build_content(generate(sections=700, seed=3, section_chars=20))
    assert len(pack.children("overview")) > WINDOW
    app = make_app(pack, start="overview")
    async with app.run_test(size=(120, 60)) as pilot:
        await settled(pilot)
        reader = app.screen.query_one(Reader)
        assert len(reader.query(".node-block")) > FIRST_MOUNT
        assert reader.max_scroll_y > 0  # more than a screenful is mounted


def topic_rows(tree: TopicTree, topic_id: str) -> list[str]:
    """The labels of a topic's rows in the tree, in order."""
    return [str(row.label) for row in tree.row(topic_id).children]


async def test_a_huge_topic_shows_a_page_of_rows_that_grows_at_either_end() -> None:
    pack = build_content(generate(sections=2000, seed=3))
    overview = pack.children("overview")
    assert len(overview) == 285
    target = overview[150]
    app = make_app(pack, start=target.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        tree = app.screen.query_one(TopicTree)
        rows = topic_rows(tree, "overview")
        first_shown = 150 - PAGE // 2
        assert rows[0] == f"▲ {first_shown} earlier sections"
        assert rows[-1] == f"▼ {285 - first_shown - PAGE} later sections"
        assert len(rows) == PAGE + 2 and tree.cursor_node is tree.row(target.id)
        assert overview[0].id not in tree.row_ids

        # Down onto the "later" row: the next sections get rows, the cursor lands on the
        # first of them, and the reader opens it.
        last = overview[first_shown + PAGE - 1]
        tree.move_cursor(tree.row(last.id), animate=False)
        await pilot.press("down")
        await settled(pilot)
        after = overview[first_shown + PAGE]
        assert tree.cursor_node is tree.row(after.id)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.current == after.id
        assert topic_rows(tree, "overview")[-1] == overview[-1].title  # all later ones shown: no "more" row

        # Up onto the "earlier" row: the same, the other way.
        tree.move_cursor(tree.row(overview[first_shown].id), animate=False)
        await pilot.press("up")
        await settled(pilot)
        assert tree.cursor_node is tree.row(overview[first_shown - 1].id)
        assert screen.current == overview[first_shown - 1].id
        assert topic_rows(tree, "overview")[0] == overview[0].title  # all earlier ones shown


async def test_opening_a_section_outside_the_page_moves_the_page() -> None:
    pack = build_content(generate(sections=2000, seed=3))
    overview = pack.children("overview")
    app = make_app(pack, start=overview[0].id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        tree = app.screen.query_one(TopicTree)
        assert topic_rows(tree, "overview")[-1] == f"▼ {285 - PAGE} later sections"
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open(overview[280].id)  # as the palette or a search result does
        await settled(pilot)
        assert tree.cursor_node is tree.row(overview[280].id)
        assert overview[0].id not in tree.row_ids
        assert topic_rows(tree, "overview")[0] == f"▲ {285 - PAGE} earlier sections"


async def test_a_section_opened_past_the_window_of_a_huge_topic_is_placed_at_the_top() -> None:
    """A topic's head is open (its window starts at the top); a section past the sections
    mounted is opened (as a search result or a link opens it): the window moves, the line
    about earlier sections appears, and the section must still land at the reader's top
    (it landed two lines short, under the tail of the section before it)."""
    pack = build_content(generate(sections=10_000, seed=1))
    topic = pack.topics()[7].id  # the glossary: one of the topics with more than a window
    assert len(pack.children(topic)) > WINDOW
    app = make_app(pack, start=topic)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        reader = screen.query_one(Reader)
        mounted = len(reader.views) - 1  # the topic's head is the first view
        target = pack.children(topic)[mounted + 2].id
        assert reader.view_of(target) is None
        screen.open(target)
        await settled(pilot)
        assert screen.current == target
        view = reader.view_of(target)
        assert view is not None and reader.query_one(".more-note").display
        assert view.virtual_region.y == reader.scroll_y


@pytest.mark.parametrize("look", [reader_module.RELAYOUT_PATIENCE, 0.0001], ids=["as-shipped", "slow-machine"])
async def test_scroll_keys_in_a_burst_at_the_end_of_the_window_go_on_into_the_sections_mounted_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, look: float
) -> None:
    """``G space space`` at once in a windowed topic: the spaces wait for the sections the
    window's end asks for, and end where the same keys typed slowly end (they stopped at
    the old end, 54 lines short on the 10,000-section pack).

    ``slow-machine``: the reader looks whether the sections are still on their way far
    sooner than they can be laid out, as on a loaded machine, where a batch took longer
    than the reader's patience (CI, under load: the spaces gave up and stopped a page short).
    They wait for as long as the sections are on their way."""
    monkeypatch.setattr(reader_module, "RELAYOUT_PATIENCE", look)
    pack = build_content(generate(sections=700, seed=3))

    async def read(keys: list[str], *, slowly: bool) -> tuple[object, ...]:
        monkeypatch.setenv("SEMAX_EXPLORER_DATA_DIR", str(tmp_path / f"{slowly}-{len(keys)}"))
        app = make_app(pack, start="overview")
        async with app.run_test(size=(100, 30)) as pilot:
            await settled(pilot)
            await type_keys(pilot, keys, slowly=slowly)
            screen = app.screen_stack[0]
            assert isinstance(screen, MainScreen)
            reader = screen.query_one(Reader)
            editing = [type(shown).__name__ for shown in app.screen_stack]
            return screen.current, reader.node_id, round(reader.scroll_y), editing

    journeys = [
        ["tab", "G", "space", "space"],
        ["tab", "G", *["space"] * 6, "j", "j", "k"],
        ["tab", "G", "space", "b"],  # the bookmark is on the section the space scrolled to
        ["tab", "G", "space", "a"],  # and so is the note the editor opens on
    ]
    for keys in journeys:
        assert await read(keys, slowly=False) == await read(keys, slowly=True), keys


async def test_a_jump_that_lands_where_the_reader_was_keeps_its_section_at_the_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A section opened in a windowed topic at the very scroll the reader had before:
    the scroll is no move, and the line that says how many sections come before the window
    is laid out after it; the section named in the title must still be the one at the top
    (the last rows of the section six before it were, its heading six rows down)."""
    pack = build_content(generate(sections=2000, seed=3))
    for slowly in (True, False):
        monkeypatch.setenv("SEMAX_EXPLORER_DATA_DIR", str(tmp_path / str(slowly)))
        app = make_app(pack, start="overview")
        async with app.run_test(size=(100, 30)) as pilot:
            await settled(pilot)
            await type_keys(pilot, ["tab", "tab", "enter"], slowly=slowly)
            await type_keys(pilot, ["ctrl+p", *"memory", "enter"], slowly=slowly)
            screen = app.screen_stack[0]
            assert isinstance(screen, MainScreen)
            reader = screen.query_one(Reader)
            assert reader.node_id == screen.current
            view = reader.view_of(screen.current)
            assert view is not None and reader.query_one(".more-note").display
            assert reader.scroll_y == min(view.virtual_region_with_margin.y, reader.max_scroll_y), slowly


async def test_a_new_width_brings_the_top_line_back_once_not_once_a_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``<`` resizes every mounted view: the reader brings its top line back once for the
    layout, not once for each view's resize (each time working out every view's place:
    with 765 sections mounted, ``<`` took twice as long to settle)."""
    monkeypatch.setenv("SEMAX_EXPLORER_DATA_DIR", str(tmp_path))
    pack = build_content(generate(sections=2000, seed=3))
    app = make_app(pack, start=pack.topics()[1].id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await type_keys(pilot, ["tab", *["ctrl+f"] * 30], slowly=False)
        reader = app.screen_stack[0].query_one(Reader)
        assert len(reader.views) > 50
        asked: list[object] = []
        looked_up = scroll_anchor.places

        def counted(container: Widget) -> dict[Widget, Place]:
            asked.append(container)
            return looked_up(container)

        monkeypatch.setattr(scroll_anchor, "places", counted)
        await type_keys(pilot, ["less_than_sign"], slowly=False)
        assert 1 <= len(asked) <= 5, len(asked)
