"""The search index over a pack's titles and text, and over the reader's notes.

An inverted index from folded words to the documents that contain them, one for titles
and one for text. A query's words must all match (the last one as a prefix while it is
being typed); quoted phrases are then checked on the few candidates. Ranking is by
where the words matched: all in the title, then some in the title, then in the text,
then in a note; ties keep the order of the tree. When nothing matches, misspelt words
are corrected against the vocabulary and the search runs again.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Literal, NamedTuple

from tui.content import Pack
from tui.content.document import breadcrumb_text, reading_text
from tui.search.fuzzy import Corrector
from tui.search.query import ParsedQuery, parse
from tui.search.snippet import SNIPPET_SCAN, Highlighter, Snippet, make_snippet
from tui.search.text import words

Kind = Literal["topic", "section", "glossary", "source", "note"]
MAX_PREFIX_EXPANSION = 400
"""A prefix matches at most this many vocabulary words (the shortest first)."""
TIER_ALL_TITLE, TIER_SOME_TITLE, TIER_TEXT, TIER_NOTE = 4.0, 3.0, 2.0, 1.0


class Doc(NamedTuple):
    """One searchable thing: a node's title and text, or a note."""

    node_id: str
    kind: Kind
    title: str
    text: str
    where: str
    """``Topic › Section``, or ``your note on Topic › Section``."""
    topic: str
    """The title of the topic it is under (itself for a topic)."""


class Result(NamedTuple):
    """One hit, ready to show."""

    node_id: str
    kind: Kind
    title: str
    where: str
    topic: str
    snippet: Snippet
    score: float
    field: Literal["title", "text", "note"]


class Outcome(NamedTuple):
    """The results of a query, and the corrected query when typos were fixed (only when the
    correction was made and found something: "did you mean" is never claimed otherwise)."""

    query: str
    results: list[Result]
    corrected: str | None = None
    highlighter: Highlighter | None = None
    """The words to mark in the reader (the corrected ones, when corrected)."""


class _Inverted:
    """Postings for a list of documents: word → ids of documents with it in title / text."""

    def __init__(self, docs: Sequence[Doc], *, index_titles: bool = True) -> None:
        self.docs = docs
        self.title_words: list[list[str]] = []
        self.text_words: list[list[str]] = []
        # Postings are lists: documents are read in order and each adds a word once, so
        # they come out sorted and unique, and list.append with the lookups bound to
        # locals keeps the loop that runs once per word of the pack short.
        in_title: defaultdict[str, list[int]] = defaultdict(list)
        in_text: defaultdict[str, list[int]] = defaultdict(list)
        add_title, add_text = self.title_words.append, self.text_words.append
        for index, doc in enumerate(docs):
            title, text = words(doc.title) if index_titles else [], words(doc.text)
            add_title(title)
            add_text(text)
            for word in set(title):
                in_title[word].append(index)
            for word in set(text):
                in_text[word].append(index)
        self.in_title: dict[str, list[int]] = in_title
        self.in_text: dict[str, list[int]] = in_text
        self.frequency = {w: len(self.in_title.get(w, ())) + len(self.in_text.get(w, ())) for w in self.vocabulary()}
        self.sorted_vocabulary = sorted(self.frequency)

    def vocabulary(self) -> Iterable[str]:
        return self.in_title.keys() | self.in_text.keys()

    def expand(self, term: str, prefix: bool) -> list[str]:
        """The vocabulary words a term matches."""
        if not prefix or len(term) < 2:
            return [term] if term in self.frequency else []
        start = bisect.bisect_left(self.sorted_vocabulary, term)
        found = []
        for word in self.sorted_vocabulary[start:]:
            if not word.startswith(term):
                break
            found.append(word)
        return sorted(found, key=len)[:MAX_PREFIX_EXPANSION] if len(found) > MAX_PREFIX_EXPANSION else found

    def match(self, query: ParsedQuery, tier_floor: float) -> list[tuple[float, str, list[int]]]:
        """``(score, field, doc indices in tree order)`` per tier, best tier first."""
        candidates: set[int] | None = None
        title_hits: list[set[int]] = []
        last = len(query.terms) - 1
        for position, term in enumerate(query.terms):
            expanded = self.expand(term, prefix=query.last_is_prefix and position == last)
            in_title: set[int] = set().union(*(self.in_title.get(w, ()) for w in expanded))
            in_text: set[int] = set().union(*(self.in_text.get(w, ()) for w in expanded))
            found = in_title | in_text
            candidates = found if candidates is None else candidates & found
            if not candidates:
                return []
            title_hits.append(in_title)
        assert candidates is not None
        if query.phrases:
            candidates = {i for i in candidates if all(self._has_phrase(i, p) for p in query.phrases)}
        if tier_floor == TIER_NOTE:
            return [(TIER_NOTE, "note", sorted(candidates))]
        # Tiers as set operations, each sorted in C: no per-document Python work.
        all_title = candidates.intersection(*title_hits)
        some_title = (candidates & set().union(*title_hits)) - all_title
        text_only = candidates - all_title - some_title
        return [
            (TIER_ALL_TITLE, "title", sorted(all_title)),
            (TIER_SOME_TITLE, "title", sorted(some_title)),
            (TIER_TEXT, "text", sorted(text_only)),
        ]

    def _has_phrase(self, index: int, phrase: tuple[str, ...]) -> bool:
        size = len(phrase)
        for sequence in (self.title_words[index], self.text_words[index]):
            for start in range(len(sequence) - size + 1):
                if tuple(sequence[start : start + size]) == phrase:
                    return True
        return False


