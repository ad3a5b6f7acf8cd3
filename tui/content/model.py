"""Typed, immutable objects for a loaded content pack, and the lookups over its tree.

A pack has four kinds of node (topics, sections, glossary entries and sources) that
all live in one tree: topics at the top, everything else a child of one topic. The
app, the CLI and search all see the pack only through :class:`Pack`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Literal, NamedTuple

from tui.content.evidence import EVIDENCE_BY_ID, EvidenceLevel

NodeKind = Literal["topic", "section", "glossary", "source"]


class SourceParagraph(NamedTuple):
    """One paragraph (or bullet) of a source, the unit that provenance points at."""

    ref: str
    """Its reference inside the source, e.g. ``p4.3`` (bullet 3 of paragraph 4)."""
    heading: str
    """The heading of the source under which it stands."""
    first_words: str
    """Its opening words, so a reader can find it in the original."""


class Node(NamedTuple):
    """A place in the tree that a reader can open and bookmark."""

    id: str
    """Stable id: ``topic`` for topics, ``topic/slug`` for everything else."""
    kind: NodeKind
    title: str
    parent: str | None
    """The id of the topic above it; ``None`` for topics."""
    body: str
    """Markdown text: a topic's summary, a section's body, a term's definition."""
    evidence: str | None = None
    """An id from the evidence vocabulary; ``None`` for sources."""
    evidence_detail: str | None = None
    """Specifics of the evidence, e.g. the size of a reported trial."""
    provenance: tuple[str, ...] = ()
    """Source paragraphs this node restates, as ``sources/slug#ref``."""
    editorial: bool = False
    """True when the node does not come from the source."""
    editorial_note: str | None = None
    """Where the source overstates or is unclear, the editors say so here."""
    editorial_context: str | None = None
    """Markdown the source does not say (definitions, established facts) beside a node
    that does come from it; shown apart, headed *Editorial*, so it is never read as sourced."""
    terms: tuple[str, ...] = ()
    """The source's own key words that the node restates, so a test can find them in the
    paragraphs it cites (empty for editorial nodes)."""
    hedge: str | None = None
    """The source's hedge for the statement (``may``, ``reported``), kept in the node's text;
    ``None`` where the source states it without one."""
    see_also: tuple[str, ...] = ()
    """Related node ids, shown under the node."""
    paragraphs: tuple[SourceParagraph, ...] = ()
    """For a source: its paragraphs in order. Keep it the last field (the pack cache
    relies on that)."""

    @property
    def evidence_level(self) -> EvidenceLevel | None:
        """The vocabulary entry for :attr:`evidence`, if any."""
        return EVIDENCE_BY_ID.get(self.evidence) if self.evidence else None


class Meta(NamedTuple):
    """The pack's ``meta`` record."""

    schema_version: int
    title: str
    disclaimer: str
    updated: str
    content_version: str


