"""A short window of text around the first match, with where the matches are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from tui.search.text import WORD, fold_with_map

SNIPPET_SCAN = 20_000
"""Only this much of a long text is scanned for a snippet (a 100 KB note stays fast)."""


class Snippet(NamedTuple):
    """Text to show, and ``(start, end)`` spans of it to highlight."""

    text: str
    spans: tuple[tuple[int, int], ...]


def token_matches(token: str, terms: Sequence[str], prefix: str | None) -> bool:
    """Whether a folded token matches one of the terms (or starts with the prefix term)."""
    return token in terms or (prefix is not None and token.startswith(prefix))


def match_spans(text: str, terms: Sequence[str], prefix: str | None) -> list[tuple[int, int]]:
    """Every matching word of ``text`` as original-text offsets."""
    folded, origin = fold_with_map(text[:SNIPPET_SCAN])
    spans = []
    for match in WORD.finditer(folded):
        if token_matches(match.group(), terms, prefix):
            spans.append((origin[match.start()], origin[match.end() - 1] + 1))
    return spans


def make_snippet(text: str, terms: Sequence[str], prefix: str | None, width: int = 100) -> Snippet:
    """About ``width`` characters around the first match, on one line."""
    flat = " ".join(text[:SNIPPET_SCAN].split())
    spans = match_spans(flat, terms, prefix)
    if not spans:
        cut = flat[:width]
        return Snippet(cut + ("…" if len(flat) > width else ""), ())
    first = spans[0][0]
    start = max(0, first - width // 3)
    if start:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        end = space if space > spans[0][1] else end
    lead = "…" if start else ""
    tail = "…" if end < len(flat) else ""
    shift = len(lead) - start
    inside = tuple((s + shift, e + shift) for s, e in spans if s >= start and e <= end)
    return Snippet(lead + flat[start:end] + tail, inside)


class Highlighter(NamedTuple):
    """The words a search matched, to mark them wherever the text is shown."""

    terms: tuple[str, ...]
    prefix: str | None = None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the matched words are in ``text``, as ``(start, end)`` offsets to mark."""
        return match_spans(text, self.terms, self.prefix)
