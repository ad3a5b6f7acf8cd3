"""Evidence you can see and filter: the legend, the evidence view, the tree kept to a
minimum strength, badge colours in every theme (and on 256 colours), and the theme chosen
in the palette remembered."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from rich.color import ColorSystem
from textual.color import Color
from textual.command import CommandList
from textual.widgets import DataTable, OptionList

from tests.app.conftest import main_screen, make_app, screenshot_text, settled, until
from tests.hostile import EVERYTHING, MARKUP, hostile_pack, unsafe_in
from tui.app.flows.evidence import FILTERS
from tui.app.screens.claims import ClaimsScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.legend import LegendScreen
from tui.app.screens.search import SearchScreen
from tui.app.theme_colours import NEIGHBOURS, READABLE, ROLES, contrast
from tui.app.widgets.reader import Reader
from tui.app.widgets.section_view import SectionView
from tui.app.widgets.topic_tree import TopicTree
from tui.content import EVIDENCE_LEVELS, Pack
from tui.content.claims import claims, legend, legend_entry
from tui.content.validate import build_content
from tui.store import UserStore, data_dir

BADGES = [f"section--badge-strength-{strength}" for strength in (4, 3, 2, 1, 0)] + ["section--badge-editorial"]
"""The badges from the strongest label to none, then the Editorial badge (beside strength 0)."""


async def test_the_legend_shows_every_label_its_meaning_and_count(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(100, 60)) as pilot:
        await settled(pilot)
        await pilot.press("L")
        await until(pilot, lambda: isinstance(app.screen, LegendScreen))
        await settled(pilot)
        shown = app.screen.query_one(SectionView).plain_lines(200)
        for row in legend(pack):
            label, meaning = legend_entry(row)
            assert shown[shown.index(f" {label} ") + 1] == meaning
        assert "Reported trial" in screenshot_text(app)
        await pilot.press("j", "G", "g", "escape")
        await until(pilot, lambda: not isinstance(app.screen, LegendScreen))
        assert main_screen(app)
        await pilot.press("L")  # c from the legend: on to the evidence view
        await until(pilot, lambda: isinstance(app.screen, LegendScreen))
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ClaimsScreen))
        assert isinstance(app.screen, ClaimsScreen)
        await pilot.press("escape", "L")
        await until(pilot, lambda: isinstance(app.screen, LegendScreen))
        await pilot.press("F")  # F from the legend: the tree's filter
        await until(pilot, lambda: not isinstance(app.screen, LegendScreen))
        assert main_screen(app).query_one(TopicTree).minimum == FILTERS[1]


async def test_the_help_lists_the_labels_in_the_legends_words(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = help_screen.rows
        at = rows.index(("", "Evidence labels"))
        assert rows[at + 1 :] == [legend_entry(row) for row in legend(pack)]


async def test_the_evidence_view_sorts_filters_and_opens(pack: Pack) -> None:
    app = make_app(pack, start="overview")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ClaimsScreen))
        view = app.screen
        assert isinstance(view, ClaimsScreen)
        table = view.query_one(DataTable)
        keys = [str(row.key.value) for row in table.ordered_rows]
        assert len(keys) == len(claims(pack)) and keys[0] == "research/stroke-recovery-trial"
        assert table.get_row_at(0)[1].plain == "Stroke recovery trial"
        await pilot.press("s")  # weakest first
        assert pack.node(str(table.ordered_rows[0].key.value)).evidence_level.strength == 0  # type: ignore[union-attr]
        await pilot.press("s", "s")  # the tree's order, then strongest first again
        assert view.sort == 0
        await pilot.press("f")  # only the strongest label
        shown = {pack.node(str(row.key.value)).evidence for row in table.ordered_rows}
        assert shown == {EVIDENCE_LEVELS[0].id} and view.label == "clinical-trial"
        assert "2 sections · strongest first · only Reported trial" in screenshot_text(app)
        for _ in range(len(EVIDENCE_LEVELS)):
            await pilot.press("f")
        assert view.label is None and table.row_count == len(claims(pack))
        await pilot.press("g", "j", "j", "k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g", "j", "enter")
        await until(pilot, lambda: not isinstance(app.screen, ClaimsScreen))
        await settled(pilot)
        screen = main_screen(app)
        assert screen.current == "research/cerebrovascular-trial"
        assert isinstance(app.focused, Reader)


async def test_escape_leaves_the_evidence_view_without_moving(pack: Pack) -> None:
    app = make_app(pack, start="mechanism/bdnf")
    async with app.run_test(size=(60, 20)) as pilot:
        await settled(pilot)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ClaimsScreen))
        await pilot.press("j", "escape")
        await until(pilot, lambda: not isinstance(app.screen, ClaimsScreen))
        assert main_screen(app).current == "mechanism/bdnf"


async def test_the_tree_keeps_sections_at_or_above_a_strength(pack: Pack) -> None:
    app = make_app(pack, start="research/optic-nerve-studies")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen = main_screen(app)
        tree = screen.query_one(TopicTree)
        every = set(tree.row_ids)
        title = screenshot_text(app).splitlines()[0]
        assert "evidence ≥" not in title
        for minimum in FILTERS[1:]:
            await pilot.press("F")
            await settled(pilot)
            assert tree.minimum == minimum
            topics = {topic.id for topic in pack.topics()}
            for topic in pack.topics():  # every section of every topic, opened one by one
                tree.reveal(topic.id)
            sections = set(tree.row_ids) - topics
            expected = {row.node.id for row in claims(pack, minimum=minimum)}
            glossary = {n.id for n in pack.walk() if n.kind != "section" and n.parent and n.evidence_level
                        and n.evidence_level.strength >= minimum}  # fmt: skip
            assert sections == expected | glossary, minimum
            name = next(level.badge for level in EVIDENCE_LEVELS if level.strength == minimum)
            kept = f"({len(expected)} of {len(claims(pack))})"
            assert f"evidence ≥ {name} {kept}" in screenshot_text(app).splitlines()[0]
        await pilot.press("F")  # after the weakest: every section again
        await settled(pilot)
        top = screenshot_text(app).splitlines()[0]
        assert tree.minimum is None and "evidence ≥" not in top and "Semax Explorer" in top
        for topic in pack.topics():
            tree.reveal(topic.id)
        assert set(tree.row_ids) == every | {n.id for n in pack.walk()}


async def test_a_section_filtered_out_leaves_the_cursor_on_its_topic(pack: Pack) -> None:
    app = make_app(pack, start="uses/adhd")  # a bare claim
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("F")  # at least a reported trial
        await settled(pilot)
        screen = main_screen(app)
        tree = screen.query_one(TopicTree)
        assert screen.current == "uses/adhd"  # still read
        assert tree.node_under_cursor == "uses"
        await pilot.press("5", "j")  # Research: its first section is a reported trial
        await settled(pilot)
        assert screen.current == "research/stroke-recovery-trial"
        await pilot.press("j", "j", "j")  # over the other trial, to the next topic: no bare claims
        await settled(pilot)
        assert screen.current is not None and pack.node(screen.current).kind == "topic"


def _eight_bit(colour: Color) -> int | None:
    return colour.rich_color.downgrade(ColorSystem.EIGHT_BIT).number


async def test_every_theme_keeps_neighbouring_strengths_apart(pack: Pack) -> None:
    """Every registered theme: the badges of neighbouring strengths (and the two badges of
    strength 0, and the three boxes) never share a colour, in true colour or on a
    256-colour terminal; each badge's text is readable on it."""
    app = make_app(pack, start="research/stroke-recovery-trial")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        reader = main_screen(app).query_one(Reader)
        assert len(app.available_themes) >= 10
        for theme in app.available_themes:
            app.theme = theme
            await pilot.pause()
            backgrounds = [reader.get_component_styles(name).background for name in BADGES]
            for strength, (upper, lower) in enumerate(pairwise(backgrounds)):
                assert upper != lower, (theme, strength)
                assert _eight_bit(upper) != _eight_bit(lower), (theme, strength, _eight_bit(upper))
            for name, background in zip(BADGES, backgrounds, strict=True):
                assert background.a == 1, (theme, name)  # a solid badge: the colour is the one chosen
                text = reader.get_component_styles(name).color
                assert contrast(text, background) >= READABLE, (theme, name, text, background)
            variables = app.get_css_variables()
            for first, second in NEIGHBOURS:
                one, other = Color.parse(variables[first]), Color.parse(variables[second])
                assert _eight_bit(one) != _eight_bit(other), (theme, first, second)
            assert set(ROLES) <= set(variables)


