"""The reader: a topic's summary and all its sections, scrolled to the open node.

A topic is one document, so reading it top to bottom needs nothing but scrolling;
opening a section of the topic already shown only scrolls. The document is rebuilt
when the topic changes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import NamedTuple

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tui.app.safe import literal
from tui.app.widgets.evidence_badge import EvidenceBadge
from tui.app.widgets.prose import Highlight, Prose
from tui.content import Content as Pack
from tui.content import Node
from tui.content.document import paragraph_uses, provenance_text


class Annotation(NamedTuple):
    """What the reader attached to a node."""

    bookmarked: bool = False
    note: str | None = None


NO_ANNOTATION = Annotation()


class AnnotationView(Static):
    """The reader's bookmark flag and note under a node's text, shown exactly as written.

    One widget (not one per line): a topic switch mounts one of these per section.
    """

    def __init__(self, annotation: Annotation) -> None:
        super().__init__(classes="annotation")
        self.annotation = annotation
        self.show(annotation)

    def show(self, annotation: Annotation) -> None:
        self.annotation = annotation
        parts: list[Content] = []
        if annotation.bookmarked:
            parts.append(Content.styled("★ Bookmarked", "bold"))
        if annotation.note is not None:
            parts += [Content.styled("Your note", "bold"), literal(annotation.note)]
        self.update(Content("\n").join(parts))
        self.display = bool(parts)


def annotation_view(annotation: Annotation) -> list[AnnotationView]:
    """The view for a block, only when there is something to show: most sections have no
    bookmark or note, and a widget apiece is a tenth of a topic's widgets at start-up.
    :meth:`Reader.annotate` mounts one when a bookmark or note is added later."""
    return [AnnotationView(annotation)] if annotation != NO_ANNOTATION else []


WINDOW = 40
"""At most this many sections of a topic are mounted at once; more load as you scroll."""


def block_id(node_id: str) -> str:
    """A widget id for a node's block (node ids are validated slugs, ``/`` aside)."""
    return "node-" + node_id.replace("/", "--")


class NodeBlock(Vertical):
    """One section, term or source: title, evidence badge, text, editorial note, provenance."""

    def __init__(self, pack: Pack, node: Node, annotation: Annotation = NO_ANNOTATION) -> None:
        super().__init__(id=block_id(node.id), classes="node-block")
        self.node = node
        self._pack = pack
        self._annotation = annotation

    def compose(self) -> ComposeResult:
        node = self.node
        yield Static(literal(node.title), classes="block-title")
        level = node.evidence_level
        if level is not None:
            yield EvidenceBadge(level, node.evidence_detail)
        yield Prose(node.body, classes="block-body")
        if node.kind == "source":
            yield Prose(_paragraph_map(self._pack, node), classes="paragraph-map")
        if node.see_also:
            titles = [self._pack.node(i).title for i in node.see_also if i in self._pack]
            yield Static(literal("See also: " + ", ".join(titles)), classes="see-also")
        if node.editorial_note:
            with Vertical(classes="editorial-note"):
                yield Static("Editorial note", classes="editorial-note-title")
                yield Prose(node.editorial_note)
        provenance = provenance_text(self._pack, node)
        if provenance:
            yield Static(literal(provenance), classes="provenance")
        yield from annotation_view(self._annotation)


def _paragraph_map(pack: Pack, source: Node) -> str:
    lines = ["**Paragraphs, and where this explorer uses them:**", ""]
    for para, cited in paragraph_uses(pack, source):
        used = ", ".join(n.title for n in cited) if cited else "not used"
        lines.append(f"- ¶{para.ref[1:]} *{para.first_words}* → {used}")
    return "\n".join(lines)


class TopicIntro(Vertical):
    """The head of a topic's document: its title and summary."""

    def __init__(self, topic: Node, annotation: Annotation = NO_ANNOTATION) -> None:
        super().__init__(id=block_id(topic.id), classes="topic-intro")
        self.node = topic
        self._annotation = annotation

    def compose(self) -> ComposeResult:
        yield Static(literal(self.node.title), classes="topic-title")
        yield Prose(self.node.body, classes="topic-summary")
        yield from annotation_view(self._annotation)


