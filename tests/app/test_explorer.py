"""The explorer driven from the keyboard with Pilot: every key of the contract."""

from __future__ import annotations

from typing import Any

import pytest

from tests.app.conftest import main_screen, make_app, screen_text, settled, until, view_lines
from tui.app.screens.disclaimer import DisclaimerScreen
from tui.app.screens.main import MainScreen
from tui.app.widgets.reader import Reader
from tui.app.widgets.section_view import SectionView
from tui.app.widgets.topic_tree import TopicTree
from tui.content import EVIDENCE_BY_ID, Pack
from tui.content.validate import build_content


async def test_opens_on_the_overview_with_tree_and_reader(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert screen.current == "overview"
        assert screen.breadcrumb == "Overview"
        text = screen_text(app)
        assert "1 Overview" in text and "6 Administration" in text and "Sources" in text
        assert "Semax is a peptide developed" in text
        assert isinstance(app.focused, TopicTree)


async def test_disclaimer_shows_once_and_is_remembered(pack: Pack) -> None:
    app = make_app(pack, acknowledged=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DisclaimerScreen))
        assert isinstance(app.screen, DisclaimerScreen)
        assert "not medical advice" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)
        assert app.store.settings().disclaimer_acknowledged is True


async def test_escape_also_closes_the_disclaimer(pack: Pack) -> None:
    app = make_app(pack, acknowledged=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize(
    ("key", "topic", "title"),
    [
        ("1", "overview", "Overview"),
        ("2", "uses", "Uses"),
        ("3", "benefits", "Benefits"),
        ("4", "mechanism", "How it works"),
        ("5", "research", "Research"),
        ("6", "administration", "Administration"),
    ],
)
async def test_number_keys_jump_to_the_six_topics(pack: Pack, key: str, topic: str, title: str) -> None:
    app = make_app(pack, start="safety")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        screen = main_screen(app)
        assert screen.current == topic
        assert screen.breadcrumb == title
        reader = app.screen.query_one(Reader)
        assert reader.topic_id == topic
        # The topic's sections are all in the reader, and its tree branch is open.
        shown = [view.node_id for view in reader.query(".node-block").results(SectionView)]
        assert shown == [child.id for child in pack.children(topic)]
        tree = app.screen.query_one(TopicTree)
        assert tree.cursor_node is not None and tree.cursor_node.data == topic
        assert tree.cursor_node.is_expanded


async def test_moving_in_the_tree_opens_sections_and_scrolls_them_into_view(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "j")
        await settled(pilot)
        screen = main_screen(app)
        assert screen.current == "mechanism/bdnf"
        assert screen.breadcrumb == "How it works › BDNF: growth of nerve cells"
        await pilot.press("down")
        await settled(pilot)
        assert screen.current == "mechanism/enkephalins"
        await pilot.press("k")
        await settled(pilot)
        assert screen.current == "mechanism/bdnf"
        await pilot.press("3", "j", "j", "j")  # a long topic, so the section can reach the top
        await settled(pilot)
        assert screen.current == "benefits/stroke-recovery"
        reader = app.screen.query_one(Reader)
        block = reader.view_of("benefits/stroke-recovery")
        assert block is not None and reader.bar.marked is block
        assert reader.scroll_y > 0
        assert block.region.y == reader.region.y  # scrolled to the top of the reader


async def test_enter_on_a_section_focuses_the_reader_where_j_scrolls(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("3", "j", "enter")
        await settled(pilot)
        reader = app.screen.query_one(Reader)
        assert app.focused is reader
        before = reader.scroll_y
        await pilot.press("j", "j", "j")
        await settled(pilot)
        assert reader.scroll_y > before
        await pilot.press("k")
        await settled(pilot)
        assert reader.scroll_y == before + 2


async def test_left_and_right_collapse_and_expand(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.screen.query_one(TopicTree)
        await pilot.press("2", "j")  # uses/anti-thrombosis
        await pilot.pause()
        await pilot.press("h")  # leaf: up to the parent topic
        await pilot.pause()
        assert tree.cursor_node is not None and tree.cursor_node.data == "uses"
        await pilot.press("left")  # expanded topic: collapse
        await pilot.pause()
        assert not tree.cursor_node.is_expanded
        await pilot.press("l")  # collapsed: expand
        await pilot.pause()
        assert tree.cursor_node.is_expanded
        await pilot.press("right")  # expanded: into the first section
        await pilot.pause()
        assert main_screen(app).current == "uses/anti-thrombosis"


async def test_enter_on_a_collapsed_topic_expands_it(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.screen.query_one(TopicTree)
        await pilot.press("j")  # Overview is open at start; j reaches its first section
        await pilot.press("h", "h")  # back to Overview and collapse it
        await pilot.press("j", "enter")  # Uses
        await pilot.pause()
        assert tree.cursor_node is not None and tree.cursor_node.data == "uses"
        assert tree.cursor_node.is_expanded
        assert isinstance(app.focused, TopicTree)


async def test_tab_moves_focus_between_tree_and_reader(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test() as pilot:
        assert isinstance(app.focused, TopicTree)
        await pilot.press("tab")
        assert isinstance(app.focused, Reader)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, TopicTree)


async def test_back_and_forward_through_visited_nodes(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("4", "j", "j")  # mechanism, then the cursor passes bdnf to enkephalins
        await pilot.press("5")
        await pilot.pause()
        assert screen.current == "research"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.current == "mechanism/enkephalins"  # the cursor's last stop, not every line
        await pilot.press("[")
        await pilot.pause()
        assert screen.current == "mechanism"
        await pilot.press("alt+left")
        await pilot.pause()
        assert screen.current == "overview"
        await pilot.press("]", "alt+right")
        await pilot.pause()
        assert screen.current == "mechanism/enkephalins"
        tree = app.screen.query_one(TopicTree)
        assert tree.cursor_node is not None and tree.cursor_node.data == "mechanism/enkephalins"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.current == "research"


async def test_g_and_G_home_and_end_scroll_the_reader(pack: Pack) -> None:
    app = make_app(pack, start="glossary")
    async with app.run_test(size=(100, 24)) as pilot:
        reader = app.screen.query_one(Reader)
        await pilot.press("tab")  # the reader: g and G mean its top and bottom
        await pilot.press("G")
        await settled(pilot)
        assert reader.scroll_y == reader.max_scroll_y > 0
        await pilot.press("g")
        await settled(pilot)
        assert reader.scroll_y == 0
        await pilot.press("end")
        await settled(pilot)
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("home")
        await settled(pilot)
        assert reader.scroll_y == 0
        await pilot.press("shift+tab", "G")  # the tree: G is its last row, as in any list
        await settled(pilot)
        tree = app.screen.query_one(TopicTree)
        assert tree.cursor_line == tree.last_line


async def test_t_toggles_light_and_dark(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test() as pilot:
        dark = app.current_theme.dark
        await pilot.press("t")
        assert app.current_theme.dark is not dark
        await pilot.press("t")
        assert app.current_theme.dark is dark


async def test_command_palette_opens_any_section(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"enkephalins")
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert main_screen(app).current in {"mechanism/enkephalins", "glossary/enkephalin"}


async def test_q_quits(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test() as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_start_topic_opens_there(pack: Pack) -> None:
    app = make_app(pack, start="mechanism/bdnf")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert main_screen(app).current == "mechanism/bdnf"
        assert "BDNF: growth of nerve cells" in screen_text(app)


async def test_evidence_badges_and_provenance_are_shown(pack: Pack) -> None:
    app = make_app(pack, start="research/stroke-recovery-trial")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        text = screen_text(app)
        assert "Reported trial · 100 patients" in text
        assert "Source: What is Semax? (promotional article), ¶10" in text
        # The badge explains itself when the mouse rests on it, and only there.
        view = app.screen.query_one(Reader).view_of("research/stroke-recovery-trial")
        assert view is not None
        row = view_lines(app, "research/stroke-recovery-trial", view.content_size.width).index(
            " Reported trial · 100 patients"
        )
        left = view.content_region.x - view.region.x
        await pilot.hover(view, offset=(left + 3, row))
        assert view.tooltip == EVIDENCE_BY_ID["clinical-trial"].meaning
        await pilot.hover(view, offset=(left + 3, row + 2))
        assert view.tooltip is None


async def test_editorial_note_is_shown(pack: Pack) -> None:
    app = make_app(pack, start="overview/clinical-use")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        text = screen_text(app)
        assert "Editorial note" in text and "overstates" in text


async def test_outside_facts_are_shown_in_an_editorial_box_apart_from_the_note(pack: Pack) -> None:
    """What the article does not say is headed Editorial, in its own box after the text;
    the overstatement flag keeps its own box; see-also and the source follow."""
    app = make_app(pack, start="uses/metal-toxicities")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        lines = view_lines(app, "uses/metal-toxicities")
        editorial = lines.index("█ Editorial")
        assert lines[editorial + 1] == "█ Metal toxicity is poisoning by metals such as lead or mercury."
        note = lines.index("█ Editorial note")
        assert editorial < note < lines.index("See also: Safety and status › Regulatory status")
        assert lines[-1] == "Source: What is Semax? (promotional article), ¶4, ¶4.7"
        assert not any("lead or mercury" in line for line in lines[:editorial])


async def test_a_topic_summary_shows_its_label_and_source(pack: Pack) -> None:
    app = make_app(pack, start="uses")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        lines = view_lines(app, "uses")
        assert lines[:4] == ["Uses", "─" * 200, "", " Claimed, no study"]
        assert "█ Editorial note" in lines
        assert "See also: Safety and status › Regulatory status" in lines
        assert "Source: What is Semax? (promotional article), ¶4" in lines


@pytest.mark.parametrize("size", [(60, 24), (69, 30)])
async def test_narrow_terminal_makes_the_tree_a_sidebar(pack: Pack, size: tuple[int, int]) -> None:
    app = make_app(pack)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(TopicTree)
        assert not tree.display or tree.styles.display == "none" or not tree.region.width
        await pilot.press("s")
        await pilot.pause()
        assert tree.region.width > 0 and app.focused is tree
        await pilot.press("3", "j", "enter")  # opening a section hides the sidebar again
        await settled(pilot)
        assert tree.region.width == 0
        assert isinstance(app.focused, Reader)


async def test_wide_terminal_can_hide_the_tree(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.screen.query_one(TopicTree)
        assert tree.region.width > 0
        await pilot.press("s")
        await pilot.pause()
        assert tree.region.width == 0 and isinstance(app.focused, Reader)


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_nothing_is_cut_off(pack: Pack, size: tuple[int, int]) -> None:
    app = make_app(pack)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        tree, reader = app.screen.query_one(TopicTree), app.screen.query_one(Reader)
        assert tree.region.right <= reader.region.x
        assert reader.region.right <= size[0]
        assert reader.content_region.width >= 40
        text = screen_text(app)
        assert "Help" in text.splitlines()[-1] and "Quit" in text.splitlines()[-1]


async def test_hostile_pack_text_renders_literally(raw_pack: dict[str, Any], retitle: Any) -> None:
    raw = retitle(raw_pack, "overview", "[bold red]Over[/]view [@click=app.quit]x[/]")
    raw = retitle(raw, "overview/origins", "Origins \x1b]0;pwned\x07[link=https://evil]here[/link]")
    app = make_app(build_content(raw))
    async with app.run_test(size=(160, 40)) as pilot:
        await settled(pilot)
        text = screen_text(app)
        assert "[bold red]Over[/]view [@click=app.quit]x[/]" in text
        assert "Origins ␛]0;pwned␇[link=https://evil]here[/link]" in text
        assert view_lines(app, "overview/origins")[1].startswith("Origins ␛]0;pwned")
        assert app.is_running


async def test_no_color_still_works(pack: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(pack, start="research")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert app.no_color
        assert "Reported trial · 100 patients" in screen_text(app)


async def test_keys_typed_in_a_burst_are_not_lost(pack: Pack) -> None:
    """A jump followed at once by j j must move from the topic jumped to."""
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "j", "j", "4", "j")
        await settled(pilot)
        assert main_screen(app).current == "mechanism/bdnf"
        await pilot.press("3", "j", "j")
        await settled(pilot)
        assert main_screen(app).current == "benefits/diabetic-neuropathy"
