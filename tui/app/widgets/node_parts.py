"""What the reader shows for a node, as the parts a :class:`SectionView` draws.

The wording matches the CLI and the exports (:mod:`tui.content.document`): the same
evidence label, provenance and paragraph map. Everything from the pack or the reader
goes through :func:`literal` or the Markdown reader, so none of it is parsed as markup.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.content import Content

from tui.app.safe import literal
from tui.app.widgets.prose import parse_blocks
from tui.app.widgets.section_view import Box, Gap, Markdown, Part, Rule, Text
from tui.content import Content as Pack
from tui.content import Node
from tui.content.document import paragraph_uses, provenance_text


class Annotation(NamedTuple):
    """What the reader attached to a node."""

    bookmarked: bool = False
    note: str | None = None


NO_ANNOTATION = Annotation()


def topic_parts(topic: Node, annotation: Annotation = NO_ANNOTATION) -> list[Part]:
    """The head of a topic's document: its title, a rule, its summary."""
    parts: list[Part] = [Text(literal(topic.title), "topic-title"), Rule("rule"), Gap()]
    parts += [Markdown(parse_blocks(topic.body)), Gap()]
    return parts + annotation_parts(annotation)


def node_parts(pack: Pack, node: Node, annotation: Annotation = NO_ANNOTATION) -> list[Part]:
    """One section, term or source: title, evidence badge, text, editorial note, provenance."""
    parts: list[Part] = [Gap(), Text(literal(node.title), "title")]
    level = node.evidence_level
    if level is not None:
        label = f" {level.badge} · {node.evidence_detail} " if node.evidence_detail else f" {level.badge} "
        badge = "badge-editorial" if level.id == "editorial" else f"badge-strength-{level.strength}"
        parts += [Text(literal(label), badge, searchable=False, tooltip=level.meaning), Gap()]
    parts += [Markdown(parse_blocks(node.body)), Gap()]
    if node.kind == "source":
        parts += [Markdown(parse_blocks(_paragraph_map(pack, node))), Gap()]
    if node.see_also:
        titles = [pack.node(i).title for i in node.see_also if i in pack]
        parts.append(Text(literal("See also: " + ", ".join(titles)), "muted", searchable=False))
    if node.editorial_note:
        title = Text(Content("Editorial note"), "note-title", searchable=False)
        parts += [Box((title, Markdown(parse_blocks(node.editorial_note))), "note-edge", "note-fill"), Gap()]
    provenance = provenance_text(pack, node)
    if provenance:
        parts += [Text(literal(provenance), "muted", searchable=False), Gap()]
    return parts + annotation_parts(annotation)


def annotation_parts(annotation: Annotation) -> list[Part]:
    """The reader's bookmark flag and note, the note exactly as written; nothing without either."""
    inside: list[Part] = []
    if annotation.bookmarked:
        inside.append(Text(Content("★ Bookmarked"), "label", searchable=False))
    if annotation.note is not None:
        inside += [Text(Content("Your note"), "label", searchable=False), Text(literal(annotation.note))]
    return [Box(tuple(inside), "annotation-edge", "annotation-fill"), Gap()] if inside else []


def _paragraph_map(pack: Pack, source: Node) -> str:
    lines = ["**Paragraphs, and where this explorer uses them:**", ""]
    for para, cited in paragraph_uses(pack, source):
        used = ", ".join(n.title for n in cited) if cited else "not used"
        lines.append(f"- ¶{para.ref[1:]} *{para.first_words}* → {used}")
    return "\n".join(lines)
