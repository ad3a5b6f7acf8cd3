"""Every screen fits from 60x20 up (issue 19, item 4): each dialog's fields and buttons can
be reached and are seen when focused, the key bar keeps quit, help and the tree, long
titles in the tree end with "…", and the tree's width is set from the keyboard and kept."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from tests.app.conftest import main_screen, make_app, reader_at_rest, screen_text, settled, until
from tui.app.app import SemaxExplorer
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.topic_tree import TopicTree
from tui.content import Pack

Opener = Callable[[Pilot[None]], Awaitable[None]]


def pressing(*keys: str, selector: str) -> Opener:
    async def run(pilot: Pilot[None]) -> None:
        await until(pilot, lambda: reader_at_rest(pilot.app))
        await pilot.press(*keys)
        await until(pilot, lambda: pilot.app.screen.query(selector))
        await settled(pilot)

    return run


DIALOGS = {
    "help": pressing("question_mark", selector="#help-list"),
    "note": pressing("a", selector="#note-text"),
    "export": pressing("b", "e", selector="#export-path"),
    "search": pressing("slash", *"stroke", selector="#search-results"),
    "bookmarks": pressing("b", "B", selector="#bookmark-list"),
    "confirm": pressing("b", "B", "d", selector="#confirm-dialog"),
    "unsaved note": pressing("a", "x", "escape", selector="#choice-dialog"),
    "peek": pressing("tab", "tab", "K", selector="#peek-body"),
}


def seen(app: SemaxExplorer, widget: Widget) -> bool:
    """Whether the widget is drawn on the screen, not cut off or covered: the middle of
    the part of it on screen shows it (or a part of it)."""
    visible = widget.region.intersection(Region(0, 0, *app.size))
    if not visible or visible.height < min(widget.region.height, 1):
        return False
    found, _ = app.screen.get_widget_at(*visible.center)
    return found is widget or widget in found.ancestors


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
@pytest.mark.parametrize("name", list(DIALOGS))
async def test_every_part_of_a_dialog_can_be_reached_and_is_seen_when_focused(
    pack: Pack, name: str, size: tuple[int, int]
) -> None:
    app = make_app(pack, start="benefits/nootropic")
    async with app.run_test(size=size) as pilot:
        await DIALOGS[name](pilot)
        dialog = app.screen.query_one(".dialog")
        assert Region(0, 0, *size).contains_region(dialog.region), "the dialog is cut off by the screen's edge"
        focusable = [widget for widget in dialog.query("*") if widget.focusable]
        assert focusable
        reached: list[Widget] = []
        for _ in range(len(focusable) + 1):
            focused = app.focused
            assert focused is not None
            reached.append(focused)
            assert seen(app, focused), f"{focused!r} has focus but cannot be seen at {size}"
            await pilot.press("tab")
            await settled(pilot)
        assert set(focusable) <= set(reached), "tab does not reach every field and button"


async def test_the_key_bar_keeps_quit_help_and_the_tree_at_60_columns(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(60, 20)) as pilot:
        await settled(pilot)
        shown = {slot.description for slot in app.screen.query_one(KeyBar).slots}
        assert {"Quit", "Help", "Tree"} <= shown
        bar = screen_text(app).splitlines()[-1]
        assert "q Quit" in bar and "? Help" in bar and "s Tree" in bar


async def test_the_key_bar_keeps_quit_help_and_the_tree_with_a_link_selected_at_60_columns(pack: Pack) -> None:
    """With a link selected the bar names where it leads, beside the pane's name: that
    badge took half the bar and pushed quit off it at 60 columns."""
    app = make_app(pack, start="overview")
    async with app.run_test(size=(60, 20)) as pilot:
        await until(pilot, lambda: reader_at_rest(app))
        await pilot.press("tab", "tab")
        await settled(pilot)
        bar = screen_text(app).splitlines()[-1]
        assert "link →" in bar
        assert "q Quit" in bar and "? Help" in bar and "s Tree" in bar, bar


async def test_long_titles_in_the_tree_end_with_an_ellipsis(pack: Pack) -> None:
    app = make_app(pack, start="benefits")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        tree = app.screen.query_one(TopicTree)
        lines = screen_text(app).splitlines()
        long_title = next(c.title for c in pack.children("benefits") if len(c.title) > tree.size.width)
        cut = [line for line in lines if long_title[:12] in line]
        assert cut and "…" in cut[0][: tree.size.width]


async def test_the_tree_width_changes_from_the_keyboard_and_is_kept(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        tree = app.screen.query_one(TopicTree)
        before = tree.outer_size.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        await settled(pilot)
        wider = tree.outer_size.width
        assert wider == before + 8
        await pilot.press("less_than_sign")
        await settled(pilot)
        assert tree.outer_size.width == wider - 4
        kept = tree.outer_size.width
    again = make_app(pack)
    async with again.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert main_screen(again).query_one(TopicTree).outer_size.width == kept


async def test_long_titles_end_with_an_ellipsis_when_the_tree_scrolls(pack: Pack) -> None:
    """With more rows than fit, the tree has a scroll bar: the "…" must end the title
    before the bar, not be drawn under it (the glossary at 100x30 showed "Central nervous
    system (C" cut without one)."""
    app = make_app(pack, start="glossary/cns")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: reader_at_rest(app))
        await settled(pilot)
        tree = app.screen.query_one(TopicTree)
        assert tree.max_scroll_y > 0, "the glossary's rows should not fit: the tree scrolls"
        lines = screen_text(app).splitlines()
        cut = [line for line in lines if line.startswith("├ Central nervous")]
        assert cut and "…" in cut[0][: tree.outer_size.width]


async def test_the_tree_width_keys_leave_a_hidden_tree_alone(pack: Pack) -> None:
    """With the tree hidden (a narrow screen's sidebar, or s) it has no width to change:
    ``>`` made it 16 columns, the narrowest, and remembered that for the next start."""
    app = make_app(pack)
    async with app.run_test(size=(60, 20)) as pilot:
        await settled(pilot)
        await pilot.press("greater_than_sign")
        await settled(pilot)
        assert main_screen(app).store.settings().tree_width is None
        await pilot.press("s")  # the sidebar: as wide as before
        await settled(pilot)
        assert app.screen.query_one(TopicTree).outer_size.width >= 24


async def test_the_tree_width_remembered_is_the_width_shown(pack: Pack) -> None:
    """Past the stylesheet's limits (at most 60% of the screen, at least 24 columns) a
    wider or narrower tree is not shown: the width remembered must be the one shown, or the
    next start opens with a tree of another width."""
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        tree = app.screen.query_one(TopicTree)
        for key in ("greater_than_sign", "less_than_sign"):
            for _ in range(20):
                await pilot.press(key)
                await settled(pilot)
            assert main_screen(app).store.settings().tree_width == tree.outer_size.width, key
