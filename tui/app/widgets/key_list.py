"""The lists of the explorer's dialogs: moved with the keys of the reader and the tree.

Textual's ``OptionList`` moves with the arrows only, and ↓ on the last option wraps to the
first without a sign (once, ``d`` then offered to delete the wrong bookmark). A
:class:`KeyList` also moves with j / k, g / G and ctrl+d / ctrl+u, as every list and pane
of the explorer does, and rings the bell at either end instead of wrapping.
"""

from __future__ import annotations

from textual.widgets import OptionList

from tui.app.widgets.list_keys import move_bindings


class KeyList(OptionList):
    """An option list with the explorer's moving keys, that stops at either end."""

    BINDINGS = move_bindings(
        down="cursor_down",
        up="cursor_up",
        first="first",
        last="last",
        page_down="page_down",
        page_up="page_up",
    )

    def allow_focus(self) -> bool:
        """A hidden list (nothing to list) takes no focus. Textual gives the focus back to
        the first widget that can take it when a dialog above closes, and a ``focus()``
        asked for before the list was emptied lands after: either way, keys then went to
        rows nobody sees (the bookmarks list emptied by a delete kept the focus or not
        depending on which ran first)."""
        return self.display and super().allow_focus()

    def _step(self, direction: int) -> None:
        enabled = [index for index, option in enumerate(self.options) if not option.disabled]
        if not enabled:
            return
        current = self.highlighted
        if current is None:
            self.highlighted = enabled[0] if direction > 0 else enabled[-1]
            return
        ahead = [i for i in enabled if i > current] if direction > 0 else [i for i in enabled if i < current]
        if ahead:
            self.highlighted = ahead[0] if direction > 0 else ahead[-1]
        else:
            self.app.bell()  # the end of the list: say so, do not wrap

    def action_cursor_down(self) -> None:
        """The next option; the bell on the last."""
        self._step(1)

    def action_cursor_up(self) -> None:
        """The option before; the bell on the first."""
        self._step(-1)
