"""Check a raw TinyDB pack record by record and build :class:`Pack` from it.

Validation never stops at the first problem: it walks every table and record and
collects everything that is wrong, so that a pack author fixes a pack in one pass.
Only when nothing is wrong is the typed model built.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from tui.content.errors import PackInvalid, Problem
from tui.content.evidence import EVIDENCE_BY_ID
from tui.content.links import CROSS_REFERENCE, CRUMB
from tui.content.model import Meta, Node, NodeKind, Pack, SourceParagraph

SCHEMA_VERSION = 1
"""The only schema version this code reads."""

TABLES = ("meta", "topics", "sections", "glossary", "sources")
SOURCE_KINDS = ("article", "book", "paper", "website")
SLUG = r"[a-z0-9][a-z0-9-]*"
TOPIC_ID = re.compile(rf"{SLUG}")
CHILD_ID = re.compile(rf"({SLUG})/({SLUG})")
PARA_REF = re.compile(r"p[0-9]+(\.[0-9]+)?")
MAX_TERMS = 12
"""Terms are a short list of the source's key words, not the paragraph again."""
TERM_WORDS = 8
"""A term is a word or phrase: longer than this, it is a copied sentence."""
HEDGE_WORDS = 5

_TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false", list: "a list"}


def _describe(value: Any) -> str:
    names = {
        bool: "true/false",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


class _Record:
    """A view of one raw record that reports type problems as it is read."""

    __slots__ = ("label", "problems", "raw", "table")

    def __init__(self, table: str, label: str, raw: dict[str, Any], problems: list[Problem]) -> None:
        self.table = table
        self.label = label
        self.raw = raw
        self.problems = problems

    def problem(self, name: str | None, message: str) -> None:
        self.problems.append(Problem(self.table, self.label, name, message))

    def get(self, name: str, kind: type, *, required: bool = True, nullable: bool = False) -> Any:
        """The field's value if it has the right type, else ``None`` and a problem."""
        if name not in self.raw:
            if required:
                self.problem(name, "missing field")
            return None
        value = self.raw[name]
        if value is None and nullable:
            return None
        # bool is a subclass of int: an order of `true` is a mistake, not 1.
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if not ok:
            self.problem(name, f"must be {_TYPE_NAMES[kind]}, got {_describe(value)}")
            return None
        if kind is str and required and not nullable and not value.strip():
            self.problem(name, "must not be empty")
            return None
        return value

    def strings(self, name: str, *, required: bool = True) -> tuple[str, ...] | None:
        """A list-of-strings field; an optional one that is absent is empty."""
        if not required and name not in self.raw:
            return ()
        values = self.get(name, list)
        if values is None:
            return None
        bad = [i for i, v in enumerate(values) if not isinstance(v, str)]
        if bad:
            self.problem(name, f"item {bad[0]} must be a string, got {_describe(values[bad[0]])}")
            return None
        return tuple(values)


class _Builder:
    """Collects problems and the pieces of the model while walking the raw pack."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.seen: dict[str, str] = {}
        """Every node id so far, with the table it came from (ids are unique across tables)."""
        self.titles: dict[str, tuple[str | None, str]] = {}
        """Each node's parent and title, even a node with other problems, so that a
        cross-reference to it is not reported as well."""

    def records(self, raw: dict[str, Any], table: str) -> list[_Record]:
        """The records of a table as checked views, in document order."""
        docs = raw.get(table)
        if docs is None:
            self.problems.append(Problem(table, None, None, "missing table"))
            return []
        if not isinstance(docs, dict):
            self.problems.append(
                Problem(table, None, None, f"must be a TinyDB table (an object), got {_describe(docs)}")
            )
            return []
        out: list[_Record] = []
        for doc_id, doc in sorted(docs.items(), key=lambda kv: _doc_order(kv[0])):
            label = f"doc {doc_id}"
            if not isinstance(doc, dict):
                self.problems.append(Problem(table, label, None, f"must be an object, got {_describe(doc)}"))
                continue
            if isinstance(doc.get("id"), str) and doc["id"]:
                label = doc["id"]
            out.append(_Record(table, label, doc, self.problems))
        return out

    def claim_id(self, rec: _Record, node_id: str | None, title: str | None = None, parent: str | None = None) -> bool:
        """Register a node id (and its title, for cross-references); report a duplicate."""
        if node_id is None:
            return False
        if title is not None:
            self.titles.setdefault(node_id, (parent, title))
        if node_id in self.seen:
            rec.problem("id", f"duplicate id (already used in {self.seen[node_id]})")
            return False
        self.seen[node_id] = rec.table
        return True


def _doc_order(doc_id: str) -> tuple[int, str]:
    return (int(doc_id), "") if doc_id.isdigit() else (1 << 62, doc_id)


def _child_id(rec: _Record, node_id: str | None, parent: str) -> str | None:
    if node_id is None:
        return None
    match = CHILD_ID.fullmatch(node_id)
    if not match:
        rec.problem("id", f"must look like '{parent}/slug' (lower-case letters, digits, hyphens)")
        return None
    if match.group(1) != parent:
        rec.problem("id", f"must start with '{parent}/' (its parent topic)")
        return None
    return node_id


def build_content(raw: Any) -> Pack:
    """Validate a raw pack (the JSON of a TinyDB file) and build the model.

    Raises :class:`PackInvalid` listing every problem found.
    """
    if not isinstance(raw, dict):
        raise PackInvalid(
            [
                Problem(
                    "(file)",
                    None,
                    None,
                    f"not a TinyDB database: expected an object of tables, got {_describe(raw)}",
                )
            ]
        )
    b = _Builder()
    meta = _meta(b, raw)
    topics = _topics(b, raw)
    # Every topic id that exists, even one with other problems: its children are not
    # "dangling" just because the topic record has a bad field.
    topic_ids = {node_id for node_id, table in b.seen.items() if table == "topics"}
    sources = _sources(b, raw)
    refs = {f"{s.id}#{p.ref}" for s in sources for p in s.paragraphs}
    children: dict[str, list[tuple[int, int, Node]]] = {}
    written: list[tuple[Node, _Record]] = [(topic, rec) for topic, rec, _ in topics]
    """Nodes whose text the editors wrote, to check their references once every id is known."""

    def adopt(rec: _Record, node: Node, order: int, index: int) -> None:
        assert node.parent is not None
        if node.parent not in topic_ids:
            rec.problem(
                "topic" if node.kind == "section" else "id",
                f"dangling parent: no topic '{node.parent}'",
            )
            return
        children.setdefault(node.parent, []).append((order, index, node))

    for topic, rec, _ in topics:
        _check_refs(rec, topic.provenance, refs)
    for index, (node, rec, order) in enumerate(_sections(b, raw)):
        _check_refs(rec, node.provenance, refs)
        adopt(rec, node, order, index)
        written.append((node, rec))
    glossary = _glossary(b, raw)
    for index, (node, rec) in enumerate(glossary):
        _check_refs(rec, node.provenance, refs)
        adopt(rec, node, 0, index)
        written.append((node, rec))
    for index, source in enumerate(sources):
        adopt(_Record("sources", source.id, {}, b.problems), source, 0, index)
    for node, rec in written:
        for other in node.see_also:
            if other not in b.seen:
                rec.problem("see_also", f"dangling reference: no node '{other}'")
    _check_cross_references(written, b.titles)

    if b.problems or meta is None:
        raise PackInvalid(b.problems)
    ordered = [t for t, _, _ in sorted(topics, key=lambda item: item[2])]
    kids = {
        parent: [n for _, _, n in sorted(items, key=lambda item: (item[0], item[1]))]
        for parent, items in children.items()
    }
    return Pack.from_nodes(meta, ordered, kids)


def _meta(b: _Builder, raw: dict[str, Any]) -> Meta | None:
    records = b.records(raw, "meta")
    if "meta" in raw and isinstance(raw["meta"], dict) and len(records) != 1:
        b.problems.append(Problem("meta", None, None, f"must hold exactly one record, has {len(records)}"))
        return None
    if not records:
        return None
    rec = records[0]
    version = rec.get("schema_version", int)
    if version is not None and version != SCHEMA_VERSION:
        rec.problem("schema_version", f"unsupported version {version} (this program reads {SCHEMA_VERSION})")
    values = {name: rec.get(name, str) for name in ("title", "disclaimer", "updated", "content_version")}
    if version is None or any(v is None for v in values.values()):
        return None
    return Meta(schema_version=version, **values)


class _Sourcing(NamedTuple):
    """The fields that say where a topic's summary or a section comes from, read and checked."""

    evidence: str | None
    detail: str | None
    provenance: tuple[str, ...] | None
    editorial: bool | None
    note: str | None
    context: str | None
    terms: tuple[str, ...] | None
    hedge: str | None
    see_also: tuple[str, ...] | None


def _sourcing(rec: _Record, noun: str) -> _Sourcing:
    """Read a topic's or section's label, provenance and editorial fields, with their rules:
    the same for both, so a summary is held to what a section is."""
    evidence = rec.get("evidence", str)
    if evidence is not None and evidence not in EVIDENCE_BY_ID:
        known = ", ".join(EVIDENCE_BY_ID)
        rec.problem("evidence", f"unknown evidence label '{evidence}' (known: {known})")
        evidence = None
    detail = rec.get("evidence_detail", str, required=False, nullable=True)
    provenance = rec.strings("provenance")
    editorial = rec.get("editorial", bool)
    if editorial is True and evidence not in (None, "editorial"):
        rec.problem("evidence", f"an editorial {noun} must use the evidence label 'editorial'")
    if editorial is False and evidence == "editorial":
        rec.problem("evidence", f"'editorial' is only for {noun}s marked editorial: true")
    if editorial is False and provenance == ():
        rec.problem("provenance", f"a {noun} from the source must name at least one source paragraph")
    terms, hedge = _restated(rec, editorial)
    return _Sourcing(
        evidence, detail, provenance, editorial,
        rec.get("editorial_note", str, required=False, nullable=True),
        rec.get("editorial_context", str, required=False, nullable=True),
        terms, hedge, rec.strings("see_also", required=False),
    )  # fmt: skip


def _restated(rec: _Record, editorial: bool | None) -> tuple[tuple[str, ...] | None, str | None]:
    """``terms`` and ``hedge``: what a node from the source restates, in the source's words.

    A node from the source lists at least one term; an editorial node restates nothing,
    so it has neither. Whether the words really are in the cited paragraphs needs the
    source's text, which a pack does not hold: ``tests/core/test_provenance.py`` checks that.
    """
    terms = rec.strings("terms", required=False)
    hedge = rec.get("hedge", str, required=False, nullable=True)
    if terms:
        if len(terms) > MAX_TERMS:
            rec.problem("terms", f"at most {MAX_TERMS} terms: the source's key words, not its sentences")
        for index, term in enumerate(terms):
            words = len(term.split())
            if not words:
                rec.problem("terms", f"item {index} must not be empty")
            elif words > TERM_WORDS:
                rec.problem("terms", f"item {index} has {words} words: a term is a phrase of at most {TERM_WORDS}")
    if hedge is not None and len(hedge.split()) > HEDGE_WORDS:
        rec.problem("hedge", f"a hedge is a word or short phrase (at most {HEDGE_WORDS} words)")
    if editorial is False and terms == ():
        rec.problem("terms", "a node from the source must list at least one of the source's terms it restates")
    if editorial is True and (terms or hedge is not None):
        rec.problem("terms" if terms else "hedge", "an editorial node restates no source: no terms, hedge null")
    return terms, hedge


def _topics(b: _Builder, raw: dict[str, Any]) -> list[tuple[Node, _Record, tuple[int, int]]]:
    out = []
    for index, rec in enumerate(b.records(raw, "topics")):
        node_id = rec.get("id", str)
        if node_id is not None and not TOPIC_ID.fullmatch(node_id):
            rec.problem("id", "must be a slug (lower-case letters, digits, hyphens)")
            node_id = None
        title, order, summary = (
            rec.get("title", str),
            rec.get("order", int),
            rec.get("summary", str),
        )
        src = _sourcing(rec, "topic")
        fields = (title, order, summary, src.evidence, src.provenance, src.editorial, src.terms, src.see_also)
        if b.claim_id(rec, node_id, title) and all(v is not None for v in fields):
            assert node_id is not None and title is not None and order is not None and summary is not None
            out.append((_node(node_id, "topic", title, None, summary, src=src), rec, (order, index)))
    return out


def _node(node_id: str, kind: NodeKind, title: str, parent: str | None, body: str, *, src: _Sourcing) -> Node:
    """A topic or section from its checked fields (each known not to be ``None``)."""
    assert src.provenance is not None and src.terms is not None and src.see_also is not None
    return Node(
        node_id, kind, title, parent, body,
        evidence=src.evidence, evidence_detail=src.detail, provenance=src.provenance,
        editorial=bool(src.editorial), editorial_note=src.note, editorial_context=src.context,
        terms=src.terms, hedge=src.hedge, see_also=src.see_also,
    )  # fmt: skip


def _sections(b: _Builder, raw: dict[str, Any]) -> list[tuple[Node, _Record, int]]:
    out = []
    for rec in b.records(raw, "sections"):
        topic = rec.get("topic", str)
        node_id = rec.get("id", str)
        if topic is not None:
            node_id = _child_id(rec, node_id, topic)
        title, order, body = rec.get("title", str), rec.get("order", int), rec.get("body", str)
        src = _sourcing(rec, "section")
        fields = (topic, title, order, body, src.evidence, src.provenance, src.editorial, src.terms, src.see_also)
        if b.claim_id(rec, node_id, title, topic) and all(v is not None for v in fields):
            assert node_id is not None and title is not None and order is not None and body is not None
            out.append((_node(node_id, "section", title, topic, body, src=src), rec, order))
    return out


def _glossary(b: _Builder, raw: dict[str, Any]) -> list[tuple[Node, _Record]]:
    out = []
    for rec in b.records(raw, "glossary"):
        node_id = _child_id(rec, rec.get("id", str), "glossary")
        term, definition = rec.get("term", str), rec.get("definition", str)
        provenance, see_also = rec.strings("provenance"), rec.strings("see_also")
        editorial = rec.get("editorial", bool)
        if editorial is False and provenance == ():
            rec.problem("provenance", "a term not marked editorial must name a source paragraph")
        terms, hedge = _restated(rec, editorial)
        context = rec.get("editorial_context", str, required=False, nullable=True)
        fields = (term, definition, provenance, see_also, editorial, terms)
        if b.claim_id(rec, node_id, term, "glossary") and all(v is not None for v in fields):
            assert node_id is not None and provenance is not None and see_also is not None and terms is not None
            node = Node(
                node_id, "glossary", term, "glossary", definition,
                evidence="editorial" if editorial else "described",
                provenance=provenance, editorial=bool(editorial), editorial_context=context,
                terms=terms, hedge=hedge, see_also=see_also,
            )  # fmt: skip
            out.append((node, rec))
    out.sort(key=lambda item: item[0].title.casefold())
    return out


def _sources(b: _Builder, raw: dict[str, Any]) -> list[Node]:
    out = []
    for rec in b.records(raw, "sources"):
        node_id = _child_id(rec, rec.get("id", str), "sources")
        title, description, kind = (
            rec.get("title", str),
            rec.get("description", str),
            rec.get("kind", str),
        )
        if kind is not None and kind not in SOURCE_KINDS:
            rec.problem("kind", f"unknown source kind '{kind}' (known: {', '.join(SOURCE_KINDS)})")
        paragraphs = _paragraphs(rec)
        if b.claim_id(rec, node_id, title, "sources") and None not in (title, description, kind, paragraphs):
            assert node_id is not None and paragraphs is not None
            out.append(Node(node_id, "source", title, "sources", description, paragraphs=paragraphs))
    return out


def _paragraphs(rec: _Record) -> tuple[SourceParagraph, ...] | None:
    items = rec.get("paragraphs", list)
    if items is None:
        return None
    out: list[SourceParagraph] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"paragraphs[{index}]"
        if not isinstance(item, dict):
            rec.problem(where, f"must be an object, got {_describe(item)}")
            continue
        ref, heading, first_words = (item.get(k) for k in ("ref", "heading", "first_words"))
        if not (isinstance(ref, str) and isinstance(heading, str) and isinstance(first_words, str)):
            rec.problem(where, "needs string fields ref, heading and first_words")
            continue
        if not PARA_REF.fullmatch(ref):
            rec.problem(where, f"ref '{ref}' must look like p3 or p3.1")
        elif ref in seen:
            rec.problem(where, f"duplicate ref '{ref}'")
        seen.add(ref)
        out.append(SourceParagraph(ref, heading, first_words))
    return tuple(out) if len(out) == len(items) else None


def _check_refs(rec: _Record, provenance: tuple[str, ...], refs: set[str]) -> None:
    for ref in provenance:
        if ref not in refs:
            rec.problem("provenance", f"dangling reference: no source paragraph '{ref}'")


_TEXT_FIELDS = {"topic": "summary", "section": "body", "glossary": "definition"}
"""The name, in each table, of the field that holds a node's main text."""


def _check_cross_references(written: list[tuple[Node, _Record]], titles: dict[str, tuple[str | None, str]]) -> None:
    """Every ``(see Topic › Section)`` in the editors' text names a node by its breadcrumb.

    Such a reference is meant to be followed (and to become a link), so one that names
    no node, or a ``›`` written outside the form, is a problem like a dangling id.
    """
    crumbs: set[tuple[str, ...]] = set()
    for parent, title in titles.values():
        if parent is None:
            crumbs.add((title,))
        elif parent in titles:
            crumbs.add((titles[parent][1], title))
    for node, rec in written:
        fields = (
            (_TEXT_FIELDS[node.kind], node.body),
            ("editorial_note", node.editorial_note),
            ("editorial_context", node.editorial_context),
        )
        for field, text in fields:
            if text and ("(see " in text or CRUMB in text):
                _check_text_references(rec, field, text, crumbs)


def _check_text_references(rec: _Record, field: str, text: str, crumbs: set[tuple[str, ...]]) -> None:
    for match in CROSS_REFERENCE.finditer(text):
        crumb = tuple(part.strip() for part in match.group(1).split(CRUMB))
        if crumb not in crumbs:
            rec.problem(
                field,
                f"cross-reference '{match.group(0)}' names no node (write '(see Topic › Section)' with their titles)",
            )
    if CRUMB in CROSS_REFERENCE.sub("", text):
        rec.problem(field, f"'{CRUMB}' outside a cross-reference: write one as '(see Topic › Section)'")
