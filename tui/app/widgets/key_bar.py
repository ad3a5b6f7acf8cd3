"""The key bar: the keys of the open screen on one line, from the screen's own bindings.

It shows what Textual's ``Footer`` shows (every binding declared with ``show=True``,
then the command palette key at the right end) and is used the same way: click a key
to press it, hover on it for its tooltip. ``Footer`` makes a widget per key and
composes them all again whenever the bindings change, which is every focus change;
measured, that was the largest styling cost of start-up (docs/performance.md). This draws
the same keys as one line of text, so a change of bindings is one repaint.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from tui.app.safe import literal


class KeySlot(NamedTuple):
    """One key on the bar: what it shows, what pressing it does, and where it sits."""

    key: str
    """The key pressed when the slot is clicked."""
    key_display: str
    description: str
    tooltip: str
    enabled: bool
    palette: bool = False
    """True for the command palette key at the right end."""
    essential: bool = False
    """Kept when the bar is too narrow for every key (quit, help, the tree)."""
    start: int = 0
    """The first column of the slot (set when the bar is laid out)."""

    @property
    def width(self) -> int:
        """Cells taken: the key and the description, each followed by a space, after one."""
        return cell_len(self.key_display) + cell_len(self.description) + 3

    @property
    def end(self) -> int:
        """The column just after the slot, where the next one starts."""
        return self.start + self.width


class KeyBar(Widget, can_focus=False):
    """One line at the bottom of a screen with the keys it shows (``Binding.show``)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--hover", "key-bar--disabled", "key-bar--pane"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--hover {
            background: $block-hover-background;
        }
        .key-bar--disabled {
            text-style: dim;
        }
        .key-bar--pane {
            color: $text-accent;
            background: $accent-muted;
            text-style: bold;
        }
    }
    """

    def __init__(self, *, essential: frozenset[str] = frozenset(), id: str | None = None) -> None:
        """``essential``: the ids of the bindings kept when there is no room for all."""
        super().__init__(id=id)
        self._essential = essential
        self._slots: list[KeySlot] = []
        self._hover: int | None = None

    def on_mount(self) -> None:
        """The bar redraws whenever the screen's bindings change (a key is disabled) or the
        focus moves (the pane's name at the left end)."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.watch(self.screen, "focused", self._focus_changed, init=False)

    def on_unmount(self) -> None:
        """The screen's bindings are no longer followed once the bar is gone."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def _focus_changed(self) -> None:
        self.refresh()

    @property
    def pane(self) -> str | None:
        """The name of the pane that has focus (``PANE_NAME`` of the focused widget), shown
        at the bar's left end so that where keys go is never in doubt, with what it says
        of its state (``pane_detail``: the reader's selected link)."""
        focused = self.screen.focused
        name = getattr(focused, "PANE_NAME", None)
        if not isinstance(name, str):
            return None
        detail = getattr(focused, "pane_detail", None)
        return f"{name} · {detail}" if isinstance(detail, str) and detail else name

    @property
    def slots(self) -> list[KeySlot]:
        """The keys drawn last, left to right (the palette key last)."""
        return list(self._slots)

    def _wanted(self) -> list[KeySlot]:
        """The keys to show, not yet placed: the first key of each shown action, in
        declaration order, then the command palette key."""
        active = self.screen.active_bindings
        slots: list[KeySlot] = []
        actions: set[str] = set()
        for bound in active.values():
            binding = bound.binding
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                slots.append(self._slot(binding, bound.enabled, bound.tooltip))
        palette = active.get(self.app.COMMAND_PALETTE_BINDING) if self.app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            slots.append(self._slot(palette.binding, palette.enabled, palette.tooltip)._replace(palette=True))
        return slots

    def _slot(self, binding: Binding, enabled: bool, tooltip: str) -> KeySlot:
        display = self.app.get_key_display(binding)
        essential = binding.id in self._essential
        return KeySlot(
            binding.key, display, binding.description, tooltip or binding.tooltip, enabled, essential=essential
        )

    @staticmethod
    def _place(wanted: list[KeySlot], width: int, start: int = 0) -> list[KeySlot]:
        """Give each key its columns from ``start``, and the palette key at the right end
        after a separator. When not every key fits, the essential ones are kept first and
        the others fill what room is left, in order; none is ever cut."""
        palette = [slot for slot in wanted if slot.palette]
        room = width - start - sum(slot.width + 1 for slot in palette)
        keys = [slot for slot in wanted if not slot.palette]
        chosen: set[int] = set()
        used = 0
        for index in sorted(range(len(keys)), key=lambda i: not keys[i].essential):
            if used + keys[index].width <= room:
                chosen.add(index)
                used += keys[index].width
        placed: list[KeySlot] = []
        x = start
        for index, slot in enumerate(keys):
            if index in chosen:
                placed.append(slot._replace(start=x))
                x += slot.width
        for slot in palette:
            if width - slot.width > x:
                placed.append(slot._replace(start=width - slot.width))
        return placed

    def render(self) -> Content:
        """The keys that fit, placed afresh at each draw; clicks are matched against these columns."""
        pane = self.pane
        badge = Content("")
        wanted = self._wanted()
        if pane:
            # A long detail (a link's definition) takes at most half the bar, ending in "…",
            # and never the room of the essential keys (quit, help, the tree) and the palette key.
            kept = sum(slot.width + (1 if slot.palette else 0) for slot in wanted if slot.essential or slot.palette)
            room = max(min(self.size.width // 2, self.size.width - kept), 8)
            text = literal(pane)  # the detail is pack text: shown as written, never as markup
            if text.cell_length + 2 > room:
                text = text.truncate(room - 3, ellipsis=True)
            badge = Content.assemble(" ", text, " ").stylize_before(self.get_visual_style("key-bar--pane"))
        self._slots = self._place(wanted, self.size.width, badge.cell_length)
        pieces: list[Content] = [badge]
        x = badge.cell_length
        for index, slot in enumerate(self._slots):
            if slot.palette:
                pieces += [Content(" " * (slot.start - 1 - x)), Content.styled("▏", "dim")]
            pieces.append(self._slot_content(slot, hover=index == self._hover))
            x = slot.end
        return Content.assemble(*pieces)

    def _slot_content(self, slot: KeySlot, *, hover: bool) -> Content:
        extra: tuple[str, ...] = ("key-bar--hover",) if hover else ()
        if not slot.enabled:
            extra += ("key-bar--disabled",)
        return Content.assemble(
            (f" {slot.key_display} ", self.get_visual_style("key-bar--key", *extra)),
            (f"{slot.description} ", self.get_visual_style("key-bar--description", *extra)),
        )

    def _slot_at(self, x: int) -> int | None:
        for index, slot in enumerate(self._slots):
            if slot.start <= x < slot.end:
                return index
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """The key under the mouse is highlighted and its tooltip shown."""
        index = self._slot_at(event.x)
        if index != self._hover:
            self._hover = index
            self.tooltip = (self._slots[index].tooltip or None) if index is not None else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        """The mouse left the bar: no key is highlighted and no tooltip shown."""
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click presses the key under it, as the keyboard would; a disabled key rings the bell."""
        index = self._slot_at(event.x)
        if index is None:
            return
        slot = self._slots[index]
        if slot.enabled:
            self.app.simulate_key(slot.key)
        else:
            self.app.bell()
