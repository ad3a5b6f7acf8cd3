"""What the reader shows for a node, as the parts a :class:`SectionView` draws.

The wording matches the CLI and the exports (:mod:`tui.content.document`): the same
evidence label, provenance and paragraph map. Everything from the pack or the reader
goes through :func:`literal` or the Markdown reader, so none of it is parsed as markup.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.content import Content

from tui.app.safe import literal
from tui.app.widgets.links import Linker
from tui.app.widgets.prose import parse_blocks
from tui.app.widgets.section_view import Box, Gap, Markdown, Part, Rule, Text
from tui.content import Node, Pack
from tui.content.document import (
    EDITORIAL_LABEL,
    NOTE_LABEL,
    breadcrumb_text,
    paragraph_uses,
    provenance_text,
)


class Annotation(NamedTuple):
    """What the reader attached to a node."""

    bookmarked: bool = False
    note: str | None = None


NO_ANNOTATION = Annotation()


def topic_parts(pack: Pack, topic: Node, annotation: Annotation = NO_ANNOTATION) -> list[Part]:
    """The head of a topic's document: its title, a rule, the summary's evidence badge,
    the summary, and the summary's editorial parts and provenance, as a section has."""
    linker = Linker(pack, topic)
    parts: list[Part] = [Text(literal(topic.title), "topic-title"), Rule("rule"), Gap()]
    parts += _badge(topic)
    parts += [Markdown(linker.blocks(parse_blocks(topic.body))), Gap()]
    return parts + _after_text(pack, topic, linker) + annotation_parts(annotation)


def node_parts(pack: Pack, node: Node, annotation: Annotation = NO_ANNOTATION) -> list[Part]:
    """One section, term or source: title, evidence badge, text, editorial parts, provenance."""
    linker = Linker(pack, node)
    parts: list[Part] = [Gap(), Text(literal(node.title), "title")]
    parts += _badge(node)
    parts += [Markdown(linker.blocks(parse_blocks(node.body))), Gap()]
    if node.kind == "source":
        parts += [Markdown(parse_blocks(_paragraph_map(pack, node))), Gap()]
    return parts + _after_text(pack, node, linker) + annotation_parts(annotation)


def _badge(node: Node) -> list[Part]:
    level = node.evidence_level
    if level is None:
        return []
    label = f" {level.badge} · {node.evidence_detail} " if node.evidence_detail else f" {level.badge} "
    badge = "badge-editorial" if level.id == "editorial" else f"badge-strength-{level.strength}"
    # Searchable: the index holds the label too ("proposed mechanism" finds it), so it is marked.
    return [Text(literal(label), badge, tooltip=level.meaning), Gap()]


def _after_text(pack: Pack, node: Node, linker: Linker) -> list[Part]:
    """What follows a node's text: what the editors add (outside facts in an *Editorial*
    box, flags in an *Editorial note*), then see-also and where the text comes from,
    each related node and source a link."""
    parts: list[Part] = []
    if node.editorial_context:
        title = Text(Content(EDITORIAL_LABEL), "editorial-title", searchable=False)
        box = (title, Markdown(linker.blocks(parse_blocks(node.editorial_context))))
        parts += [Box(box, "editorial-edge", "editorial-fill"), Gap()]
    if node.editorial_note:
        title = Text(Content(NOTE_LABEL), "note-title", searchable=False)
        note = Markdown(linker.blocks(parse_blocks(node.editorial_note)))
        parts += [Box((title, note), "note-edge", "note-fill"), Gap()]
    see_also = [related for related in node.see_also if related in pack]
    if see_also:
        entries = [(breadcrumb_text(pack, related), related) for related in see_also]
        parts.append(Text(linker.listed("See also: ", entries, "; "), "muted", searchable=False))
    provenance = provenance_text(pack, node)
    if provenance:
        sources = dict.fromkeys(ref.partition("#")[0] for ref in node.provenance if ref.partition("#")[0] in pack)
        parts.append(
            Text(linker.mentions(provenance, [(pack.node(s).title, s) for s in sources]), "muted", searchable=False)
        )
    if see_also or provenance:
        parts.append(Gap())
    return parts


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
