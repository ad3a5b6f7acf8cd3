"""Render nodes as text for places without a screen: the CLI and exports.

The app renders the same nodes with widgets; both describe a node the same way
(breadcrumb, evidence label, editorial parts, see-also, provenance), and the wording
lives here so that the CLI, the exports and the app cannot drift apart.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from tui.content.model import Node, Pack, SourceParagraph

_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_LIST_ITEM = re.compile(r"([-*+])\s+")
_HEADING = re.compile(r"#{1,6}\s+")
_LINK = re.compile(r"(?<!\\)\[([^\]\\\n]*)\]\([^)\s]*\)")
_BULLET = re.compile(r"^\s*• ")

EDITORIAL_LABEL = "Editorial"
"""The heading of a node's ``editorial_context``: what the source does not say."""
NOTE_LABEL = "Editorial note"
"""The heading of a node's ``editorial_note``: where the source overstates or is unclear."""
EDITORIAL_PROVENANCE = "Editorial: not from the source"


def breadcrumb_text(content: Pack, node_id: str) -> str:
    """``Topic › Section`` for a node."""
    return " › ".join(n.title for n in content.breadcrumb(node_id))


def evidence_text(node: Node) -> str | None:
    """``Reported trial: 100 patients``; ``None`` when the node has no label."""
    level = node.evidence_level
    if level is None:
        return None
    return f"{level.badge}: {node.evidence_detail}" if node.evidence_detail else level.badge


def provenance_text(content: Pack, node: Node) -> str | None:
    """Where a node comes from, on one line: the source title and its paragraph numbers."""
    if node.editorial:
        return EDITORIAL_PROVENANCE
    if not node.provenance:
        return None
    parts = []
    for source_id, paras in _by_source(node).items():
        parts.append(f"{_source_title(content, source_id)}, {', '.join(_number(p) for p in paras)}")
    return "Source: " + "; ".join(parts)


def provenance_lines(content: Pack, node: Node) -> list[str]:
    """Where a node comes from, with each cited paragraph's opening words, so a reader
    can find the paragraph without opening the source: ``¶10 "In one clinical trial…"``."""
    if node.editorial:
        return [EDITORIAL_PROVENANCE]
    lines = []
    for source_id, paras in _by_source(node).items():
        lines.append(f"Source: {_source_title(content, source_id)}")
        for para in paras:
            found = content.paragraph(f"{source_id}#{para}")
            lines.append(paragraph_label(found) if found else _number(para))
    return lines


def paragraph_label(para: SourceParagraph) -> str:
    """``¶10 "In one clinical trial, 100 patients…"``: a paragraph's number and opening words.

    A bullet's ``first_words`` are the whole bullet (docs/schema.md), so it gets no "…"."""
    words = para.first_words.rstrip()
    whole = "." in para.ref or words.endswith((".", ":", "?", "!"))
    ending = "" if whole else "…"
    return f'{_number(para.ref)} "{words}{ending}"'


def see_also_text(content: Pack, node: Node) -> str | None:
    """``See also: Safety and status › Regulatory status; Uses › ADHD``, or ``None``.

    Breadcrumbs, not bare titles: three nodes are called "ADHD"."""
    crumbs = [breadcrumb_text(content, i) for i in node.see_also if i in content]
    return "See also: " + "; ".join(crumbs) if crumbs else None


def plain(markdown: str) -> str:
    """Markdown emphasis removed, for plain-text output (lists and paragraphs stay)."""
    return _EMPHASIS.sub(r"\2", markdown)


def markdown_text(markdown: str) -> str:
    """Markdown as a person reads it in plain text: no emphasis markers or escapes,
    list items as indented bullets, quotes and headings without their markers."""
    escapes: list[str] = []

    def hold(match: re.Match[str]) -> str:
        escapes.append(match.group(1))
        return f"\0{len(escapes) - 1}\0"

    lines = []
    for line in _ESCAPED.sub(hold, markdown.strip()).splitlines():
        text = line.lstrip()
        indent = " " * (len(line) - len(text))
        item, heading = _LIST_ITEM.match(text), _HEADING.match(text)
        if item:
            text = f"  {indent}• {text[item.end() :]}"
        elif heading:
            text = indent + text[heading.end() :]
        elif text.startswith(">"):
            text = indent + text[1:].lstrip()
        else:
            text = indent + text
        lines.append(text)
    text = "\n".join(lines)
    while True:
        stripped = _EMPHASIS.sub(r"\2", text)
        if stripped == text:
            break
        text = stripped
    return re.sub(r"\0(\d+)\0", lambda m: escapes[int(m.group(1))], text)


def reading_text(markdown: str) -> str:
    """Markdown as one run of reading text, for a search snippet: no list dashes or bullets,
    no emphasis markers, heading or quote marks, links as their words; lines joined by a space
    (a snippet is one line, and a dash between list items read as punctuation that is not there)."""
    lines = (_BULLET.sub("", line).strip() for line in markdown_text(_LINK.sub(r"\1", markdown)).splitlines())
    return " ".join(line for line in lines if line)


