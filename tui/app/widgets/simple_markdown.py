"""The plain Markdown packs are written in, read without a Markdown library.

Pack text uses paragraphs, ``- `` bullet lists and ``**bold**`` / ``*italic*``. Reading
exactly that takes a few lines; markdown-it is slow and large to import, a sizeable
share of the explorer's start-up (docs/performance.md). :func:`simple_blocks` reads a
document only when it is sure CommonMark would read it the same way, and otherwise
returns ``None`` so the caller hands it to markdown-it. It errs towards ``None``: anything outside the
subset (headings, quotes, code, links, escapes, entities, nested lists, lazy lines,
ambiguous ``*``) goes to the full parser. Tests hold the two to the same output on
every pack text and on generated documents.
"""

from __future__ import annotations

import re
import string

from textual.content import Content

from tui.app.widgets.prose_blocks import Block
from tui.textsafe import for_terminal

_OUTSIDE = re.compile(r"[`_\[\]<>&\\#~|=\x00-\x09\x0b-\x1f\x7f]")
"""Characters that may mean something to CommonMark beyond the subset (and controls)."""
_NOT_A_TEXT_LINE = re.compile(
    r"""^(?:
        \s | .*\s$            # indented (code, continuation) or trailing spaces (a hard break)
        | [*+] (?:\s|$)       # other bullet markers
        | -[-\s]*$           # only dashes and spaces: a rule, a setext underline, an empty item
        | \d{1,9}[.)](?:\s|$) # an ordered list
        | \*\s*\*\s*\*        # a thematic break of stars
    )""",
    re.VERBOSE,
)
_ITEM = "- "
_PUNCTUATION = frozenset(string.punctuation)
_STYLES = {1: "italic", 2: "bold"}


def simple_blocks(markdown: str) -> list[Block] | None:
    """The blocks of a document in the subset, as markdown-it would give them; ``None``
    when the document uses anything else."""
    if _OUTSIDE.search(markdown):
        return None
    blocks: list[Block] = []
    paragraph: list[str] = []
    in_list = False  # the line above was an item
    after_list = False  # only blank lines since the last item: an item here continues its list
    for line in [*markdown.split("\n"), ""]:  # a blank line at the end closes the last paragraph
        if not line:
            if paragraph:
                text = _inline(" ".join(paragraph))
                if text is None:
                    return None
                blocks.append(Block(text))
                paragraph = []
            after_list = after_list or in_list
            in_list = False
            continue
        is_item = line.startswith(_ITEM)
        body = line[len(_ITEM) :] if is_item else line
        if not body or _NOT_A_TEXT_LINE.match(body) or (is_item and body.startswith(_ITEM)):
            return None  # an empty item, not plain text, or a list nested in an item
        if is_item:
            if paragraph:  # a list interrupting a paragraph: not read here
                return None
            text = _inline(body)
            if text is None:
                return None
            blocks.append(Block(text, "•", gap_before=not (in_list or after_list)))
            in_list, after_list = True, False
        else:
            if in_list:  # a lazy continuation of the item above
                return None
            paragraph.append(line)
            after_list = False
    return blocks


def _inline(text: str) -> Content | None:
    """Text with ``**bold**`` and ``*italic*`` styled, or ``None`` if any ``*`` is not
    unambiguously one of those (no nesting, no intraword emphasis)."""
    parts: list[tuple[str, str]] = []
    position = 0
    opened: int | None = None  # the length of the open run of stars
    for run in re.finditer(r"\*+", text):
        start, end = run.span()
        size = end - start
        if size not in _STYLES:
            return None
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if opened is None:
            if not _opens(before, after):
                return None
            parts.append((text[position:start], ""))
            opened, position = size, end
        else:
            if not _closes(before, after) or size != opened or start == position:
                return None
            parts.append((text[position:start], _STYLES[size]))
            opened, position = None, end
    if opened is not None:
        return None
    parts.append((text[position:], ""))
    return Content.assemble(*((for_terminal(part), style) for part, style in parts if part))


def _kind(char: str) -> str | None:
    """How CommonMark's flanking rules see a neighbour of ``*`` (never ``*`` itself: runs
    are matched whole); None if not plain ASCII."""
    if char == " ":
        return "space"
    if char in _PUNCTUATION:
        return "punct"
    if char.isascii() and char.isalnum():
        return "alnum"
    return None


def _opens(before: str, after: str) -> bool:
    """Left-flanking and not right-flanking: it can only open."""
    b, a = _kind(before), _kind(after)
    return (a == "alnum" and b in ("space", "punct")) or (a == "punct" and b == "space")


def _closes(before: str, after: str) -> bool:
    """Right-flanking and not left-flanking: it can only close."""
    b, a = _kind(before), _kind(after)
    return (b == "alnum" and a in ("space", "punct")) or (b == "punct" and a == "space")
