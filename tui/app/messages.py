"""What widgets tell their screen. The screen decides; widgets never reach into each other."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenNode(Message):
    """Show a node in the reader.

    ``passing`` is True when the tree cursor merely moved over the node (a preview that
    replaces the current history entry); False for an explicit open (a new entry).
    """

    node_id: str
    passing: bool = False
    focus_reader: bool = False
    """Move focus to the reader after opening (enter on a section)."""


@dataclass
class ScrollReader(Message):
    """Home / end pressed where the reader is not focused: scroll the reader anyway."""

    to_end: bool