class Reader(VerticalScroll, can_focus=True):
    """Shows the document of the open node's topic, with the open node marked."""

    def __init__(
        self,
        pack: Pack,
        *,
        first: str | None = None,
        annotations: Mapping[str, Annotation] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._pack = pack
        self._annotations: dict[str, Annotation] = dict(annotations or {})
        self.topic_id: str | None = None
        """The topic whose document is mounted."""
        self._first = first or ""
        self._window = (0, 0)
        """The slice of the topic's sections that is mounted (large topics are windowed)."""
        self._topic_size = 0
        """How many sections the shown topic has (kept, so scrolling need not count them)."""
        self._loading = False
        if first is not None:
            node = pack.node(first)
            self.topic_id = node.parent or node.id
        self.node_id: str | None = None
        """The node marked current and scrolled to."""
        self._wanted: str | None = None
        self._lock = asyncio.Lock()
        self._highlight: Highlight | None = None

    def compose(self) -> ComposeResult:
        # The first document is composed with the screen: one layout pass at start-up.
        if self.topic_id is not None:
            yield from self._document(self.topic_id, self._first)

    def _window_for(self, topic_id: str, node_id: str) -> tuple[int, int]:
        """Which of a topic's sections to mount: all of them, or a window around the node."""
        children = self._pack.children(topic_id)
        if len(children) <= WINDOW:
            return 0, len(children)
        index = next((i for i, child in enumerate(children) if child.id == node_id), 0)
        start = max(0, index - WINDOW // 4)
        return start, min(len(children), start + WINDOW)

    def _document(self, topic_id: str, node_id: str) -> list[Widget]:
        get = self._annotations.get
        self._window = self._window_for(topic_id, node_id)
        self._topic_size = len(self._pack.children(topic_id))
        start, end = self._window
        blocks: list[Widget] = [TopicIntro(self._pack.node(topic_id), get(topic_id, NO_ANNOTATION))]
        if start:
            blocks.append(
                Static(f"▲ {start:,} earlier sections: move up in the tree to open them", classes="more-note")
            )
        children = self._pack.children(topic_id)[start:end]
        blocks += [NodeBlock(self._pack, child, get(child.id, NO_ANNOTATION)) for child in children]
        return blocks

    async def _load_more(self) -> None:
        """Scrolled near the end of a windowed topic: mount the next sections."""
        if self.topic_id is None or self._loading:
            return
        children = self._pack.children(self.topic_id)
        start, end = self._window
        if end >= len(children):
            return
        self._loading = True
        try:
            more = children[end : end + WINDOW // 2]
            get = self._annotations.get
            await self.mount_all([NodeBlock(self._pack, child, get(child.id, NO_ANNOTATION)) for child in more])
            self._window = (start, end + len(more))
            if self._highlight is not None:
                self.highlight(self._highlight)
        finally:
            self._loading = False

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        near_end = new >= self.max_scroll_y - self.size.height
        if near_end and self.topic_id is not None and self._window[1] < self._topic_size:
            self.call_next(self._load_more)

    def _in_window(self, node_id: str) -> bool:
        """Whether the node's block is mounted (a topic wants its window to start at its top)."""
        if self._pack.node(node_id).parent is None:
            return self._window[0] == 0
        return bool(self.query(f"#{block_id(node_id)}"))

    def highlight(self, highlight: Highlight | None) -> None:
        """Mark a search's words in the document shown (None clears the marks)."""
        self._highlight = highlight
        for prose in self.query(Prose).results(Prose):
            prose.highlight(highlight)

    @property
    def highlighting(self) -> bool:
        return self._highlight is not None

    def step_match(self, forward: bool) -> bool:
        """Scroll to the next (or previous) marked word; False when there is none."""
        rows = sorted(
            {prose.region.y - self.region.y + round(self.scroll_y) + line
             for prose in self.query(Prose).results(Prose) for line in prose.match_lines}
        )  # fmt: skip
        here = round(self.scroll_y) + 2  # matches are placed two rows below the top
        ahead = [row for row in rows if row > here] if forward else [row for row in rows if row < here]
        if not ahead:
            return False
        target = ahead[0] if forward else ahead[-1]
        self.scroll_to(y=max(0, target - 2), animate=False)
        return True

    def annotate(self, node_id: str, annotation: Annotation) -> None:
        """Show a changed bookmark or note (now, if the node's document is mounted)."""
        self._annotations[node_id] = annotation
        for block in self.query(f"#{block_id(node_id)}"):
            views = block.query_children(AnnotationView)
            if views:
                views.first().show(annotation)
            else:
                block.mount_all(annotation_view(annotation))

    async def show(self, node_id: str) -> None:
        """Show a node: rebuild for a new topic, then scroll the node to the top.

        Calls can overlap when keys arrive faster than a topic mounts; they run one at
        a time, and one that a newer call has superseded does nothing.
        """
        self._wanted = node_id
        async with self._lock:
            if self._wanted == node_id:
                await self._show(node_id)

    async def _show(self, node_id: str) -> None:
        node = self._pack.node(node_id)
        topic_id = node.parent or node.id
        if topic_id != self.topic_id or not self._in_window(node_id):
            with self.app.batch_update():
                await self.remove_children()
                await self.mount_all(self._document(topic_id, node_id))
            self.topic_id = topic_id
            if self._highlight is not None:
                self.highlight(self._highlight)
        self.node_id = node_id
        self.query(".-current").remove_class("-current")
        target = self.query_one(f"#{block_id(node_id)}", Vertical)
        target.add_class("-current")
        if node.parent is None:
            self.scroll_home(animate=False, immediate=True)
        else:
            # Prose lays out in one pass, so after one refresh the target's place is final.
            self.call_after_refresh(self.scroll_to_widget, target, animate=False, top=True)
