"""What widgets tell their screen. The screen decides; widgets never reach into each other.

Plain classes rather than dataclasses: a dataclass is slow to define
(docs/performance.md), and these are defined at every start-up.
"""

from __future__ import annotations

from textual.message import Message


class OpenNode(Message):
    """Show a node in the reader."""

    def __init__(self, node_id: str, *, passing: bool = False, focus_reader: bool = False) -> None:
        super().__init__()
        self.node_id = node_id
        self.passing = passing
        """True when the tree cursor merely moved over the node (a preview that replaces
        the current history entry); False for an explicit open (a new entry)."""
        self.focus_reader = focus_reader
        """Move focus to the reader after opening (enter on a section)."""


class ReadingAt(Message):
    """The reader was scrolled (by a key, the wheel or the scroll bar): this node is now
    the one at its top. The screen makes it the node read, and the tree and the title
    follow; the reader is not moved again.

    The screen takes the node from the reader (:meth:`~tui.app.widgets.reader.Reader.take_reading_at`),
    not from the message: keys read before it arrives have heard of it already, and a message
    on its way while the screen sent the reader elsewhere speaks of a document the reader no
    longer shows (else the two could each answer the other: the title once flipped between
    two sections)."""

    def __init__(self, node_id: str) -> None:
        super().__init__()
        self.node_id = node_id
        """The node at the reader's top when it said so (for a reader of the messages: the
        screen takes the node from the reader)."""
