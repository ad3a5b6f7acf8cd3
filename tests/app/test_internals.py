"""Textual's private names, used in tui/app/internals/ only, still mean what the explorer
relies on. A Textual upgrade that changes one of them fails here, by name."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from rich.style import Style
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static, Tree

from tests.app.conftest import main_screen, make_app, settled
from tui.app.internals.after_layout import LayoutWaits
from tui.app.internals.stack_layout import content_width, places, repaint
from tui.app.internals.tree_lines import RowCache, lay_out_lines, render_row
from tui.app.widgets.reader import Reader
from tui.app.widgets.topic_tree import TopicTree
from tui.content import Pack

PACKAGE = Path(__file__).resolve().parents[2] / "tui"


def test_no_private_textual_name_outside_the_internals_package() -> None:
    """``x._name`` on anything but ``self`` / ``cls`` (our own attributes), a NamedTuple's
    ``_replace`` and ``os._exit``, is only allowed in tui/app/internals/."""
    allowed = re.compile(r"\b(?:self|cls|os)\._|\._(?:replace|asdict|fields|make)\b")
    found = []
    for path in (PACKAGE / "app").rglob("*.py"):
        if "internals" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for match in re.finditer(r"\b\w+\._[a-z]\w*", line):
                if not allowed.match(line, match.start()) and not allowed.search(match.group()):
                    found.append(f"{path.relative_to(PACKAGE)}:{number}: {match.group()}")
    assert found == []


class _TreeApp(App[None]):
    def compose(self) -> ComposeResult:
        tree: Tree[str] = Tree("root")
        tree.root.expand()
        yield tree


async def test_tree_lays_out_its_lines_when_last_line_is_read() -> None:
    async with _TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(Tree)
        first = tree.root.add("first", expand=True)
        child = first.add_leaf("child")
        assert child.line == -1  # not laid out yet: move_cursor would go to a stale line
        lay_out_lines(tree)
        assert child.line == 2
        tree.move_cursor(child)
        assert tree.cursor_node is child


async def test_tree_draws_a_row_with_a_given_style() -> None:
    assert list(inspect.signature(Tree._render_line).parameters) == ["self", "y", "x1", "x2", "base_style"]
    async with _TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(Tree)
        tree.root.add_leaf("a leaf")
        await pilot.pause()
        assert "a leaf" in render_row(tree, 1, Style()).text


def test_app_handles_exceptions_where_the_crash_hook_expects() -> None:
    assert list(inspect.signature(App._handle_exception).parameters) == ["self", "error"]
    app = App[None]()
    assert isinstance(app._exit_renderables, list)  # what Textual prints after exiting


def test_every_private_attribute_read_on_self_is_one_of_ours() -> None:
    """``self._name`` outside the internals package must name something the explorer
    itself defines (an inherited private name of Textual would be one of Textual's)."""
    sources = {path: path.read_text() for path in (PACKAGE / "app").rglob("*.py")}
    everything = "\n".join(sources.values())
    used = {
        name
        for path, text in sources.items()
        if "internals" not in path.parts
        for name in re.findall(r"\bself\.(_[a-z]\w*)", text)
    }
    ours = {
        name
        for name in used
        if re.search(rf"(self\.{name}\s*(:[^=\n]*)?=|def {name}\b|\b{name}\s*:|, self\.{name}\b)", everything)
    }
    assert sorted(used - ours) == []


@pytest.mark.parametrize("size", [(60, 20), (120, 40)])
async def test_stack_layout_places_views_where_textual_lays_them_out(pack: Pack, size: tuple[int, int]) -> None:
    """The reader's sections are placed by Textual's vertical layout rule (sizes, and the
    larger of two neighbouring margins between them); :mod:`stack_layout` works the places
    out without asking the compositor. Checked against Textual's own answer on every
    document of the shipped pack, and on the glossary once a term is bookmarked (its box
    makes the term taller); the windowed document is the next test's."""
    app = make_app(pack, start="overview")
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        for topic in pack.topics():
            screen.open(topic.id)
            await settled(pilot)
            _assert_places_match(reader)
        screen.open("glossary/bdnf")
        await settled(pilot)
        await pilot.press("b")
        await settled(pilot)
        _assert_places_match(reader)


async def test_stack_layout_places_a_windowed_topic(pack: Pack) -> None:
    from benchmarks.synthetic_pack import generate  # noqa: PLC0415 - this test's pack only
    from tui.content.validate import build_content  # noqa: PLC0415

    big = build_content(generate(2_000))
    topic = big.topics()[1]
    app = make_app(big)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = main_screen(app)
        reader = screen.query_one(Reader)
        screen.open(big.children(topic.id)[200].id)  # a window far down: the note shows
        await settled(pilot)
        _assert_places_match(reader)
        reader.scroll_end(animate=False)  # more sections load below
        await settled(pilot)
        _assert_places_match(reader)


def _assert_places_match(reader: Reader) -> None:
    laid_out = places(reader)
    shown = [child for child in reader.children if child.display and child is not reader.bar]
    assert list(laid_out) == shown  # the bar is docked at the side: not in the stack
    for child in shown:
        place = laid_out[child]
        region = child.virtual_region
        assert (place.top, place.height, place.bottom) == (region.y, region.height, region.bottom), child
        assert place.top_with_margin == child.virtual_region_with_margin.y
        assert content_width(child) == child.size.width


class _StackApp(App[None]):
    """Children with every kind of neighbouring margins, some of them hidden, and two docked."""

    CSS = """
    .a { margin: 2 0 1 0; height: 3; }
    .b { margin: 3 1 2 0; height: auto; padding: 1; border: round red; }
    .c { margin: 0; height: 1; }
    .gone { display: none; }
    .side { dock: left; width: 2; height: 100%; }
    .top { dock: top; height: 2; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("docked", classes="side")  # out of the stack: places leaves them out
            yield Static("docked", classes="top")
            for number, name in enumerate(["a", "b", "c", "b", "a", "gone", "c", "a", "b", "b", "a"] * 3):
                yield Static(f"child {number}\nof several lines", classes=name)


async def test_stack_layout_follows_textuals_margins_between_neighbours() -> None:
    """Where two margins meet, the larger is kept (Textual's vertical layout): checked on
    children whose margins differ on both sides, with hidden ones among them."""
    async with _StackApp().run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        container = pilot.app.query_one(VerticalScroll)
        laid_out = places(container)
        assert len(laid_out) == 30
        for child, place in laid_out.items():
            region = child.virtual_region
            assert (place.top, place.height) == (region.y, region.height), child
            assert place.top_with_margin == child.virtual_region_with_margin.y
            assert content_width(child) == child.size.width


class _Line(Widget):
    """A line of text that can change (``render`` is asked again when it is repainted)."""

    DEFAULT_CSS = "_Line { height: 1; }"

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self) -> str:
        return self.text


class _LinesApp(App[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for number in range(60):
                yield _Line(f"line{number}")


async def test_repaint_draws_a_widget_out_of_sight_again_without_asking_where_it_is() -> None:
    """``refresh()`` with no region throws away the compositor's on-screen map for a widget
    out of sight (so the next scroll redrew the whole terminal); :func:`repaint` keeps it,
    and the widget is still drawn anew once it is scrolled back into view. If the first
    assertion fails, Textual no longer throws the map away, and ``repaint`` can go."""
    async with _LinesApp().run_test(size=(40, 10)) as pilot:
        scroll = pilot.app.query_one(VerticalScroll)
        first = pilot.app.query(_Line).first()
        scroll.scroll_end(animate=False)
        await pilot.pause()
        compositor = pilot.app.screen._compositor
        assert compositor._visible_map is not None
        first.refresh()
        assert compositor._visible_map is None  # Textual's refresh() rebuilt the whole map
        scroll.scroll_relative(y=-1, animate=False)
        await pilot.pause()
        scroll.scroll_end(animate=False)
        await pilot.pause()
        assert compositor._visible_map is not None
        first.text = "changed0"
        repaint(first)
        assert compositor._visible_map is not None  # the on-screen map is kept
        scroll.scroll_home(animate=False)
        await pilot.pause()
        assert "changed0" in pilot.app.export_screenshot()


async def test_a_remembered_tree_row_is_the_row_the_tree_draws(pack: Pack) -> None:
    """:class:`RowCache` gives back a row only when it would be drawn the same: after each
    change a row can see (the cursor moving on, into and out of a topic, focus leaving,
    the mouse over a row, a mark in a label, a topic closed, a narrower tree), every row
    drawn through the cache is the row drawn afresh."""
    app = make_app(pack, start="glossary")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        screen = main_screen(app)
        tree = screen.query_one(TopicTree)

        def check() -> None:
            for y in range(tree.size.height):
                remembered = list(tree.render_line(y))
                kept = tree._rows
                tree._rows = RowCache()
                tree._line_cache.clear()
                try:
                    afresh = list(tree.render_line(y))
                finally:
                    tree._rows = kept
                assert remembered == afresh, f"row {y}"

        async def after(*keys: str) -> None:
            for key in keys:
                await pilot.press(key)
            await settled(pilot)
            check()

        check()
        await after("l")
        await after("down", "down", "down")
        await after("up", "up", "up")  # back on the topic: its sections' guides light up again
        await after("down", "b")  # a mark in a label
        await after("down")
        tree.hover_line = tree.cursor_line - 1
        await settled(pilot)
        check()
        tree.hover_line = -1
        await after("tab")  # focus leaves the tree
        await after("shift+tab")
        await after("h", "h")  # up to the topic, and closed
        tree.styles.width = 20  # narrower: titles end in "…"
        await settled(pilot)
        check()
        await after("l", "G")


async def test_a_layout_wait_runs_once_the_screen_is_laid_out_with_the_change(pack: Pack) -> None:
    """``LayoutWaits`` rides on Textual's ``screen_layout_refresh_signal``: the work runs
    after the layout that has the change (the tree a class shows has its height then),
    not after a frame that came before the stylesheet was applied. Fails if Textual stops
    publishing the signal at the end of a layout, or publishes it before the sizes are set."""
    app = make_app(pack, start="uses")
    async with app.run_test(size=(60, 20)) as pilot:
        await settled(pilot)
        screen = main_screen(app)
        tree = screen.query_one(TopicTree)
        assert not tree.display  # a narrow screen hides the tree until asked
        heights: list[int] = []
        waits = LayoutWaits(screen, tree)
        screen.add_class("-show-tree")
        waits.add(lambda: tree.display, lambda: heights.append(tree.size.height))
        await settled(pilot)
        assert heights and heights[0] > 0
        assert len(heights) == 1  # once, not at every layout after
