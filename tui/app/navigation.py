"""Back/forward history of the nodes a reader has visited, like a browser's.

Moving the tree cursor previews nodes one after another; recording each of those would
make "back" step through every line the cursor passed. So a visit can *replace* the
current entry (cursor movement) or be *pushed* as a new one (an explicit open: enter,
a jump key, the command palette).
"""

from __future__ import annotations


class History:
    """A list of node ids with a cursor; pushing after going back drops the forward part."""

    def __init__(self, limit: int = 500) -> None:
        self._items: list[str] = []
        self._index = -1
        self._limit = limit
        self._passing = False
        """Whether the current entry was a passing visit (and may be replaced)."""

    @property
    def current(self) -> str | None:
        """The node being shown, if any."""
        return self._items[self._index] if self._items else None

    @property
    def can_go_back(self) -> bool:
        """Whether there is an earlier visit for "back" to return to."""
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        """Whether the reader went back, so there is a later visit for "forward"."""
        return self._index < len(self._items) - 1

    def push(self, node_id: str) -> None:
        """Record an explicit visit as a new entry (nothing if it is already current)."""
        if node_id == self.current:
            return
        del self._items[self._index + 1 :]
        self._items.append(node_id)
        if len(self._items) > self._limit:
            del self._items[0]
        self._index = len(self._items) - 1

    def replace(self, node_id: str) -> None:
        """Record a passing visit in place of the current entry."""
        if not self._items:
            self.push(node_id)
        else:
            self._items[self._index] = node_id
            del self._items[self._index + 1 :]

    def visit(self, node_id: str, *, passing: bool) -> None:
        """Record a visit. Passing visits after an explicit one push one entry, then
        keep replacing it, so "back" returns to the last place the reader chose."""
        if passing and self._passing:
            self.replace(node_id)
        else:
            self.push(node_id)
        self._passing = passing

    def back(self) -> str | None:
        """Step back; the node to show, or None at the start."""
        if not self.can_go_back:
            return None
        self._passing = False
        self._index -= 1
        return self.current

    def forward(self) -> str | None:
        """Step forward; the node to show, or None at the end."""
        if not self.can_go_forward:
            return None
        self._passing = False
        self._index += 1
        return self.current
