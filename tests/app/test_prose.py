"""The Markdown subset renderer: structure kept, nothing interpreted as markup."""

from __future__ import annotations

from tui.app.widgets.commonmark_blocks import PARSER, inline_content
from tui.app.widgets.prose import parse_blocks, render_lines


def inline(markdown: str) -> str:
    tokens = PARSER.parse(markdown)
    return inline_content(tokens[1].children or []).plain


def lines(markdown: str, width: int = 30) -> list[str]:
    return [line.plain for line in render_lines(parse_blocks(markdown), width)]


def test_emphasis_is_styled_not_shown() -> None:
    tokens = PARSER.parse("a **b** *c*")
    content = inline_content(tokens[1].children or [])
    assert content.plain == "a b c"
    assert [(s.start, s.end, s.style) for s in content.spans] == [(2, 3, "bold"), (4, 5, "italic")]


def test_links_show_their_address() -> None:
    assert inline("see [the site](https://example.org)") == "see the site (https://example.org)"
    assert inline("<https://example.org>") == "https://example.org"


def test_markup_and_escapes_stay_literal() -> None:
    assert inline("[bold red]x[/] [@click=app.quit]y[/]") == "[bold red]x[/] [@click=app.quit]y[/]"
    assert inline("a\x1b[2Jb") == "a␛[2Jb"


def test_paragraphs_are_wrapped_and_separated() -> None:
    assert lines("one two three four five six seven eight\n\nnext", 20) == [
        "one two three four",
        "five six seven eight",
        "",
        "next",
    ]


def test_list_items_hang_under_their_text() -> None:
    assert lines("Intro.\n\n- alpha beta gamma delta epsilon\n- b\n  - nested\n\n1. one\n2. two", 20) == [
        "Intro.",
        "",
        "• alpha beta gamma",
        "  delta epsilon",
        "• b",
        "  • nested",
        "",
        "1. one",
        "2. two",
    ]


def test_quotes_headings_and_code() -> None:
    assert lines("# Title\n\n> quoted [x]\n\n```\ncode [x] that is long\n```", 12) == [
        "Title",
        "",
        "▎ quoted [x]",
        "",
        "code [x] tha",
        "t is long",
    ]
