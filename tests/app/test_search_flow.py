"""Search in the app: /, live results, enter opens with marks, n / N, escape goes back."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList

from tests.app.conftest import main_screen, make_app, reader_at_rest, screen_text, settled, until
from tui.app.app import SemaxExplorer
from tui.app.screens.main import MainScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.key_bar import KeyBar
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
        await settled(pilot)
        options = app.screen.query_one(OptionList)
        assert options.option_count >= 2
        assert "Benefits › Glaucoma and optic neuropathy" in screen_text(app)
        await pilot.press(*"oma optic")
        await settled(pilot)
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
        await settled(pilot)
        assert not reader.highlighting
        assert not any(v.match_lines for v in reader.query(SectionView).results(SectionView))


async def test_n_never_opens_a_note(pack: Pack) -> None:
    """Issue 19's journey: after a search, escape and tab, n typed six times stepped into
    a note and the keys after it went into the note as text. n is only ever search."""
    app = make_app(pack, start="uses/adhd")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("n")
        await settled(pilot)
        assert isinstance(app.screen, MainScreen) and "No search yet" in screen_text(app)
        await pilot.press("slash", *"glaucoma", "enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.current != "uses/adhd")
        await pilot.press("escape", "tab", *"nnnnnn", "q")
        await settled(pilot)
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
        await settled(pilot)
        await pilot.press("escape")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.current == "research/optic-nerve-studies"


async def test_typo_shows_what_it_searched(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"enkefalin")
        await settled(pilot)
        assert "showing results for enkephalin" in screen_text(app)


async def test_hostile_queries_do_not_crash(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        for text in ["[", "(", "*", "\\", "[bold]", "[@click=app.quit]"]:
            app.screen.query_one(Input).value = text
            await settled(pilot)
        assert app.is_running and isinstance(app.screen, SearchScreen)


async def test_notes_are_searched_and_ranked_last(pack: Pack) -> None:
    app = make_app(pack)
    app.store.save_note("uses/adhd", "ask about glaucoma drops")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"glaucoma")
        await settled(pilot)
        text = screen_text(app)
        assert "your note on Uses › ADHD" in text
        assert text.index("Benefits › Glaucoma") < text.index("your note on Uses › ADHD")


async def test_last_query_is_offered_again(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"stroke", "enter")
        await settled(pilot)
        await pilot.press("slash")
        await settled(pilot)
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
        await settled(pilot)
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


def key_bar_status(app: SemaxExplorer) -> str:
    return main_screen(app).query_one(KeyBar).status


async def test_n_counts_and_goes_on_through_every_section_and_topic_then_wraps(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"stroke ", "enter")
        await settled(pilot)
        screen = main_screen(app)
        flow = screen.search
        total = len(flow.matches)
        chosen = screen.current
        assert chosen is not None and total > 10
        # The results' matches in tree order, in several topics.
        order = [pack.position(node) for node, _ in flow.matches]
        assert order == sorted(order)
        topics = {pack.breadcrumb(node)[0].id for node, _ in flow.matches}
        assert len(topics) >= 3
        first = next(i for i, (node, _) in enumerate(flow.matches) if node == chosen)
        assert key_bar_status(app) == f"match {first + 1} of {total}"
        assert f"match {first + 1} of {total}" in screen_text(app).splitlines()[-1]
        visited = {chosen}
        for step in range(first + 2, total + 1):
            await pilot.press("n")
            await settled(pilot)
            node, number = flow.matches[step - 1]
            assert key_bar_status(app) == f"match {step} of {total}"
            assert screen.current == node  # into the next section and topic
            visited.add(node)
            # The match is on screen, in the view of the node read.
            reader = screen.query_one(Reader)
            view = reader.view_of(node)
            assert view is not None
            row = view.region.y + view.match_rows[min(number, len(view.match_rows) - 1)]
            assert reader.region.y <= row < reader.region.bottom
        assert visited >= {node for node, _ in flow.matches[first:]}
        await pilot.press("n")  # past the last: the first, and it says so
        await settled(pilot)
        assert key_bar_status(app) == f"match 1 of {total}"
        assert screen.current == flow.matches[0][0]
        assert "search hit bottom, continuing at top" in screen_text(app)
        await pilot.press("N")  # before the first: the last
        await settled(pilot)
        assert key_bar_status(app) == f"match {total} of {total}"
        assert "search hit top, continuing at bottom" in screen_text(app)
        # The marks and the count stay while reading on, until escape.
        await pilot.press("g")
        await settled(pilot)
        assert screen.query_one(Reader).highlighting and key_bar_status(app)
        await pilot.press("escape")
        await settled(pilot)
        assert not screen.query_one(Reader).highlighting and key_bar_status(app) == ""
        # n marks them again and goes on from where the reader is now (g: the topic's head).
        here = pack.position(screen.current or "")
        expected = next(i for i, (node, _) in enumerate(flow.matches) if pack.position(node) >= here)
        await pilot.press("n")
        await settled(pilot)
        assert screen.query_one(Reader).highlighting
        assert key_bar_status(app) == f"match {expected + 1} of {total}"


@pytest.mark.parametrize("query", ["stroke ", "semax ", "bdnf ", "optic nerve ", "trial "])
async def test_the_count_agrees_with_the_words_marked(pack: Pack, query: str) -> None:
    app = make_app(pack)
    async with app.run_test(size=(90, 30)) as pilot:
        await settled(pilot)
        await pilot.press("slash", *query, "enter")
        await settled(pilot)
        screen = main_screen(app)
        counted: dict[str, int] = {}
        for node, _ in screen.search.matches:
            counted[node] = counted.get(node, 0) + 1
        for node, count in counted.items():
            screen.open(node)
            await until(pilot, lambda node=node: reader_at_rest(app) and screen.current == node)  # type: ignore[misc]
            view = screen.query_one(Reader).view_of(node)
            assert view is not None and len(view.match_rows) == count, node


async def test_a_result_matched_only_in_a_note_is_counted(pack: Pack) -> None:
    app = make_app(pack, start="uses/adhd")
    app.store.save_note("uses/adhd", "zebrafish one\nzebrafish two")
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"zebrafish ", "enter")
        await settled(pilot)
        assert key_bar_status(app) == "match 1 of 2"
        await pilot.press("n", "n")
        await settled(pilot)
        assert key_bar_status(app) == "match 1 of 2"