def _content_docs(content: Pack) -> list[Doc]:
    docs = []
    for node in content.walk():
        # Raw Markdown: its markers are not word characters, so they never become words;
        # snippets strip them when they are shown.
        text = node.body
        for extra in (node.editorial_context, node.editorial_note):
            if extra:
                text += "\n" + extra
        level = node.evidence_level
        if level is not None:  # "proposed mechanism" finds the sections with that label
            text += f"\n{level.badge}: {node.evidence_detail}" if node.evidence_detail else f"\n{level.badge}"
        topic = content.breadcrumb(node.id)[0].title
        kind: Kind = node.kind
        docs.append(Doc(node.id, kind, node.title, text, breadcrumb_text(content, node.id), topic))
    return docs


@lru_cache(maxsize=4096)
def _reading(text: str) -> str:
    """A document's text as reading text, for snippets; kept for the texts shown last
    (typing a query searches the same documents again and again; a string's hash is kept
    by the string, so looking one up costs nothing)."""
    return reading_text(text[:SNIPPET_SCAN])


def _highlighter(parsed: ParsedQuery) -> Highlighter:
    prefix = parsed.terms[-1] if parsed.last_is_prefix and len(parsed.terms[-1]) >= 2 else None
    return Highlighter(parsed.terms, prefix)


class NoteIndex:
    """The reader's notes, indexed apart from the pack so that editing one is cheap.

    A note is searched by its text only; the node title it carries is for showing.
    """

    def __init__(self, content: Pack, notes: Mapping[str, str]) -> None:
        self.docs = [_note_doc(content, node_id, text) for node_id, text in notes.items()]
        self.inverted = _Inverted(self.docs, index_titles=False)


def _note_doc(content: Pack, node_id: str, text: str) -> Doc:
    if node_id in content:
        where, topic, title = (
            breadcrumb_text(content, node_id),
            content.breadcrumb(node_id)[0].title,
            content.node(node_id).title,
        )
    else:
        where, topic, title = node_id, "", node_id
    return Doc(node_id, "note", title, text, f"your note on {where}", topic)


class SearchIndex:
    """Search over one pack; build once, query many times."""

    def __init__(self, content: Pack) -> None:
        self.content = content
        self._inverted = _Inverted(_content_docs(content))
        self._corrector: Corrector | None = None

    def search(self, query: str, *, notes: NoteIndex | None = None, limit: int = 50) -> Outcome:
        """Ranked results for a query; with ``notes``, the reader's notes too."""
        parsed = parse(query)
        if parsed.empty:
            return Outcome(query, [])
        results = self._run(parsed, notes, limit)
        if results:
            return Outcome(query, results, highlighter=_highlighter(parsed))
        corrected = self._correct(parsed, notes)
        if corrected is None:
            return Outcome(query, [])
        found = self._run(corrected, notes, limit)
        if not found:  # a correction that finds nothing is not one to claim
            return Outcome(query, [])
        return Outcome(query, found, " ".join(corrected.terms), _highlighter(corrected))

    def _run(self, parsed: ParsedQuery, notes: NoteIndex | None, limit: int) -> list[Result]:
        tiers = [(score, field, ids, self._inverted) for score, field, ids in self._inverted.match(parsed, 0)]
        if notes is not None:
            tiers += [
                (score, field, ids, notes.inverted) for score, field, ids in notes.inverted.match(parsed, TIER_NOTE)
            ]
        marks = _highlighter(parsed)
        results: list[Result] = []
        for score, field, ids, inverted in tiers:  # best tier first; tree order within a tier
            for index in ids[: limit - len(results)]:
                doc = inverted.docs[index]
                # Pack text as a person reads it (no list dashes, no emphasis markers);
                # notes stay as written.
                shown = doc.text if doc.kind == "note" else _reading(doc.text)
                snippet = make_snippet(shown or doc.title, marks.terms, marks.prefix)
                results.append(Result(doc.node_id, doc.kind, doc.title, doc.where, doc.topic, snippet, score, field))  # type: ignore[arg-type]
            if len(results) >= limit:
                break
        return results

    def _correct(self, parsed: ParsedQuery, notes: NoteIndex | None) -> ParsedQuery | None:
        """The query with misspelt words replaced by the closest known ones, if any."""
        if self._corrector is None:
            self._corrector = Corrector(self._inverted.frequency)
        frequency = self._inverted.frequency
        changed = False
        terms = []
        for term in parsed.terms:
            known = term in frequency or (notes is not None and term in notes.inverted.frequency)
            fix = None if known else self._corrector.correct(term, frequency)
            if fix is None and not known and notes is not None:
                fix = Corrector(notes.inverted.frequency).correct(term, notes.inverted.frequency)
            changed |= fix is not None
            terms.append(fix or term)
        if not changed:
            return None
        phrases = tuple(
            tuple(terms[parsed.terms.index(w)] if w in parsed.terms else w for w in p) for p in parsed.phrases
        )
        return ParsedQuery(tuple(terms), phrases, last_is_prefix=parsed.last_is_prefix)
