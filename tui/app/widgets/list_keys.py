"""The keys that move through a list or a scrolling view, declared once (less/vim habits).

Every list and scrolling dialog (the bookmarks and search results, the evidence table, a
peeked node) moves with the same keys; each widget names its own actions for them.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

MOVES = {
    "down": ("down,j", "Down"),
    "up": ("up,k", "Up"),
    "first": ("home,g", "First"),
    "last": ("end,G", "Last"),
    "page_down": ("pagedown,ctrl+d,ctrl+f,space", "Page down"),
    "page_up": ("pageup,ctrl+u,ctrl+b,shift+space", "Page up"),
}
"""Each move: its keys, and its name (bindings here are never shown on the key bar)."""


def move_bindings(*, down: str, up: str, first: str, last: str, page_down: str, page_up: str) -> list[BindingType]:
    """The moving keys bound to a widget's own actions for each move."""
    actions = {"down": down, "up": up, "first": first, "last": last, "page_down": page_down, "page_up": page_up}
    return [Binding(keys, actions[move], name, show=False) for move, (keys, name) in MOVES.items()]
