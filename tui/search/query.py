"""What a reader typed, as words and quoted phrases. Nothing in it is a pattern.

Regex and markup characters (``[ ( * \\``) are not words, so they simply do not match;
a query of nothing but such characters has no terms and finds nothing. Markup tags
(``[red]``, ``[/red]``, ``[@click=app.quit]``, ``[link=...]``: text pasted from a styled
terminal, or typed to test the explorer) are not words of the query either, so
``[red]stroke[/red]`` searches ``stroke``, not "red stroke red".
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tui.search.text import words

_PHRASE = re.compile(r'"([^"]*)"?')
_MARKUP_TAG = re.compile(r"\[/?(?:[A-Za-z@#$][^\[\]\n]*)?\]")
"""A Rich / Textual markup tag: ``[bold]``, ``[/]``, ``[/red]``, ``[@click=...]``."""

MAX_TERMS = 32
"""A query's words beyond this many are ignored: a pasted page of text (20,000 words)
would otherwise make every search step check each word against each other."""


class ParsedQuery(NamedTuple):
    """The terms every result must contain, and the phrases it must contain in order."""

    terms: tuple[str, ...]
    """Every folded word of the query, phrase words included."""
    phrases: tuple[tuple[str, ...], ...]
    """Quoted phrases of two or more words."""
    last_is_prefix: bool
    """The last word was still being typed: match it as a prefix."""

    @property
    def empty(self) -> bool:
        """Whether the query has no words to look for (it then finds nothing)."""
        return not self.terms


def parse(query: str) -> ParsedQuery:
    """Split a query into words and quoted phrases (an unclosed quote runs to the end);
    markup tags are dropped first (they are not words)."""
    query = _MARKUP_TAG.sub(" ", query)
    phrases: list[tuple[str, ...]] = []
    for match in _PHRASE.finditer(query):
        phrase = tuple(words(match.group(1)))[:MAX_TERMS]
        if len(phrase) > 1:
            phrases.append(phrase)
        if len(phrases) >= MAX_TERMS:
            break
    terms = tuple(words(query))[:MAX_TERMS]
    phrases = [phrase for phrase in phrases if set(phrase) <= set(terms)]
    ends_open = bool(query) and not query[-1].isspace() and not query.rstrip().endswith('"')
    return ParsedQuery(terms, tuple(phrases), last_is_prefix=ends_open)