class Pack:
    """A loaded, validated pack: the nodes and the tree that joins them.

    Build it with :func:`tui.content.loader.load_pack`; the constructor trusts that the
    nodes were validated (unique ids, every parent a topic).
    """

    __slots__ = ("_children", "_kids", "_position", "meta", "nodes")

    def __init__(
        self,
        meta: Meta,
        nodes: Mapping[str, Node],
        children: Mapping[str | None, tuple[str, ...]],
        position: Mapping[str, int],
    ) -> None:
        self.meta = meta
        self.nodes = nodes
        """Every node by id, in tree order (topic, then its children)."""
        self._children = children
        self._position = position
        self._kids: dict[str | None, tuple[Node, ...]] = {}
        """Children as nodes, made on first ask: the app asks for a topic's many times a switch."""

    def __repr__(self) -> str:
        return f"Pack({self.meta.title!r}, {len(self.nodes)} nodes)"

    @classmethod
    def from_nodes(cls, meta: Meta, topics: list[Node], children: dict[str, list[Node]]) -> Pack:
        """Assemble a pack from topics in order and each topic's children in order."""
        nodes: dict[str, Node] = {}
        child_ids: dict[str | None, tuple[str, ...]] = {None: tuple(t.id for t in topics)}
        for topic in topics:
            nodes[topic.id] = topic
            kids = children.get(topic.id, [])
            child_ids[topic.id] = tuple(k.id for k in kids)
            for kid in kids:
                nodes[kid.id] = kid
        position = {node_id: index for index, node_id in enumerate(nodes)}
        return cls(meta, nodes, child_ids, position)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.nodes

    def __len__(self) -> int:
        return len(self.nodes)

    def node(self, node_id: str) -> Node:
        """The node with this id; ``KeyError`` if there is none."""
        return self.nodes[node_id]

    def get(self, node_id: str) -> Node | None:
        """The node with this id, or ``None``."""
        return self.nodes.get(node_id)

    def topics(self) -> tuple[Node, ...]:
        """The top-level topics in order."""
        return self._child_nodes(None)

    def children(self, node_id: str) -> tuple[Node, ...]:
        """The children of a node in order (empty for leaves)."""
        return self._child_nodes(node_id)

    def _child_nodes(self, node_id: str | None) -> tuple[Node, ...]:
        kids = self._kids.get(node_id)
        if kids is None:
            kids = self._kids[node_id] = tuple(self.nodes[i] for i in self._children.get(node_id, ()))
        return kids

    def parent(self, node_id: str) -> Node | None:
        """The parent topic of a node, ``None`` for a topic."""
        parent = self.nodes[node_id].parent
        return self.nodes[parent] if parent else None

    def breadcrumb(self, node_id: str) -> tuple[Node, ...]:
        """The path from the top: ``(topic,)`` or ``(topic, node)``."""
        node = self.nodes[node_id]
        parent = self.parent(node_id)
        return (parent, node) if parent else (node,)

    def position(self, node_id: str) -> int:
        """The node's index in tree order, for sorting things by where they stand."""
        return self._position[node_id]

    def index_in_parent(self, node_id: str) -> int:
        """Where a node stands among its siblings: a section in its topic, a topic among
        the topics (without building the list of siblings, which a huge topic makes slow)."""
        node = self.nodes[node_id]
        if node.parent is None:
            return self._children[None].index(node_id)
        return self._position[node_id] - self._position[node.parent] - 1  # sections follow their topic

    def walk(self) -> Iterator[Node]:
        """Every node in tree order."""
        return iter(self.nodes.values())

    def suggest(self, node_id: str, limit: int = 3) -> list[str]:
        """The ids closest to a mistyped one, best first."""
        import difflib  # noqa: PLC0415 - only for a mistyped id, kept off start-up

        wanted = node_id.strip().lower()
        ids = list(self.nodes)
        # A bare slug ("bdnf") should find "mechanism/bdnf" before fuzzy matching.
        by_slug = [i for i in ids if i.rsplit("/", 1)[-1] == wanted]
        close = difflib.get_close_matches(wanted, ids, n=limit, cutoff=0.5)
        slugs = {i.rsplit("/", 1)[-1]: i for i in ids}
        close += [slugs[s] for s in difflib.get_close_matches(wanted, slugs, n=limit, cutoff=0.6)]
        return list(dict.fromkeys(by_slug + close))[:limit]

    def citing(self, ref: str) -> tuple[Node, ...]:
        """Nodes whose provenance names this source paragraph (``sources/slug#ref``)."""
        return tuple(n for n in self.nodes.values() if ref in n.provenance)

    def paragraph(self, ref: str) -> SourceParagraph | None:
        """Resolve ``sources/slug#ref`` to the paragraph it names."""
        source_id, _, para = ref.partition("#")
        source = self.nodes.get(source_id)
        if source is None:
            return None
        return next((p for p in source.paragraphs if p.ref == para), None)
