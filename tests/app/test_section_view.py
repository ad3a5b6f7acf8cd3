"""A section drawn as one widget: its parts laid out as lines, styled from the stylesheet."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.content import Content

from tui.app.app import STYLES
from tui.app.theme_colours import role_variables
from tui.app.widgets.prose import parse_blocks
from tui.app.widgets.section_view import SECTION_STYLES, Box, Gap, Markdown, Rule, SectionView, Text


class Words:
    """Marks every occurrence of one word (what a search's highlight does)."""

    def __init__(self, word: str) -> None:
        self.word = word

    def spans(self, text: str) -> list[tuple[int, int]]:
        spans, start = [], text.find(self.word)
        while start >= 0:
            spans.append((start, start + len(self.word)))
            start = text.find(self.word, start + 1)
        return spans


PARTS = [
    Text(Content("A title"), "title"),
    Rule("rule"),
    Gap(),
    Markdown(parse_blocks("word " * 12)),
    Gap(),
    Box((Text(Content("Editorial note"), "note-title", searchable=False), Text(Content("a word here"))), "note-edge",
        "note-fill"),
    Gap(),
]  # fmt: skip


class Document(Vertical):
    """Declares the views' styles, as the reader does."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(SECTION_STYLES)


class ViewApp(App[None]):
    CSS_PATH = STYLES / "reader.tcss"

    def get_css_variables(self) -> dict[str, str]:
        """The stylesheet names the colours the explorer gives evidence and boxes (as the app does)."""
        variables = super().get_css_variables()
        return {**variables, **role_variables(variables)}

    def compose(self) -> ComposeResult:
        with Document():
            yield SectionView("x", PARTS)


async def test_parts_are_laid_out_as_lines_and_height_follows_width() -> None:
    app = ViewApp()
    async with app.run_test(size=(30, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(SectionView)
        assert [line.rstrip() for line in view.plain_lines(30)] == [
            "A title",
            "─" * 30,
            "",
            "word word word word word word",
            "word word word word word word",
            "",
            "█ Editorial note",
            "█ a word here",
        ]  # the trailing gap is dropped: margins space views apart
        assert view.size.height == 8
        await pilot.resize_terminal(15, 20)
        await pilot.pause()
        assert view.size.height == len(view.plain_lines(15)) == 11  # four lines of words, the label on two


async def test_a_box_is_tinted_across_the_whole_width() -> None:
    app = ViewApp()
    async with app.run_test(size=(30, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(SectionView)
        plain = view.render_line(3)
        boxed = view.render_line(7)
        assert boxed.cell_length == plain.cell_length == 30
        assert boxed.text.startswith("█ a word here")
        widget_background = view.rich_style.bgcolor
        # To its last cell the box's row keeps the note's tint, not the widget's background.
        last_cell = {s.style.bgcolor for s in boxed.crop(29, 30) if s.style}
        assert last_cell and widget_background not in last_cell
        assert {s.style.bgcolor for s in plain if s.style} == {widget_background}


async def test_colours_follow_a_change_of_theme() -> None:
    """Lines are cached; a theme switch must redraw them (a light reader once kept the
    dark theme's background behind its text)."""
    app = ViewApp()
    app.theme = "textual-dark"
    async with app.run_test(size=(30, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(SectionView)
        dark = {s.style.bgcolor for s in view.render_line(3) if s.style}
        app.theme = "textual-light"
        await pilot.pause()
        light = {s.style.bgcolor for s in view.render_line(3) if s.style}
        assert light == {view.rich_style.bgcolor} and light != dark


async def test_a_search_marks_words_in_text_and_notes_not_in_labels() -> None:
    app = ViewApp()
    async with app.run_test(size=(30, 20)) as pilot:
        await pilot.pause()
        view = app.query_one(SectionView)
        assert view.match_lines == []
        view.highlight(Words("word"))
        await pilot.pause()
        assert view.match_lines == [3, 4, 7]
        marked = [s.text for s in view.render_line(7) if s.style and s.style.reverse]
        assert marked == ["word"]
        view.highlight(Words("note"))  # only in the label, which is not searchable
        await pilot.pause()
        assert view.match_lines == []
        view.highlight(None)
        await pilot.pause()
        assert not any(s.style and s.style.reverse for s in view.render_line(3))
