"""Any CommonMark document as ``Prose`` blocks, parsed with markdown-it.

Imported only when a text uses more than :mod:`simple_markdown` reads: markdown-it is
slow and large to import, costlier than the rest of the first frame's text
(docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.content import Content

from tui.app.widgets.prose_blocks import Block
from tui.textsafe import for_terminal

PARSER = MarkdownIt("commonmark", {"html": False})

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
        elif token.type in ("softbreak", "hardbreak"):  # styled like the words around it
            parts.append((" " if token.type == "softbreak" else "\n", " ".join(active)))
        else:
            style = [*active, "bold"] if token.type == "code_inline" else active
            parts.append((for_terminal(token.content or ""), " ".join(style)))
    return Content.assemble(*parts)


def commonmark_blocks(markdown: str) -> list[Block]:
    """The blocks of any CommonMark document, in order."""
    blocks: list[Block] = []
    numbers: list[int | None] = []  # per open list: the next number, or None for bullets
    quote = 0
    marker: str | None = None
    new_list = False  # the next item starts a top-level list: it takes the blank line
    tokens = PARSER.parse(markdown)
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrs.get("start", 1) if kind == "ordered_list_open" else None
            numbers.append(int(start) if start is not None else None)
            new_list = new_list or len(numbers) == 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            numbers.pop()
        elif kind == "list_item_open":
            number = numbers[-1]
            marker = "•" if number is None else f"{number}."
            if number is not None:
                numbers[-1] = number + 1
        elif kind in ("blockquote_open", "blockquote_close"):
            quote += 1 if kind.endswith("open") else -1
        elif kind == "inline":
            text = inline_content(token.children or [])
            if tokens[index - 1].type == "heading_open":
                text = text.stylize("bold underline" if tokens[index - 1].tag == "h1" else "bold")
            indent = 2 * max(len(numbers) - 1, 0)
            if marker is not None:
                blocks.append(Block(text, marker, indent, bool(quote), gap_before=new_list))
                marker, new_list = None, False
            elif numbers:  # a later paragraph of a list item: aligned with its text
                blocks.append(Block(text, "", indent + 2, bool(quote), gap_before=False))
            else:
                blocks.append(Block(text, quote=bool(quote)))
        elif kind in ("fence", "code_block"):
            code = Content.styled(for_terminal(token.content.rstrip("\n")), "bold")
            blocks.append(Block(code, quote=bool(quote), wrap=False))
        elif kind == "hr":
            blocks.append(Block(Content("―" * 3)))
    return blocks
