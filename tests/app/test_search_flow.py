"""Search in the app: /, live results, enter opens with marks, n / N, escape goes back."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList

from tests.app.conftest import make_app, screen_text, settled, until
from tui.app.screens.main import MainScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.reader import Reader
from tui.app.widgets.section_view import SectionView
from tui.content import Pack


async def test_results_update_as_you_type(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"glauc")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.option_count >= 2
        assert "Benefits › Glaucoma and optic neuropathy" in screen_text(app)
        await pilot.press(*"oma optic")
        await pilot.pause()
        assert "results" in screen_text(app)


async def test_enter_opens_and_marks_then_n_and_N_step(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.press("slash", *"enkephalins", "enter")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.current == "mechanism/enkephalins"
        reader = screen.query_one(Reader)
        assert app.focused is reader and reader.highlighting
        marked = [v for v in reader.query(SectionView).results(SectionView) if v.match_lines]
        assert marked, "no word was marked in the reader"
        start = reader.scroll_y
        await pilot.press("n")
        await settled(pilot)
        after_n = reader.scroll_y
        assert after_n != start
        await pilot.press("N")
        await settled(pilot)
        assert reader.scroll_y < after_n
        await pilot.press("escape")  # clears the marks
        await pilot.pause()
        assert not reader.highlighting
        assert not any(v.match_lines for v in reader.query(SectionView).results(SectionView))


async def test_n_never_opens_a_note(pack: Pack) -> None:
    """Issue 19's journey: after a search, escape and tab, n typed six times stepped into
    a note and the keys after it went into the note as text. n is only ever search."""
    app = make_app(pack, start="uses/adhd")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and "No search yet" in screen_text(app)
        await pilot.press("slash", *"glaucoma", "enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.current != "uses/adhd")
        await pilot.press("escape", "tab", *"nnnnnn", "q")
        await pilot.pause()
        assert not app.is_running or isinstance(app.screen, MainScreen)
        assert app.store.notes() == {} and app.store.drafts() == {}


async def test_a_opens_the_note(pack: Pack) -> None:
    app = make_app(pack, start="uses/adhd")
    async with app.run_test() as pilot:
        await pilot.press("tab", "a")
        await until(pilot, lambda: type(app.screen).__name__ == "NoteEditor")
        assert type(app.screen).__name__ == "NoteEditor"


async def test_escape_returns_to_where_you_were(pack: Pack) -> None:
    app = make_app(pack, start="research/optic-nerve-studies")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"stroke")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.current == "research/optic-nerve-studies"


async def test_typo_shows_what_it_searched(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"enkefalin")
        await pilot.pause()
        assert "showing results for enkephalin" in screen_text(app)


async def test_hostile_queries_do_not_crash(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        for text in ["[", "(", "*", "\\", "[bold]", "[@click=app.quit]"]:
            app.screen.query_one(Input).value = text
            await pilot.pause()
        assert app.is_running and isinstance(app.screen, SearchScreen)


async def test_notes_are_searched_and_ranked_last(pack: Pack) -> None:
    app = make_app(pack)
    app.store.save_note("uses/adhd", "ask about glaucoma drops")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"glaucoma")
        await pilot.pause()
        text = screen_text(app)
        assert "your note on Uses › ADHD" in text
        assert text.index("Benefits › Glaucoma") < text.index("your note on Uses › ADHD")


async def test_last_query_is_offered_again(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"stroke", "enter")
        await settled(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "stroke"


async def test_enter_opens_what_was_typed_when_search_waits_for_a_pause(
    pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a slow search the results follow a pause in typing; an Enter typed before the
    pause opens the query as typed, not the results of its first letters."""
    monkeypatch.setattr("tui.app.screens.search.SLOW_SEARCH", -1.0)  # every search counts as slow
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"cerebrovascular", "enter")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.current.startswith(("research/", "glossary/"))
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "cerebrovascular"


async def test_palette_lists_app_commands_and_bookmarks(pack: Pack) -> None:
    app = make_app(pack)
    app.store.toggle_bookmark("research/cerebrovascular-trial")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await settled(pilot)
        await pilot.press(*"Bookmark: cerebro")
        await settled(pilot)
        assert "Bookmark: Research › Cerebrovascular insufficiency trial" in screen_text(app)
        await pilot.press("enter")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.current == "research/cerebrovascular-trial"
        await pilot.press("ctrl+p")
        await settled(pilot)
        await pilot.press(*"Search")
        await settled(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        assert isinstance(app.screen, SearchScreen)
