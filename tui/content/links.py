"""Where a node's text points to other nodes: cross-references and glossary terms.

The editors write a cross-reference as ``(see Topic › Section)``, with the titles a
reader sees (validation holds every one to a real node), and the glossary defines
terms the other nodes use. Both are found here, in text as the reader sees it (after
Markdown), so the reader, the CLI or an export can make them links. No Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from tui.content.model import Node, Pack

CROSS_REFERENCE = re.compile(r"\(see ((?:[^()]|\([^()]*\))+)\)")
"""An in-text cross-reference, ``(see Topic › Section)``: titles as the reader sees them
(one level of parentheses inside, for titles such as ``Pain relief (analgesic)``)."""

CRUMB = "›"
"""What joins a topic's title to a section's in a breadcrumb."""

GLOSSARY = "glossary"
"""The topic whose children are the terms other nodes link to."""

_ABBREVIATION = re.compile(r"^(.*?)\s*\(([^()]+)\)$")


class LinkSpan(NamedTuple):
    """Where in a text a link is, and the node it leads to."""

    start: int
    end: int
    target: str
    kind: str
    """``"see"`` for a cross-reference, ``"term"`` for a glossary term."""


def crumb_key(titles: Iterable[str]) -> tuple[str, ...]:
    """A breadcrumb as looked up: each title stripped, so spacing around ``›`` never matters."""
    return tuple(title.strip() for title in titles)


class LinkFinder:
    """Finds the links in a pack's texts; made once per pack (:func:`finder`)."""

    def __init__(self, pack: Pack) -> None:
        self._pack = pack
        self._by_crumb: dict[tuple[str, ...], str] = {}
        for node in pack.walk():
            parent = pack.parent(node.id)
            key = (parent.title, node.title) if parent else (node.title,)
            self._by_crumb.setdefault(crumb_key(key), node.id)
        self._terms: list[tuple[re.Pattern[str], str]] = []
        glossary = pack.get(GLOSSARY)
        if glossary is not None and glossary.parent is None:
            for term in pack.children(GLOSSARY):
                self._terms += [(pattern, term.id) for pattern in _term_patterns(term.title)]

    def resolve(self, crumb: str) -> str | None:
        """The id of the node a breadcrumb (``Topic › Section``) names, if any."""
        return self._by_crumb.get(crumb_key(crumb.split(CRUMB)))

    def cross_references(self, text: str) -> list[LinkSpan]:
        """Each ``(see Topic › Section)`` that names a node: the span of the breadcrumb."""
        spans = []
        for match in CROSS_REFERENCE.finditer(text):
            target = self.resolve(match.group(1))
            if target is not None:
                spans.append(LinkSpan(match.start(1), match.end(1), target, "see"))
        return spans

    def links(self, text: str, node: Node, seen: set[str]) -> list[LinkSpan]:
        """The links in one of ``node``'s texts, in order: its cross-references, and the
        first mention of each glossary term not yet in ``seen`` (a term is linked once
        a node, where it is first used; never on its own glossary entry). ``seen`` is
        updated, so a node's texts are passed in reading order with one set."""
        spans = self.cross_references(text)
        taken = [(span.start, span.end) for span in spans]
        for pattern, target in self._terms:
            if target == node.id or target in seen:
                continue
            for match in pattern.finditer(text):
                start, end = match.span()
                if not any(start < last and first < end for first, last in taken):
                    spans.append(LinkSpan(start, end, target, "term"))
                    taken.append((start, end))
                    seen.add(target)
                    break
        return sorted(spans)


def _term_patterns(title: str) -> list[re.Pattern[str]]:
    """How a term's title is found in text: the words in any case (and with a plural
    ``s``/``es``), and an abbreviation given in parentheses, ``Central nervous system
    (CNS)``, exactly as written."""
    words, abbreviation = title, None
    parenthesised = _ABBREVIATION.match(title)
    if parenthesised:
        words, abbreviation = parenthesised.group(1), parenthesised.group(2)
    words, abbreviation = words.strip(), (abbreviation or "").strip()
    # No words (a term titled "(CNS)", or blank): no pattern for them, which would match
    # the empty text (or a space) and make a link of no width.
    patterns = [re.compile(rf"(?<!\w){re.escape(words)}(?:e?s)?(?!\w)", re.IGNORECASE)] if words else []
    if abbreviation:
        patterns.append(re.compile(rf"(?<!\w){re.escape(abbreviation)}(?!\w)"))
    return patterns


_FINDERS: dict[int, tuple[Pack, LinkFinder]] = {}


def finder(pack: Pack) -> LinkFinder:
    """The pack's link finder, made on first use and kept while the pack is (packs are
    loaded once a process; the last few are kept)."""
    kept = _FINDERS.get(id(pack))
    if kept is None or kept[0] is not pack:
        if len(_FINDERS) > 4:
            _FINDERS.clear()
        kept = _FINDERS[id(pack)] = (pack, LinkFinder(pack))
    return kept[1]
