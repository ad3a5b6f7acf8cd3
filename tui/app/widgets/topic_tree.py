"""The tree of topics and their sections, on the left of the main screen."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.app.internals.tree_lines import RowCache, lay_out_lines, render_row, row_look
from tui.app.messages import OpenNode
from tui.content import Node, Pack
from tui.textsafe import for_terminal

JUMP_KEYS = 6
"""The first six topics have number keys; their labels show the digit."""

PAGE = 100
"""A topic shows at most this many sections in the tree at a time.

Every shipped topic fits. A topic of a huge pack shows the hundred around the open
section, with a row at either end that loads the next hundred when the cursor reaches
it: Tree re-indexes every visible row when a topic opens, so a topic of thousands of
rows made each switch to it noticeably slower (docs/performance.md).
"""


class TopicTree(Tree[str]):
    """Topics with their sections as children; each tree node's data is a node id.

    The screen moves its cursor (keys, and following the reader); a click on a row tells
    the screen with :class:`OpenNode`.
    """

    PANE_NAME = "Tree"
    """What the key bar calls this pane while it has focus."""

    def __init__(self, pack: Pack, *, marks: dict[str, str] | None = None, id: str | None = None) -> None:
        # A Text label: a str would be parsed as markup, which loads Rich's large emoji
        # table (docs/performance.md).
        super().__init__(Text("Semax"), data="", id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._pack = pack
        self._marks: dict[str, str] = dict(marks or {})
        """Node id → marker text (★ bookmarked, ✎ has a note) shown after the title."""
        self._by_id: dict[str, TreeNode[str]] = {}
        self._topic_index = {topic.id: index for index, topic in enumerate(pack.topics())}
        self._shown: dict[str, tuple[int, int]] = {}
        """Topic id → the slice of its sections that has rows (all of them, or a page)."""
        self._frame: tuple[Style, int, int] | None = None
        """The widget's style, its width and the width that shows, while a frame is drawn
        (see :meth:`render_lines`)."""
        self._rows = RowCache()
        """Rows as drawn, by what they show: a row the cursor passed is not drawn again."""
        self._more: dict[int, tuple[str, bool]] = {}
        """Tree node id of a "more sections" row → (its topic, True for the later ones)."""
        self.minimum: int | None = None
        """Only nodes whose evidence is at least this strong have rows (None: every node)."""
        self._kept: dict[str, tuple[Node, ...]] = {}
        """A topic's children that pass :attr:`minimum`, worked out once per minimum."""
        self._populate()

    def _populate(self) -> None:
        # Only the topics: a topic's sections are added when it is first expanded, so a
        # pack of 10,000 sections costs nothing until the reader opens a topic.
        for topic in self._pack.topics():
            has_children = bool(self._children(topic.id))
            self._by_id[topic.id] = self.root.add(self._label(topic), data=topic.id, allow_expand=has_children)

    def _ensure_children(self, topic_id: str, around: str | None = None) -> None:
        """Give a topic's sections rows: all of them, or the :data:`PAGE` around the
        section ``around`` (without one, the page shown already, else the first)."""
        children = self._children(topic_id)
        index = self._index_in_topic(topic_id, around) if around is not None else 0
        shown = self._shown.get(topic_id)
        if shown is not None and (around is None or shown[0] <= index < shown[1]):
            return
        branch = self._by_id[topic_id]
        if shown is not None:  # a section outside the page: start a new page around it
            for child in children[shown[0] : shown[1]]:
                del self._by_id[child.id]
            self._more = {key: more for key, more in self._more.items() if more[0] != topic_id}
            branch.remove_children()
        start = max(0, min(index - PAGE // 2, len(children) - PAGE))
        end = min(len(children), start + PAGE)
        self._shown[topic_id] = (start, end)
        if start:
            self._add_more_row(branch, topic_id, later=False, count=start)
        for child in children[start:end]:
            self._by_id[child.id] = branch.add_leaf(self._label(child), data=child.id)
        if end < len(children):
            self._add_more_row(branch, topic_id, later=True, count=len(children) - end)

    def _add_more_row(self, branch: TreeNode[str], topic_id: str, *, later: bool, count: int) -> None:
        row = branch.add_leaf(self._more_label(later, count), data="", before=None if later else 0)
        self._more[row.id] = (topic_id, later)

    @staticmethod
    def _more_label(later: bool, count: int) -> Text:
        arrow, which = ("▼", "later") if later else ("▲", "earlier")
        return Text(f"{arrow} {count:,} {which} sections", style="dim italic")

    def _load_more(self, row: TreeNode[str]) -> str:
        """The cursor reached a "more sections" row: give the next page rows, and put the
        cursor on the section that follows (or precedes) the one it came from; its id."""
        topic_id, later = self._more[row.id]
        children = self._children(topic_id)
        start, end = self._shown[topic_id]
        branch = self._by_id[topic_id]
        if later:
            new = children[end : end + PAGE]
            for child in new:
                self._by_id[child.id] = branch.add_leaf(self._label(child), data=child.id, before=row)
            self._shown[topic_id] = (start, end + len(new))
            left = len(children) - end - len(new)
            land = new[0]
        else:
            new = children[max(0, start - PAGE) : start]
            first = self._by_id[children[start].id]
            for child in new:
                self._by_id[child.id] = branch.add_leaf(self._label(child), data=child.id, before=first)
            self._shown[topic_id] = (start - len(new), end)
            left = start - len(new)
            land = new[-1]
        if left:
            row.set_label(self._more_label(later, left))
        else:
            del self._more[row.id]
            row.remove()
        lay_out_lines(self)  # so the new rows have their lines before the cursor moves
        self.move_cursor(self._by_id[land.id], animate=False)
        return land.id

    def _children(self, topic_id: str) -> tuple[Node, ...]:
        """A topic's children that have rows: all of them, or under a minimum of evidence
        the ones at least that strong."""
        children = self._pack.children(topic_id)
        if self.minimum is None:
            return children
        kept = self._kept.get(topic_id)
        if kept is None:
            minimum = self.minimum
            kept = self._kept[topic_id] = tuple(
                child for child in children if (level := child.evidence_level) is not None and level.strength >= minimum
            )
        return kept

    def _index_in_topic(self, topic_id: str, node_id: str) -> int:
        """Where a node stands among its topic's children that have rows."""
        if self.minimum is None:
            return self._pack.index_in_parent(node_id)
        return self._children(topic_id).index(self._pack.node(node_id))

    def shows(self, node_id: str) -> bool:
        """Whether a node has a place in the tree under the current minimum (every topic does)."""
        node = self._pack.get(node_id)
        if node is None:
            return False
        if node.parent is None or self.minimum is None:
            return True
        level = node.evidence_level
        return level is not None and level.strength >= self.minimum

    def set_minimum(self, minimum: int | None, around: str | None = None) -> None:
        """Keep only the sections at least ``minimum`` strong (None: all of them again);
        the tree is built anew with the cursor on ``around``, or its topic if it has no row."""
        self.minimum = minimum
        self._kept.clear()
        self._by_id.clear()
        self._shown.clear()
        self._more.clear()
        self.clear()
        self._populate()
        if around is not None and around in self._pack:
            node = self._pack.node(around)
            self.reveal(around if self.shows(around) else (node.parent or around))

    def render_lines(self, crop: Region) -> list[Strip]:
        """Tree works out the widget's style (walking every ancestor) and its size for each
        line it draws; they cannot change within a frame, so they are worked out once here."""
        self._frame = self._frame_now()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _frame_now(self) -> tuple[Style, int, int]:
        # The width that shows is the tree's less its scroll bar: the bar is drawn over the
        # row's last cells, so a "…" put there was hidden under it when the tree scrolled.
        return self.rich_style, self.size.width, self.scrollable_content_region.width

    def render_line(self, y: int) -> Strip:
        """A row drawn with the frame's style (:func:`~tui.app.internals.tree_lines.render_row`),
        and a title too long for the tree's width ending in "…" rather than cut off.

        A row that looks as it did when it was last drawn (the cursor passed it in a burst of
        keys) is not drawn again (:class:`~tui.app.internals.tree_lines.RowCache`)."""
        style, width, shown = self._frame if self._frame is not None else self._frame_now()
        look = row_look(self, y, style, shown)
        kept = self._rows.get(look) if look is not None else None
        if kept is not None:
            return kept
        row = render_row(self, y, style, extra=1)
        if not row.crop(shown - 1, width + 1).text.strip():  # nothing reaches the edge
            strip = row.crop(0, width)
        else:
            segments = list(row.crop(0, shown - 1))
            last_style = segments[-1].style if segments else style
            strip = Strip([*segments, Segment("…", last_style)], shown).extend_cell_length(width, style)
        if look is not None:
            self._rows.put(look, strip)
        return strip

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

    def row(self, node_id: str) -> TreeNode[str] | None:
        """The row showing a node, if its topic has rows (a huge topic has a page of them)."""
        return self._by_id.get(node_id)

    @property
    def row_ids(self) -> list[str]:
        """The ids of every node that has a row now."""
        return list(self._by_id)

    def label_of(self, node_id: str) -> str:
        """The label a node's row shows (or would show), marks and digit included."""
        row = self._by_id.get(node_id)
        return str(row.label if row is not None else self._label(self._pack.node(node_id)))

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
        if node is not None and node.parent is not None and not self.shows(node_id):
            node_id = node.parent  # filtered out: its topic's row stands for it
            node = self._pack.get(node_id)
        if node is not None and node.parent is not None:
            self._ensure_children(node.parent, around=node_id)
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
        # Only what is closed is opened: expanding an open row still lays the whole tree
        # out again and redraws every row, on each step of the scroll-spy.
        if parent is not None and parent is not self.root and not parent.is_expanded:
            parent.expand()
        if target.allow_expand:
            self._ensure_children(node_id)
            if not target.is_expanded:
                target.expand()
        lay_out_lines(self)  # so newly shown rows have their lines before the cursor moves
        self.move_cursor(target, animate=False)

    # --- moving the cursor: each returns the node it rests on, at once -----------------
    #
    # The screen asks for these as the keys arrive, and shows the node returned before the
    # next key is read: the tree never announces where its cursor went on its own (a
    # highlight Textual sends later, after lines shifted under the cursor, once opened a
    # node nobody chose), so keys typed in a burst land where they would typed slowly.

    @property
    def node_under_cursor(self) -> str | None:
        """The id of the node under the cursor (None on a "more sections" row)."""
        node = self.cursor_node
        return node.data if node is not None and node.data else None

    def step(self, rows: int) -> str | None:
        """Move the cursor ``rows`` down (up when negative), stopping at either end rather
        than wrapping; a "more sections" row on the way gives the next page rows."""
        for _ in range(abs(rows)):
            before = self.cursor_line
            self.action_cursor_down() if rows > 0 else self.action_cursor_up()
            node = self.cursor_node
            if node is not None and node.id in self._more:
                self._load_more(node)
            if self.cursor_line == before:
                break
        return self.node_under_cursor

    def to_edge(self, last: bool) -> str | None:
        """g / G: the first or the last row."""
        if self.last_line >= 0:
            self.move_cursor_to_line(self.last_line if last else 0)
        node = self.cursor_node
        if node is not None and node.id in self._more:
            self._load_more(node)
        return self.node_under_cursor

    def expand_or_enter(self) -> str | None:
        """Right / l: expand a collapsed topic, else step into its first section."""
        node = self.cursor_node
        if node is None:
            return None
        if node.allow_expand and not node.is_expanded:
            if node.data:
                self._ensure_children(node.data)
            node.expand()
        elif node.children:
            lay_out_lines(self)
            self.move_cursor(node.children[0], animate=False)
            if node.children[0].id in self._more:
                self._load_more(node.children[0])
        return self.node_under_cursor

    def collapse_or_leave(self) -> str | None:
        """Left / h: collapse an expanded topic, else go up to the parent topic."""
        node = self.cursor_node
        if node is None:
            return None
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent, animate=False)
        return self.node_under_cursor

    def _on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()  # where the cursor went was said when it was moved (see above)

    def _on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        """A click on a row: open it (a section: and read it)."""
        event.stop()
        node = event.node
        if node.id in self._more:
            landed = self._load_more(node)
            self.post_message(OpenNode(landed, passing=True))
            return
        if node.allow_expand and not node.is_expanded:
            if node.data:
                self._ensure_children(node.data)
            node.expand()
        if node.data:
            self.post_message(OpenNode(node.data, focus_reader=not node.allow_expand))
