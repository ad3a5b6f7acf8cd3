"""Links in the reader (issue 19, item 6): cross-references, see-also entries, sources and
glossary terms are selected with tab, followed with enter or a click, peeked at with K,
and [ comes back."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.pilot import Pilot

from tests.app.conftest import main_screen, make_app, screen_text, settled, until
from tui.app.app import SemaxExplorer
from tui.app.screens.main import MainScreen
from tui.app.screens.peek import PeekScreen
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.reader import Reader
from tui.app.widgets.section_view import SectionView
from tui.app.widgets.topic_tree import TopicTree
from tui.content import Pack
from tui.content.validate import build_content


def reader_of(app: object) -> Reader:
    screen = main_screen(app)  # type: ignore[arg-type]
    return screen.query_one(Reader)


async def adhd_at_rest(app: SemaxExplorer, pilot: Pilot[None]) -> tuple[MainScreen, SectionView]:
    """The main screen, at rest on Benefits › ADHD (a section with a glossary link), and its view."""
    await settled(pilot)
    view = reader_of(app).view_of("benefits/adhd")
    assert isinstance(view, SectionView)
    return main_screen(app), view


async def test_tab_goes_from_the_tree_into_the_reader_then_link_by_link_then_back(pack: Pack) -> None:
    app = make_app(pack, start="benefits/adhd")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("tab")
        reader = reader_of(app)
        assert app.focused is reader and reader.selected_link is None
        await pilot.press("tab")
        first = reader.selected_link
        assert first is not None
        seen = [first]
        for _ in range(60):
            await pilot.press("tab")
            if app.focused is not reader:
                break
            link = reader.selected_link
            assert link is not None
            seen.append(link)
        assert isinstance(app.focused, TopicTree)  # past the last link: the tree again
        assert reader.selected_link is None
        kinds = {link.kind for link in seen}
        assert {"see", "related", "source", "term"} <= kinds  # every kind of link is reached
        # shift+tab goes the other way: from the tree, the last link in view.
        await pilot.press("shift+tab")
        assert app.focused is reader and reader.selected_link is not None


async def test_enter_follows_the_selected_link_and_the_back_key_returns(pack: Pack) -> None:
    app = make_app(pack, start="benefits/adhd")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen = main_screen(app)
        reader = reader_of(app)
        await pilot.press("tab", "tab")
        while reader.selected_link is not None and reader.selected_link.kind != "see":
            await pilot.press("tab")
        link = reader.selected_link
        assert link is not None and link.kind == "see"
        before = screen.current
        await pilot.press("enter")
        await settled(pilot)
        assert screen.current == link.target
        assert reader.node_id == link.target and app.focused is reader
        await pilot.press("left_square_bracket")
        await settled(pilot)
        assert screen.current == before


async def test_the_key_bar_says_where_the_selected_link_leads(pack: Pack) -> None:
    app = make_app(pack, start="benefits/adhd")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("tab", "tab")
        await settled(pilot)
        bar = app.screen.query_one(KeyBar)
        assert bar.pane is not None and bar.pane.startswith("Reader · link → ")
        assert "Reader · link → " in screen_text(app).splitlines()[-1]
        await pilot.press("escape")  # unselects the link
        await settled(pilot)
        assert reader_of(app).selected_link is None and bar.pane == "Reader"


async def test_k_shows_a_terms_definition_over_the_page_and_enter_goes_there(pack: Pack) -> None:
    app = make_app(pack, start="benefits/adhd")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen = main_screen(app)
        reader = reader_of(app)
        await pilot.press("tab", "tab")
        while reader.selected_link is not None and reader.selected_link.kind != "term":
            await pilot.press("tab")
        term = reader.selected_link
        assert term is not None and term.target.startswith("glossary/")
        await pilot.press("K")
        await until(pilot, lambda: isinstance(app.screen, PeekScreen))
        assert isinstance(app.screen, PeekScreen)
        definition = pack.node(term.target).body.split(".")[0]
        peeked = app.screen.query_one(SectionView)
        assert definition in " ".join(" ".join(peeked.plain_lines(peeked.size.width)).split())
        assert definition.split(":")[0] in screen_text(app)  # and it is on the screen
        await pilot.press("escape")  # back on the page, nothing moved
        await settled(pilot)
        assert screen.current == "benefits/adhd" and reader.selected_link == term
        await pilot.press("K")
        await until(pilot, lambda: isinstance(app.screen, PeekScreen))
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, MainScreen) and screen.current == term.target


async def test_k_with_no_link_selected_says_how_to_select_one(pack: Pack) -> None:
    app = make_app(pack, start="benefits/adhd")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("K")
        await settled(pilot)
        assert isinstance(app.screen, MainScreen)
        assert any("tab selects the links" in str(n.message) for n in app._notifications)


async def test_clicking_a_link_follows_it_and_hovering_says_where_it_leads(pack: Pack) -> None:
    app = make_app(pack, start="benefits/adhd")
    async with app.run_test(size=(120, 40)) as pilot:
        screen, view = await adhd_at_rest(app, pilot)
        place = next(place for place in view.link_places() if place.link.kind == "term")
        await pilot.hover(view, offset=(place.start + 1 + view.text_left, place.line))
        assert isinstance(view.tooltip, Content)
        assert view.tooltip.plain.startswith("Glossary › ")
        await pilot.click(view, offset=(place.start + 1 + view.text_left, place.line))
        await settled(pilot)
        assert screen.current == place.link.target


async def test_a_selected_link_scrolled_out_of_view_is_unselected(pack: Pack) -> None:
    app = make_app(pack, start="benefits")
    async with app.run_test(size=(120, 30)) as pilot:
        await settled(pilot)
        reader = reader_of(app)
        await pilot.press("tab", "tab")
        assert reader.selected_link is not None
        await pilot.press("G")  # to the end of the topic: the link is far above
        await settled(pilot)
        assert reader.selected_link is None
        await pilot.press("enter")  # follows nothing: the page stays
        await settled(pilot)
        assert main_screen(app).current != "safety/regulatory-status"


async def test_with_the_tree_hidden_tab_stops_at_the_last_link(pack: Pack) -> None:
    app = make_app(pack, start="research/stroke-recovery-trial")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        reader = reader_of(app)
        await pilot.press("s")  # hide the tree: the reader has focus
        await settled(pilot)
        assert app.focused is reader
        for _ in range(80):
            await pilot.press("tab")
        assert app.focused is reader and reader.selected_link is not None  # the last: the bell, not a jump


async def test_a_link_the_screen_shrinks_out_of_view_is_unselected(pack: Pack) -> None:
    """A link scrolled out of view is unselected, so enter never follows one the reader
    cannot see; a smaller terminal takes it out of view too, without a scroll."""
    app = make_app(pack, start="overview")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("shift+tab")  # from the tree: the last link in view, near the bottom
        reader = reader_of(app)
        assert reader.selected_link is not None
        await pilot.resize_terminal(120, 12)
        await settled(pilot)
        for view in reader.views:
            if view.selected_link is not None:  # still selected: then it must be in view
                first, last = view.link_lines(view.selected_link.number)
                top = view.virtual_region.y - reader.scroll_y
                assert top + first >= 0 and top + last < reader.scrollable_content_region.height, "out of view"


async def test_a_link_after_wide_characters_is_clicked_where_it_is_drawn(raw_pack: dict[str, Any]) -> None:
    """Wide characters and combining marks before a link take two cells and none: the link
    is found in cells, where the mouse is, not in characters."""
    section = next(s for s in raw_pack["sections"].values() if s["id"] == "benefits/adhd")
    section["body"] = "漢字漢字 e\u0301e\u0301 🧠 ADHD here.\n\n" + section["body"]
    pack = build_content(raw_pack)
    app = make_app(pack, start="benefits/adhd")
    async with app.run_test(size=(120, 40)) as pilot:
        screen, view = await adhd_at_rest(app, pilot)
        line = next(n for n, text in enumerate(view.plain_lines(view.text_width())) if "🧠 ADHD" in text)
        drawn = screen_text(app).splitlines()
        row = view.region.y + line
        column = drawn[row].index("ADHD")  # where a person sees it
        await pilot.click(offset=(column + 1, row))
        await settled(pilot)
        assert screen.current == "glossary/adhd"
