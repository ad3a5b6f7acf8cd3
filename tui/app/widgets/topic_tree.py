"""The tree of topics and their sections, on the left of the main screen."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.app.messages import OpenNode, ScrollReader
from tui.content import Content as Pack
from tui.content import Node
from tui.textsafe import for_terminal

JUMP_KEYS = 6
"""The first six topics have number keys; their labels show the digit."""


class TopicTree(Tree[str]):
    """Topics with their sections as children; each tree node's data is a node id.

    It tells the screen what the reader should show with :class:`OpenNode`: moving the
    cursor previews a node, selecting it (enter, click) opens it.
    """

    def __init__(self, pack: Pack, *, marks: dict[str, str] | None = None, id: str | None = None) -> None:
        # A Text label: a str would be parsed as markup, which loads Rich's emoji table (~0.5 MB).
        super().__init__(Text("Semax"), data="", id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._pack = pack
        self._marks: dict[str, str] = dict(marks or {})
        """Node id → marker text (★ bookmarked, ✎ has a note) shown after the title."""
        self._by_id: dict[str, TreeNode[str]] = {}
        self._topic_index = {topic.id: index for index, topic in enumerate(pack.topics())}
        self._filled: set[str] = set()
        self._populate()

    def _populate(self) -> None:
        # Only the topics: a topic's sections are added when it is first expanded, so a
        # pack of 10,000 sections costs nothing until the reader opens a topic.
        for topic in self._pack.topics():
            has_children = bool(self._pack.children(topic.id))
            self._by_id[topic.id] = self.root.add(self._label(topic), data=topic.id, allow_expand=has_children)

    def _ensure_children(self, topic_id: str) -> None:
        """Add a topic's sections to the tree the first time they are needed."""
        if topic_id in self._filled:
            return
        self._filled.add(topic_id)
        branch = self._by_id[topic_id]
        for child in self._pack.children(topic_id):
            self._by_id[child.id] = branch.add_leaf(self._label(child), data=child.id)

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        event.stop()
        if event.node.data:
            self._ensure_children(event.node.data)

    def _label(self, node: Node) -> Text:
        """Title, after the jump digit of the first six topics and the reader's marks.

        Tree wants Rich Text; ``Text(...)`` never parses markup, and ``for_terminal`` makes
        control characters visible.
        """
        label = Text(for_terminal(node.title))
        mark = self._marks.get(node.id)
        if mark:  # before the title, so a long title never clips it
            label = Text.assemble((f"{mark} ", "bold"), label)
        if node.parent is None:
            index = self._topic_index[node.id]
            if index < JUMP_KEYS:
                label = Text.assemble((f"{index + 1} ", "dim"), label)
        return label

    def set_mark(self, node_id: str, mark: str) -> None:
        """Show (or, with "", clear) the bookmark and note marker before a node's title."""
        self._marks[node_id] = mark
        tree_node = self._by_id.get(node_id)
        if tree_node is not None:
            tree_node.set_label(self._label(self._pack.node(node_id)))

    def reveal(self, node_id: str) -> None:
        """Put the cursor on a node the screen opened, expanding its topic (and closing others).

        Does nothing when the cursor is already there: the screen calls this for every
        node it shows, including the ones the cursor itself moved to.
        """
        node = self._pack.get(node_id)
        if node is not None and node.parent is not None:
            self._ensure_children(node.parent)
        target = self._by_id.get(node_id)
        if target is None or self.cursor_node is target:
            return
        parent = target.parent
        topic = target if parent is self.root else parent
        # Like an accordion: only the topic being read stays open when the screen moves
        # the reader somewhere, so a pack of thousands of sections keeps a short tree.
        for branch in self.root.children:
            if branch is not topic and branch.is_expanded:
                branch.collapse()
        if parent is not None and parent is not self.root:
            parent.expand()
        if target.allow_expand:
            self._ensure_children(node_id)
            target.expand()
        _ = self.last_line  # rebuilds the line index, so newly shown lines are known
        self.move_cursor(target, animate=False)

    def expand_or_enter(self) -> None:
        """Right / l: expand a collapsed topic, else step into its first section."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            if node.data:
                self._ensure_children(node.data)
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0], animate=False)

    def collapse_or_leave(self) -> None:
        """Left / h: collapse an expanded topic, else go up to the parent topic."""
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent, animate=False)

    def action_scroll_home(self) -> None:
        """Home means the top of the reader everywhere (the key contract), not of the tree."""
        self.post_message(ScrollReader(to_end=False))

    def action_scroll_end(self) -> None:
        """End means the bottom of the reader everywhere."""
        self.post_message(ScrollReader(to_end=True))

    def _on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        # Expanding a branch above the cursor makes Tree re-home the cursor and emit a
        # highlight for a line it only passed through; announce only where it rests.
        if event.node is self.cursor_node and event.node.data:
            self.post_message(OpenNode(event.node.data, passing=True))

    def _on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        node = event.node
        if node.allow_expand and not node.is_expanded:
            if node.data:
                self._ensure_children(node.data)
            node.expand()
        if node.data:
            self.post_message(OpenNode(node.data, focus_reader=not node.allow_expand))
