"""The Markdown subset renderer: structure kept, nothing interpreted as markup."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.app.widgets.prose import _PARSER, Prose, inline_content


def inline(markdown: str) -> str:
    tokens = _PARSER.parse(markdown)
    return inline_content(tokens[1].children or []).plain


def test_emphasis_is_styled_not_shown() -> None:
    tokens = _PARSER.parse("a **b** *c*")
    content = inline_content(tokens[1].children or [])
    assert content.plain == "a b c"
    assert [(s.start, s.end, s.style) for s in content.spans] == [(2, 3, "bold"), (4, 5, "italic")]


def test_links_show_their_address() -> None:
    assert inline("see [the site](https://example.org)") == "see the site (https://example.org)"
    assert inline("<https://example.org>") == "https://example.org"


def test_markup_and_escapes_stay_literal() -> None:
    assert inline("[bold red]x[/] [@click=app.quit]y[/]") == "[bold red]x[/] [@click=app.quit]y[/]"
    assert inline("a\x1b[2Jb") == "a␛[2Jb"


class ProseApp(App[None]):
    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        yield Prose(self.markdown)


async def test_blocks_become_widgets() -> None:
    app = ProseApp(
        "# Title\n\nPara one.\n\n- a\n- b\n  - nested\n\n1. first\n2. second\n\n"
        "> quote\n\n```\ncode [x]\n```\n"
    )
    async with app.run_test() as pilot:
        await pilot.pause()
        prose = app.query_one(Prose)
        markers = [str(s.render()) for s in prose.query(".marker").results(Static)]
        assert markers == ["•", "•", "•", "1.", "2."]
        assert prose.query_one(".h").has_class("h1")
        assert len(prose.query(".-depth-2")) == 1
        assert str(prose.query_one(".code", Static).render()) == "code [x]"
        assert prose.query_one(".-quote") is not None
