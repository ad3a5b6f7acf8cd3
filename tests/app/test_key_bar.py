"""The key bar: the main screen's shown keys, from its one declaration, and usable by mouse."""

from __future__ import annotations

from tests.app.conftest import make_app, screen_text, until
from tui.app import commands
from tui.app.screens.help import HelpScreen
from tui.app.widgets.key_bar import KeyBar
from tui.content import Pack


def shown_bindings() -> list[tuple[str, str]]:
    """(first key, name) of each command declared with show=True (tui.app.commands)."""
    return [(command.key_list[0], command.name) for command in commands.MAIN if command.show]


async def test_shows_the_declared_keys_in_order_then_the_palette_at_the_right(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        slots = bar.slots
        assert [(s.key, s.description) for s in slots if not s.palette] == shown_bindings()
        assert slots[-1].palette and slots[-1].key == "ctrl+p" and slots[-1].end == 120
        last_line = screen_text(app).splitlines()[-1]
        assert last_line.startswith(" Tree  / Search  b Bookmark  a Note ")  # the focused pane first
        assert last_line.endswith("▏ ctrl+p Find")


async def test_a_narrow_bar_keeps_the_essential_keys_then_whole_others_and_the_palette(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(50, 24)) as pilot:
        await pilot.pause()
        slots = app.screen.query_one(KeyBar).slots
        keys = [s for s in slots if not s.palette]
        assert 0 < len(keys) < len(shown_bindings())
        names = [s.description for s in keys]
        assert {"Tree", "Help", "Quit"} <= set(names)  # however narrow: help, leaving, the tree
        declared = [name for _, name in shown_bindings()]
        assert names == [name for name in declared if name in names]  # still in declared order
        assert slots[-1].palette and slots[-1].end == 50
        assert keys[-1].end < slots[-1].start  # the separator fits between them
        last_line = screen_text(app).splitlines()[-1]
        assert keys[-1].description in last_line and last_line.rstrip().endswith("Find")
        for slot in keys:  # no key is cut: each is drawn whole
            assert f"{slot.key_display} {slot.description}" in last_line


async def test_clicking_a_key_presses_it_and_hovering_shows_its_tooltip(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        search = next(s for s in bar.slots if s.description == "Search")
        await pilot.hover(bar, offset=(search.start + 1, 0))
        assert bar.tooltip == "Search titles, text, the glossary and your notes"
        await pilot.hover(bar, offset=(bar.slots[-1].start - 3, 0))  # the gap before the palette
        assert bar.tooltip is None
        help_slot = next(s for s in bar.slots if s.description == "Help")
        await pilot.click(bar, offset=(help_slot.start + 2, 0))
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert isinstance(app.screen, HelpScreen)


async def test_a_selected_link_never_pushes_the_essential_keys_off_a_small_bar(pack: Pack) -> None:
    """At 60 columns a link's long destination once took the room of ``q Quit``."""
    app = make_app(pack, start="benefits")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab")
        bar = app.screen.query_one(KeyBar)
        await until(pilot, lambda: "link →" in screen_text(app).splitlines()[-1])
        names = {slot.description for slot in bar.slots}
        assert {"Tree", "Help", "Quit"} <= names
        last_line = screen_text(app).splitlines()[-1]
        assert "q Quit" in last_line and "…" in last_line
