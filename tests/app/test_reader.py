"""The reader keeps its views from topic to topic: each switch shows exactly the new topic."""

from __future__ import annotations

import pytest

from tests.app.conftest import main_screen, make_app, post_keys, screen_text, settled, view_lines
from tui.app.app import SemaxExplorer
from tui.app.internals.stack_layout import places
from tui.app.widgets.reader import Reader
from tui.app.widgets.reading_bar import BAR
from tui.app.widgets.section_view import SectionView
from tui.app.widgets.topic_tree import TopicTree
from tui.content import Pack


async def test_every_topic_in_turn_shows_exactly_its_own_sections_in_order(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        head = reader.views[0]
        # Long and short topics alternate, so views are both added and taken away.
        order = [t.id for t in pack.topics()]
        for topic_id in [*order, *reversed(order), "glossary", "overview"]:
            screen.open(topic_id)
            await settled(pilot)
            expected = [topic_id, *(child.id for child in pack.children(topic_id))]
            assert [view.node_id for view in reader.views] == expected
            assert list(reader.query(SectionView).results(SectionView)) == reader.views  # nothing stale
            assert reader.bar.marked is None  # a topic's head is not a section
            title = pack.node(expected[-1]).title
            assert any(title in line for line in view_lines(app, expected[-1]))
        assert reader.views[0] is head  # the views were kept, not made again


async def test_the_open_section_is_the_only_one_marked_after_a_switch(pack: Pack) -> None:
    app = make_app(pack, start="mechanism/bdnf")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        target = pack.children("benefits")[2].id  # a long topic, so the section can reach the top
        screen.open(target)
        await settled(pilot)
        view = reader.view_of(target)
        assert view is not None and reader.bar.marked is view
        assert view is not None and view.region.y == reader.region.y  # scrolled to it


async def test_a_bookmark_made_after_switches_shows_on_the_reused_view(pack: Pack) -> None:
    app = make_app(pack, start="overview")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.open("uses")
        await settled(pilot)
        section = pack.children("benefits")[0].id
        screen.open(section)
        await settled(pilot)
        await pilot.press("b")
        await settled(pilot)
        assert any("Bookmarked" in line for line in view_lines(app, section))
        screen.open("overview")
        await settled(pilot)
        reader = screen.query_one(Reader)
        assert not any("Bookmarked" in line for view in reader.views for line in view_lines(app, view.node_id))


async def test_each_step_of_a_burst_in_the_tree_places_the_reader_as_it_is_read(pack: Pack) -> None:
    """Keys typed at once in the tree move the reader with each one, before the next is
    read: the frame drawn after the burst shows the last section, already marked and at the
    top. (The reader once placed only the first step at once and the rest after that frame,
    so a burst drew a second frame 20-40 ms after the first.)"""
    app = make_app(pack, start="glossary")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        await pilot.press("l", "down")  # into the glossary's terms: their views are laid out
        await settled(pilot)
        for _ in range(5):  # as the screen runs five ↓ read in one go: nothing awaited between
            screen.navigate.move(1)
            tree_node = screen.query_one(TopicTree).node_under_cursor
            assert reader.node_id == tree_node == screen.current
            view = reader.view_of(tree_node)
            assert view is not None and reader.bar.marked is view
            place = places(reader)[view]
            assert round(reader.scroll_y) == min(place.top_with_margin, round(reader.max_scroll_y))
        await settled(pilot)
        assert reader.node_id == screen.current


def bar_rows_on_screen(app: SemaxExplorer, reader: Reader) -> list[int]:
    """The rows of the screen where the reader's bar is drawn, read from what the screen
    shows (the screenshot), not from the bar's own idea of where it is."""
    column = reader.bar.region.x
    lines = screen_text(app).split("\n")
    return [y for y, line in enumerate(lines) if len(line) > column and line[column] == BAR]


def rows_of_the_section_read(reader: Reader) -> list[int]:
    """The rows of the screen that the marked section's text takes (none: no section marked)."""
    view = reader.bar.marked
    if view is None:
        return []
    shown = view.region.intersection(reader.scrollable_content_region)
    return list(range(shown.y, shown.bottom))


@pytest.mark.parametrize("size", [(100, 30), (60, 20)])
async def test_the_bar_runs_down_exactly_the_rows_of_the_section_read(pack: Pack, size: tuple[int, int]) -> None:
    """The bar is drawn apart from the sections (its own column), so every way the section
    read or its rows can change is tried: steps in the tree, scroll keys, a jump to the
    end, a bookmark that makes the section taller, a topic switch and a resize."""
    app = make_app(pack)
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        reader = app.screen.query_one(Reader)
        journey = [["3"], ["j"], ["j"], ["tab"], ["j"], ["space"], ["ctrl+d"], ["b"], ["G"], ["g"], ["b"]]
        journey += [["shift+tab"], ["down"], ["down", "down", "down"], ["4"], ["l", "down"], ["b"], ["k"], ["j"]]
        for keys in journey:
            await pilot.press(*keys)
            await settled(pilot)
            assert bar_rows_on_screen(app, reader) == rows_of_the_section_read(reader), keys
        main_screen(app).open(pack.children("benefits")[3].id)  # a section, for the resizes
        await settled(pilot)
        assert reader.bar.marked is not None
        for width, height in [(80, 24), (120, 40), size]:
            await pilot.resize_terminal(width, height)
            await settled(pilot)
            assert bar_rows_on_screen(app, reader) == rows_of_the_section_read(reader), (width, height)
            assert rows_of_the_section_read(reader)


@pytest.mark.parametrize(
    "dialog", [["question_mark", "escape"], ["slash", "escape"], ["B", "escape"], ["ctrl+p", "escape"]]
)
async def test_a_dialog_opened_and_closed_while_the_reader_places_a_node_does_not_stop_it(
    pack: Pack, dialog: list[str]
) -> None:
    """``j ? escape`` at once: the reader's placing of the next section waited for the help
    screen's next frame, which never came, and the reader ignored every key after it."""
    app = make_app(pack, start="uses")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        post_keys(app, ["j", *dialog])
        await settled(pilot)
        reader = main_screen(app).query_one(Reader)
        assert not reader.busy
        before = reader.scroll_y
        await pilot.press("tab", "j", "j")
        await settled(pilot)
        assert not reader.busy and reader.scroll_y == before + 2
