"""The title bar: the breadcrumb of the open node, kept up to date, and the palette icon."""

from __future__ import annotations

from textual.command import CommandPalette

from tests.app.conftest import make_app, screen_text, until
from tui.app.screens.main import MainScreen
from tui.app.widgets.title_bar import TitleBar
from tui.content import Pack


async def test_the_top_line_follows_the_open_node(pack: Pack) -> None:
    app = make_app(pack, start="overview")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert screen_text(app).splitlines()[0].strip().endswith("Semax Explorer — Overview")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open("mechanism/bdnf")
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert "Semax Explorer — How it works › BDNF: growth of nerve cells" in top
        middle = len(top) // 2
        assert top.index("Semax") < middle < top.index("nerve cells")  # centred


async def test_a_long_breadcrumb_is_cut_short_with_an_ellipsis(pack: Pack) -> None:
    app = make_app(pack, start="mechanism/bdnf")
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert top.rstrip().endswith("…") and len(top) <= 40


async def test_clicking_the_icon_opens_the_command_palette(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(TitleBar)
        await pilot.click(bar, offset=(20, 0))  # the title itself does nothing
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.click(bar, offset=(1, 0))
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        assert isinstance(app.screen, CommandPalette)


async def test_tabs_in_a_title_are_measured_as_they_are_drawn(pack: Pack) -> None:
    """A tab takes up to eight cells when drawn: measured as one, a long title ran into the
    blank cells at the right and was cut at the edge without its "…"."""
    app = make_app(pack, start="overview")
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        app.screen.query_one(TitleBar).show_breadcrumb("a\tb\tc\t" * 8)
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert "…" in top and len(top.rstrip()) <= 80 - 10, repr(top)
