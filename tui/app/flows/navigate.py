"""Moving through the pack: the tree's keys and the reader's, jumps, back and forward.

One rule keeps the tree and the reader from driving each other: the screen's ``current``
node is the one position, and every key that moves changes it at once, as the key is
read. In the tree, a key moves the cursor and the screen shows the node it rests on
(the reader follows); in the reader, a key scrolls, and the section that reaches the top
becomes the node read (the tree and the title follow, :class:`~tui.app.messages.ReadingAt`).
Neither ever answers the other's following with a move of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from textual.css.scalar import Unit

from tui.app.internals.after_layout import LayoutWaits
from tui.app.internals.key_order import hold_keys
from tui.app.widgets.reader import Reader
from tui.app.widgets.topic_tree import TopicTree

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


MIN_TREE_WIDTH = 16
"""The narrowest tree: the digit, a marker and a few letters of a title."""

MIN_READER_WIDTH = 30
"""The tree never takes so much that the reader has less than this."""


class NavigateFlow:
    """The keys that move: in the tree when it has focus, else in the reader."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    @property
    def tree(self) -> TopicTree:
        """The topic tree."""
        return self.screen.query_one(TopicTree)

    @property
    def reader(self) -> Reader:
        """The reader."""
        return self.screen.query_one(Reader)

    def _in_tree(self) -> bool:
        # The screen's focus, not the widget's ``has_focus``: that follows a Focus message
        # still queued behind the keys of a burst ("5 tab G" must scroll the reader).
        return self.screen.focused is self.tree

    def _rest_on(self, node_id: str | None) -> None:
        """The tree's cursor moved: show the node it rests on, now (not when Textual says so)."""
        if node_id is not None and node_id != self.screen.current:
            self.screen.open(node_id, passing=True)

    def move(self, step: int) -> None:
        """j / k: the tree's cursor, or the reader's scroll, by a line."""
        if self._in_tree():
            self._rest_on(self.tree.step(step))
        else:
            self.reader.scroll_key(step)

    def page(self, pages: float) -> None:
        """space, ctrl+f, ctrl+d (and back): by a page or half a page, in either pane."""
        if self._in_tree():
            self._rest_on(self.tree.step(int(pages * max(self.tree.size.height - 1, 1))))
        else:
            reader = self.reader
            reader.scroll_key(pages * max(reader.scrollable_content_region.height - 1, 1))

    def edge(self, last: bool) -> None:
        """g / G: the tree's first or last row, or the top or bottom of the reader."""
        if self._in_tree():
            self._rest_on(self.tree.to_edge(last))
        else:
            self.reader.scroll_key(last=last)

    def expand(self) -> None:
        """enter / l: in the tree, expand the topic or read the section; in the reader,
        follow the link that is selected (if any)."""
        if self._in_tree():
            tree = self.tree
            node_id = tree.node_under_cursor
            node = self.screen.pack.get(node_id) if node_id else None
            if node is not None and node.parent is not None:  # a section: read it
                self.screen.open(node.id)
                self.screen.set_focus(self.reader)
                self.screen.remove_class("-show-tree")
            else:
                self._rest_on(tree.expand_or_enter())
        else:
            target = self.reader.take_link()
            if target is None:
                self.screen.app.bell()  # nothing selected: tab selects the reader's links
            else:
                self.screen.go_to(target, focus_reader=True)

    def collapse(self) -> None:
        """h: collapse the topic in the tree; in the reader, go up to the topic."""
        if self._in_tree():
            self._rest_on(self.tree.collapse_or_leave())
            return
        current = self.screen.current
        parent = self.screen.pack.parent(current) if current else None
        if parent is not None:
            self.screen.open(parent.id)

    def link(self, forward: bool) -> None:
        """tab / shift+tab, one round: the tree, the reader, each of the reader's links
        in turn, the tree again. From the tree, tab enters the reader (nothing selected)
        and shift+tab its last link in view; past the last link (or before the first, or
        shift+tab with none selected), back to the tree if it is shown, else the bell."""
        reader = self.reader
        if self.screen.focused is not reader:
            self.screen.set_focus(reader)
            self.screen.remove_class("-show-tree")
            if not forward:
                reader.select_link(False)
            return
        if (forward or reader.selected_link is not None) and reader.select_link(forward):
            return
        if self._tree_shown():
            reader.clear_link()
            self.screen.set_focus(self.tree)
        else:
            self.screen.app.bell()  # the tree is hidden: the selection stays where it is

    def _tree_shown(self) -> bool:
        screen = self.screen
        if screen.has_class("-narrow"):
            return screen.has_class("-show-tree")
        return not screen.has_class("-hide-tree")

    def peek(self) -> None:
        """K: the selected link's node (a term's definition) in a dialog, without leaving
        the page; enter there goes to it."""
        link = self.reader.selected_link
        if link is None:
            self.screen.app.bell()
            self.screen.notify("No link selected: tab selects the links in the reader.", timeout=4)
            return
        from tui.app.screens.peek import PeekScreen  # noqa: PLC0415 - dialogs load when first opened

        def go(there: str | None) -> None:
            if there is not None and there in self.screen.pack:
                self.screen.open(there)
                self.screen.set_focus(self.reader)

        self.screen.app.push_screen(PeekScreen(self.screen.pack, link.target, self.screen.annotation(link.target)), go)

    def clear(self) -> None:
        """escape: unselect the selected link, else clear a search's marks."""
        if not self.reader.clear_link():
            self.screen.search.clear()

    def jump(self, index: int) -> None:
        """1-6: a topic."""
        topics = self.screen.pack.topics()
        if index < len(topics):
            self.screen.open(topics[index].id)

    def back(self, forward: bool) -> None:
        """[ / ]: through the nodes visited, like a browser (a bell at either end)."""
        history = self.screen.history
        node_id = history.forward() if forward else history.back()
        if node_id is None:
            self.screen.app.bell()
        else:
            self.screen.current = node_id

    def tree_width(self, change: int) -> None:
        """< / >: the tree narrower or wider by a few columns; remembered for the next start.

        Only a tree that is shown has a width to change (a hidden one measured 0 and ``>``
        made it the narrowest). The width is kept within the stylesheet's limits too, so the
        width remembered is the one shown, and the bell rings at either limit."""
        if not self._tree_shown():
            self.screen.app.bell()
            self.screen.notify("The tree is hidden: s shows it, then < and > set its width.", timeout=4)
            return
        low, high = self._width_limits()
        shown = max(low, min(self._tree_width_asked(), high))
        width = max(low, min(shown + change, high))
        if width == shown:
            self.screen.app.bell()
            return
        self.apply_tree_width(width)
        self.screen.store.update_settings(tree_width=width)

    def _tree_width_asked(self) -> int:
        """The tree's width as last set, shown from the next layout on (``< <`` typed at
        once read the width before the first ``<`` was laid out, and made it 4 columns
        narrower, not 8), else as laid out."""
        width = self.tree.styles.width
        if width is not None and width.unit is Unit.CELLS:
            return int(width.value)
        return self.tree.outer_size.width

    def _width_limits(self) -> tuple[int, int]:
        """The narrowest and widest the tree may be now: the stylesheet's min-width and
        max-width (which would clamp any other width), :data:`MIN_TREE_WIDTH`, and room for
        :data:`MIN_READER_WIDTH` columns of reader."""
        screen, styles = self.screen.size, self.tree.styles
        low, high = MIN_TREE_WIDTH, screen.width - MIN_READER_WIDTH
        if styles.min_width is not None:
            low = max(low, int(styles.min_width.resolve(screen, screen)))
        if styles.max_width is not None:
            high = min(high, int(styles.max_width.resolve(screen, screen)))
        return low, max(low, high)

    def apply_tree_width(self, width: int) -> None:
        """Give the tree ``width`` columns (within the stylesheet's limits: at most 60% of
        the screen beside the reader, 90% as a narrow screen's sidebar)."""
        self.tree.styles.width = width
        self._keys_wait_for_layout(lambda: True)  # set inline: the next layout has it

    def toggle_tree(self) -> None:
        """s: show or hide the tree (a sidebar when the screen is narrow). The keys after
        it wait for the layout that shows it: a tree shown has no height until then, and
        ``s space`` at once moved it a row, not a page."""
        screen = self.screen
        if screen.has_class("-narrow"):
            screen.toggle_class("-show-tree")
            showing = screen.has_class("-show-tree")
        else:
            screen.toggle_class("-hide-tree")
            showing = not screen.has_class("-hide-tree")
        self.screen.set_focus(self.tree if showing else self.reader)
        tree = self.tree
        self._keys_wait_for_layout(lambda: tree.display == showing)  # the class's styles applied

    @cached_property
    def _layouts(self) -> LayoutWaits:
        return LayoutWaits(self.screen, self.tree)

    def _keys_wait_for_layout(self, ready: Callable[[], bool]) -> None:
        """The tree's width or display changed: the keys after this one wait until the
        screen is laid out with it (``ready()`` says the layout has the change), and the
        reader's keys until it has brought its top line back at its new width."""
        hold = hold_keys(self.screen.app)
        asked = self.reader.width_changing()
        reader = self.reader

        def laid_out() -> None:
            reader.width_changed(asked)
            hold.release()

        self._layouts.add(ready, laid_out)
