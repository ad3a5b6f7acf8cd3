"""Render nodes as text for places without a screen: the CLI and exports.

The app renders the same nodes with widgets; both describe a node the same way
(breadcrumb, evidence label, provenance), and the wording lives here so that the two
cannot drift apart.
"""

from __future__ import annotations

import re

from tui.content.model import Content, Node, SourceParagraph

_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def breadcrumb_text(content: Content, node_id: str) -> str:
    """``Topic › Section`` for a node."""
    return " › ".join(n.title for n in content.breadcrumb(node_id))


def evidence_text(node: Node) -> str | None:
    """``Reported trial: 100 patients``; ``None`` when the node has no label."""
    level = node.evidence_level
    if level is None:
        return None
    return f"{level.badge}: {node.evidence_detail}" if node.evidence_detail else level.badge


def provenance_text(content: Content, node: Node) -> str | None:
    """Where a node comes from, in words: the source title and its paragraph numbers."""
    if node.editorial:
        return "Editorial: not from the source"
    if not node.provenance:
        return None
    by_source: dict[str, list[str]] = {}
    for ref in node.provenance:
        source_id, _, para = ref.partition("#")
        by_source.setdefault(source_id, []).append(para.replace("p", "¶", 1))
    parts = []
    for source_id, paras in by_source.items():
        source = content.get(source_id)
        title = source.title if source else source_id
        parts.append(f"{title}, {', '.join(paras)}")
    return "Source: " + "; ".join(parts)


def plain(markdown: str) -> str:
    """Markdown emphasis removed, for plain-text output (lists and paragraphs stay)."""
    return _EMPHASIS.sub(r"\2", markdown)


def node_markdown(content: Content, node: Node, *, heading_level: int = 1) -> str:
    """One node as a Markdown block: heading, evidence, body, editorial note, provenance."""
    hashes = "#" * heading_level
    lines = [f"{hashes} {node.title}", ""]
    evidence = evidence_text(node)
    if evidence:
        lines += [f"*Evidence: {evidence}*", ""]
    lines += [node.body.strip(), ""]
    if node.kind == "source":
        lines += [_paragraph_list(content, node), ""]
    if node.see_also:
        names = ", ".join(content.node(i).title for i in node.see_also if i in content)
        lines += [f"See also: {names}", ""]
    if node.editorial_note:
        lines += [f"> **Editorial note:** {node.editorial_note}", ""]
    provenance = provenance_text(content, node)
    if provenance:
        lines += [f"*{provenance}*", ""]
    return "\n".join(lines).rstrip() + "\n"


def paragraph_uses(content: Content, source: Node) -> list[tuple[SourceParagraph, list[Node]]]:
    """Each paragraph of a source with the nodes that restate it (one pass over the pack)."""
    citing: dict[str, list[Node]] = {}
    for node in content.walk():
        for ref in dict.fromkeys(node.provenance):  # a ref listed twice still cites once
            citing.setdefault(ref, []).append(node)
    return [(para, citing.get(f"{source.id}#{para.ref}", [])) for para in source.paragraphs]


def _paragraph_list(content: Content, source: Node) -> str:
    rows = []
    for para, cited in paragraph_uses(content, source):
        used = ", ".join(n.id for n in cited) if cited else "not cited"
        rows.append(f'- ¶{para.ref[1:]} ({para.heading}): "{para.first_words}" → {used}')
    return "\n".join(rows)


def document_markdown(content: Content, node_id: str) -> str:
    """What the reader shows for a node: a topic with all its children, or one node."""
    node = content.node(node_id)
    if node.kind != "topic":
        return node_markdown(content, node)
    parts = [f"# {node.title}\n\n{node.body.strip()}\n"]
    parts += [node_markdown(content, child, heading_level=2) for child in content.children(node_id)]
    return "\n".join(parts)