def paragraph_map(content: Pack, source: Node) -> list[str]:
    """Each paragraph of a source and the nodes built from it, one line each."""
    rows = []
    for para, cited in paragraph_uses(content, source):
        used = ", ".join(n.id for n in cited) if cited else "not cited"
        rows.append(f'{_number(para.ref)} ({para.heading}): "{para.first_words}" → {used}')
    return rows


class TextLine(NamedTuple):
    """One line of a node shown as plain text, with its role so the CLI can style it."""

    role: Literal["title", "evidence", "text", "label", "muted", "blank"]
    text: str = ""
    label: str = ""
    """Words set before the text in bold, e.g. ``Editorial note: ``."""


def node_lines(content: Pack, node: Node) -> list[TextLine]:
    """A node as plain text: title, label, text, the editorial parts, see-also, sources."""
    lines = [TextLine("title", node.title)]
    evidence = evidence_text(node)
    if evidence:
        lines.append(TextLine("evidence", f"[{evidence}]"))
    lines += [TextLine("blank"), TextLine("text", markdown_text(node.body))]
    if node.kind == "source":
        lines += [TextLine("blank"), TextLine("label", "Paragraphs, and where this explorer uses them:")]
        lines += [TextLine("text", f"  {row}") for row in paragraph_map(content, node)]
    if node.editorial_context:
        context = "\n".join(f"  {line}" if line else "" for line in markdown_text(node.editorial_context).split("\n"))
        lines += [TextLine("blank"), TextLine("label", f"{EDITORIAL_LABEL}:"), TextLine("text", context)]
    if node.editorial_note:
        lines += [TextLine("blank"), TextLine("text", markdown_text(node.editorial_note), f"{NOTE_LABEL}: ")]
    see_also = see_also_text(content, node)
    provenance = provenance_lines(content, node)
    if see_also or provenance:
        lines.append(TextLine("blank"))
    if see_also:
        lines.append(TextLine("muted", see_also))
    for index, line in enumerate(provenance):
        lines.append(TextLine("muted", line if index == 0 or node.editorial else f"  {line}"))
    return lines


def node_markdown(content: Pack, node: Node, *, heading_level: int = 1) -> str:
    """One node as a Markdown block: heading, evidence, body, editorial parts, provenance."""
    hashes = "#" * heading_level
    lines = [f"{hashes} {node.title}", ""]
    return "\n".join(lines + _markdown_parts(content, node)).rstrip() + "\n"


def _markdown_parts(content: Pack, node: Node) -> list[str]:
    lines = []
    evidence = evidence_text(node)
    if evidence:
        lines += [f"*Evidence: {evidence}*", ""]
    lines += [node.body.strip(), ""]
    if node.kind == "source":
        lines += ["\n".join(f"- {row}" for row in paragraph_map(content, node)), ""]
    if node.editorial_context:
        quoted = "\n".join(f"> {line}".rstrip() for line in node.editorial_context.strip().splitlines())
        lines += [f"> **{EDITORIAL_LABEL}:**\n>\n{quoted}", ""]
    if node.editorial_note:
        lines += [f"> **{NOTE_LABEL}:** {node.editorial_note}", ""]
    see_also = see_also_text(content, node)
    if see_also:
        lines += [see_also, ""]
    provenance = provenance_lines(content, node)
    if provenance:
        lines += [f"*{provenance[0]}*", ""]
        if provenance[1:]:
            lines += ["\n".join(f"- {line}" for line in provenance[1:]), ""]
    return lines


def paragraph_uses(content: Pack, source: Node) -> list[tuple[SourceParagraph, list[Node]]]:
    """Each paragraph of a source with the nodes that restate it (one pass over the pack)."""
    citing: dict[str, list[Node]] = {}
    for node in content.walk():
        for ref in dict.fromkeys(node.provenance):  # a ref listed twice still cites once
            citing.setdefault(ref, []).append(node)
    return [(para, citing.get(f"{source.id}#{para.ref}", [])) for para in source.paragraphs]


def document_markdown(content: Pack, node_id: str) -> str:
    """What the reader shows for a node: a topic with all its children, or one node."""
    node = content.node(node_id)
    if node.kind != "topic":
        return node_markdown(content, node)
    head = "\n".join([f"# {node.title}", "", *_markdown_parts(content, node)]).rstrip() + "\n"
    parts = [head, *(node_markdown(content, child, heading_level=2) for child in content.children(node_id))]
    return "\n".join(parts)


def _by_source(node: Node) -> dict[str, list[str]]:
    by_source: dict[str, list[str]] = {}
    for ref in node.provenance:
        source_id, _, para = ref.partition("#")
        by_source.setdefault(source_id, []).append(para)
    return by_source


def _source_title(content: Pack, source_id: str) -> str:
    source = content.get(source_id)
    return source.title if source else source_id


def _number(ref: str) -> str:
    """``p10`` as the reader sees it: ``¶10``."""
    return ref.replace("p", "¶", 1)
