"""Markdown shown as plain Static widgets, laid out in one pass.

Textual's ``Markdown`` widget builds its blocks after it is mounted, so the height of a
document keeps changing for a moment, and scrolling a section to the top lands in the
wrong place. Packs use a small part of Markdown (paragraphs, lists, emphasis, quotes),
so this renders that part, and shows anything else as literal text, straight into
``Content`` objects: nothing is parsed as markup, and the layout is final at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tui.textsafe import for_terminal

_PARSER = MarkdownIt("commonmark", {"html": False})
_INLINE_STYLES = {"strong": "bold", "em": "italic", "s": "strike", "link": "underline"}


def inline_content(tokens: Sequence[Token]) -> Content:
    """The children of an ``inline`` token as styled, literal Content.

    A link shows its address after its text, so no target is hidden from the reader.
    """
    parts: list[tuple[str, str]] = []
    active: list[str] = []
    links: list[tuple[str, int]] = []  # (href, index in parts where its text starts)
    for token in tokens:
        kind, _, edge = token.type.rpartition("_")
        if edge == "open" and kind in _INLINE_STYLES:
            active.append(_INLINE_STYLES[kind])
            if kind == "link":
                links.append((str(token.attrs.get("href", "")), len(parts)))
        elif edge == "close" and kind in _INLINE_STYLES:
            if active:
                active.pop()
            if kind == "link" and links:
                href, first = links.pop()
                text = "".join(text for text, _ in parts[first:])
                if href and href not in (text, f"mailto:{text}"):
                    parts.append((f" ({for_terminal(href)})", "dim"))
        elif token.type == "softbreak":
            parts.append((" ", ""))
        elif token.type == "hardbreak":
            parts.append(("\n", ""))
        else:
            style = [*active, "bold"] if token.type == "code_inline" else active
            parts.append((for_terminal(token.content or ""), " ".join(style)))
    return Content.assemble(*parts)


class Prose(Vertical):
    """A Markdown string as paragraphs, list items, quotes and code, each a Static."""

    def __init__(self, markdown: str, *, classes: str | None = None) -> None:
        super().__init__(classes=f"prose {classes or ''}".strip())
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        yield from _blocks(_PARSER.parse(self.markdown))


def _blocks(tokens: list[Token]) -> Iterator[Widget]:
    """Widgets for a token stream, one per paragraph-like block."""
    depth = 0  # list nesting
    quote = 0
    bullets: list[int | None] = []  # per list level: next number, or None for bullets
    pending_marker: str | None = None
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrs.get("start", 1) if kind == "ordered_list_open" else None
            bullets.append(int(start) if start is not None else None)
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            bullets.pop()
            depth -= 1
        elif kind == "list_item_open":
            number = bullets[-1]
            pending_marker = "•" if number is None else f"{number}."
            if number is not None:
                bullets[-1] = number + 1
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "inline":
            text = inline_content(token.children or [])
            classes = "-quote" if quote else ""
            if pending_marker is not None:
                yield _list_item(pending_marker, text, depth, classes)
                pending_marker = None
            elif token.level and depth:
                yield _list_item("", text, depth, classes)  # a list item's later paragraph
            else:
                heading = _heading_class(tokens, token)
                yield Static(text, classes=f"p {heading} {classes}".strip())
        elif kind in ("fence", "code_block"):
            yield Static(Content(for_terminal(token.content.rstrip("\n"))), classes="code")
        elif kind == "hr":
            yield Static(Content("―" * 3), classes="p hr")
        elif kind == "html_block":
            yield Static(Content(for_terminal(token.content.rstrip("\n"))), classes="p")


def _heading_class(tokens: list[Token], inline: Token) -> str:
    index = tokens.index(inline)
    opener = tokens[index - 1] if index else None
    return f"h {opener.tag}" if opener is not None and opener.type == "heading_open" else ""


def _list_item(marker: str, text: Content, depth: int, classes: str) -> Horizontal:
    return Horizontal(
        Static(marker, classes="marker"),
        Static(text, classes="item-text"),
        classes=f"li -depth-{min(depth, 4)} {classes}".strip(),
    )
