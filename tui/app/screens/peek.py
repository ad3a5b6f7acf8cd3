"""Peek: where a link leads, shown over the page the reader is on.

A glossary term's definition (or any linked section) is read without leaving the page
and without a step in history; enter goes there after all. The node is drawn as the
reader draws it (the same parts: label, text, editorial parts, provenance), so nothing
read here is worded differently.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.app.messages import OpenNode
from tui.app.safe import literal
from tui.app.screens.dialog import Dialog
from tui.app.widgets.list_keys import move_bindings
from tui.app.widgets.node_parts import Annotation, node_parts, topic_parts
from tui.app.widgets.section_view import SECTION_STYLES, SectionView
from tui.content import Pack
from tui.content.document import breadcrumb_text


class PeekBody(VerticalScroll, can_focus=True):
    """The linked node's parts; it declares the section styles its view draws with."""

    COMPONENT_CLASSES = set(SECTION_STYLES)
    BINDINGS = move_bindings(
        down="scroll_down",
        up="scroll_up",
        first="scroll_home",
        last="scroll_end",
        page_down="page_down",
        page_up="page_up",
    )


class PeekScreen(Dialog[str | None]):
    """Dismissed with the node to go to (enter: this one; a click on a link in it: that
    one), or None to stay (escape, q, K)."""

    BINDINGS = [
        Binding("enter", "close(True)", "Go there", show=False),
        Binding("escape,q,K", "close(False)", "Close", show=False),
    ]

    def __init__(self, pack: Pack, node_id: str, annotation: Annotation) -> None:
        super().__init__()
        self._pack = pack
        self._node_id = node_id
        self._annotation = annotation

    def compose(self) -> ComposeResult:
        """Where the node is, its parts, and what the keys do."""
        node = self._pack.node(self._node_id)
        maker = topic_parts if node.parent is None else node_parts
        parts = maker(self._pack, node, self._annotation)
        with Vertical(id="peek-dialog", classes="dialog"):
            yield Static(literal(breadcrumb_text(self._pack, node.id)), classes="dialog-title")
            with PeekBody(id="peek-body"):
                yield SectionView(node.id, parts, id="peek-view")
            yield Static("enter goes there · escape closes · j/k scroll", classes="dialog-hint")

    def on_mount(self) -> None:
        """The text has the keys, so it scrolls at once."""
        self.query_one(PeekBody).focus()

    def action_close(self, go: bool) -> None:
        """enter goes to the node; escape, q or K stays on the page."""
        self.dismiss(self._node_id if go else None)

    @on(OpenNode)
    def _follow(self, message: OpenNode) -> None:
        """A link in the peeked text was clicked: go there (the page is left)."""
        message.stop()
        self.dismiss(message.node_id)