def _listed(app: Any) -> bool:
    """The palette lists what it found for what was typed."""
    lists = app.screen.query(CommandList)
    return bool(lists) and lists.first().option_count > 0


async def test_the_theme_chosen_in_the_palette_is_remembered(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme")  # Textual's "Theme: Change the current theme"
        await until(pilot, lambda: _listed(app))
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press(*"nord")
        await until(pilot, lambda: _listed(app))
        await pilot.press("enter")
        await settled(pilot)
        assert app.theme == "nord"
        await until(pilot, lambda: app.store.settings().theme == "nord")
        assert app.store.settings().theme == "nord"
    again = make_app(pack)
    assert again.theme == "nord"
    async with again.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert again.theme == "nord"
        await pilot.press("t")  # and t still switches, and is remembered
        await settled(pilot)
    assert UserStore.open(data_dir()).settings().theme == again.theme != "nord"


async def test_the_hostile_pack_in_the_legend_view_and_filter(raw_pack: dict[str, Any]) -> None:
    raw = hostile_pack(raw_pack)
    for section in raw["sections"].values():
        if section.get("evidence_detail"):
            section["evidence_detail"] = section["evidence_detail"] + " " + EVERYTHING
    app = make_app(build_content(raw), start="research/stroke-recovery-trial")
    async with app.run_test(size=(140, 45)) as pilot:
        await settled(pilot)
        await pilot.press("L")
        await until(pilot, lambda: isinstance(app.screen, LegendScreen))
        assert unsafe_in(screenshot_text(app)) == []
        await pilot.press("escape", "c")
        await until(pilot, lambda: isinstance(app.screen, ClaimsScreen))
        await settled(pilot)
        text = screenshot_text(app)
        assert unsafe_in(text) == [] and app.is_running
        assert "[@click=app.quit]" in text or "[@click=app.qu" in text  # shown, not obeyed
        await pilot.press("s", "f", "f", "s", "enter")
        await until(pilot, lambda: not isinstance(app.screen, ClaimsScreen))
        await pilot.press("F", "F", "F", "F", "F")
        await settled(pilot)
        assert unsafe_in(screenshot_text(app)) == [] and app.is_running
    assert MARKUP


@pytest.mark.parametrize("keys", [["F"] * 12, ["c", "s", "f", "j", "enter", "F", "L", "escape", "F"]])
async def test_keys_in_a_burst(pack: Pack, keys: list[str]) -> None:
    app = make_app(pack, start="benefits/adhd")
    async with app.run_test(size=(60, 20)) as pilot:
        await settled(pilot)
        await pilot.press(*keys)
        await settled(pilot)
        assert app.is_running
        screen = main_screen(app)
        tree = screen.query_one(TopicTree)
        assert tree.minimum in FILTERS


async def test_searching_a_label_finds_and_marks_its_sections(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await pilot.press(*'"proposed mechanism"')
        await until(pilot, lambda: app.screen.query_one(OptionList).option_count > 0)
        await settled(pilot)
        for row in claims(pack, label="mechanism"):
            assert f"{row.topic} › {row.node.title}" in screenshot_text(app)
        await pilot.press("enter")
        await settled(pilot)
        screen = main_screen(app)
        view = screen.query_one(Reader).view_of(screen.current or "")
        assert view is not None and view.match_lines  # the badge's words are marked
