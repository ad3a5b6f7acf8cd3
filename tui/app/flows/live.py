"""Live: bookmarks and notes changed by another window or a CLI ``import`` show up here.

Each process writes the user file atomically (a new inode every time), so one ``stat``
tells whether anything changed. Twice a second the screen compares the file's version;
when it moved, the entries are read once and only the nodes whose bookmark or note
differ from what is shown are redrawn (in the reader, the tree's marks and an open
bookmarks list). The app's own writes pass through here too and find nothing to redraw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.widgets.node_parts import NO_ANNOTATION, Annotation

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen

POLL_SECONDS = 0.5
"""How often the user file's version is compared: a change shows within a second."""


class LiveFlow:
    """Keeps the screen's bookmarks and notes in step with the user file on disk."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._version: object = None
        self._shown: dict[str, Annotation] = {}
        self._repairs: tuple[object, object] = (None, None)
        """Where the store last moved a broken file aside and copied a damaged one (told once)."""

    def annotations(self) -> dict[str, Annotation]:
        """Every node's bookmark and note as the store has them now (remembered as shown)."""
        self._version = self.screen.store.version()
        self._shown = {entry.node_id: Annotation(entry.bookmarked, entry.note) for entry in self.screen.store.entries()}
        return dict(self._shown)

    def start(self) -> None:
        """Compare the file's version from now on, while the screen is mounted (what the
        store repaired on opening is told at start-up, not again)."""
        self._repairs = (self.screen.store.recovered_to, self.screen.store.damaged_kept_at)
        self.screen.set_interval(POLL_SECONDS, self.poll, name="live")

    def poll(self) -> None:
        """When the file changed since it was last read: redraw the nodes whose bookmark or
        note changed, and the bookmarks list if it is open. A change made here that found
        the file broken by another program set it aside: that is said too. Not once the
        app is closing: the dialogs' widgets are being taken away then, and a poll that
        found a change raised as the explorer quit with the bookmarks list open."""
        if not self.screen.is_attached:
            return
        self._tell_about_repairs()
        if self.screen.store.version() == self._version:
            return
        before = self._shown
        after = self.annotations()
        changed = {node for node in before.keys() | after.keys() if before.get(node) != after.get(node)}
        for node_id in sorted(changed):
            if node_id in self.screen.pack:
                self.screen.show_annotation(node_id, after.get(node_id, NO_ANNOTATION))
        if changed:
            self.screen.notes.store_changed()

    def _tell_about_repairs(self) -> None:
        store = self.screen.store
        repairs = (store.recovered_to, store.damaged_kept_at)
        if repairs != self._repairs:
            recovered, repaired = (now != then for now, then in zip(repairs, self._repairs, strict=True))
            self._repairs = repairs
            self.screen.notes.tell_about_repairs(recovered=recovered, repaired=repaired)
