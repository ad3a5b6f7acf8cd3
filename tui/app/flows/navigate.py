"""Moving through the pack: the tree and the reader's keys, jumps, back and forward."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.widgets.reader import Reader
from tui.app.widgets.topic_tree import TopicTree

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


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

    def move(self, step: int) -> None:
        """j / k: the tree's cursor, or the reader's scroll."""
        tree = self.tree
        if tree.has_focus:
            tree.action_cursor_down() if step > 0 else tree.action_cursor_up()
            # Follow the cursor now, not when its highlight message arrives: a key typed
            # right after (b, a) must act on the node the cursor is on.
            node = tree.cursor_node
            if node is not None and node.data and node.data != self.screen.current:
                self.screen.open(node.data, passing=True)
        else:
            reader = self.reader
            reader.scroll_down() if step > 0 else reader.scroll_up()

    def expand(self) -> None:
        """enter / l: expand the topic or open the node in the tree."""
        tree = self.tree
        if tree.has_focus:
            tree.expand_or_enter()
        elif tree.cursor_node is not None and tree.cursor_node.data:
            self.screen.open(tree.cursor_node.data)

    def collapse(self) -> None:
        """h: collapse the topic, or go up to it."""
        tree = self.tree
        if tree.has_focus:
            tree.collapse_or_leave()
            return
        current = self.screen.current
        parent = self.screen.pack.parent(current) if current else None
        if parent is not None:
            self.screen.open(parent.id)

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

    def scroll_to(self, end: bool) -> None:
        """g / G: the top or the bottom of the reader."""
        self.reader.scroll_end(animate=False) if end else self.reader.scroll_home(animate=False)

    def toggle_tree(self) -> None:
        """s: show or hide the tree (a sidebar when the screen is narrow)."""
        screen = self.screen
        if screen.has_class("-narrow"):
            screen.toggle_class("-show-tree")
            showing = screen.has_class("-show-tree")
        else:
            screen.toggle_class("-hide-tree")
            showing = not screen.has_class("-hide-tree")
        (self.tree if showing else self.reader).focus()
