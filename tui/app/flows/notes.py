"""Notes and bookmarks: the note editor with its drafts, the reader's own editor
(``$VISUAL`` / ``$EDITOR``), the bookmark key, the list."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from tui.content.document import breadcrumb_text
from tui.store import MAX_NOTE_CHARS, StoreUnavailable

if TYPE_CHECKING:
    from tui.app.screens.bookmarks import BookmarksResult, BookmarksScreen, Row
    from tui.app.screens.main import MainScreen
    from tui.external_editor import Edited
    from tui.store.user_store import Saved

NO_EDITOR = "No editor is set: set $VISUAL or $EDITOR to use your own, or press a for the built-in editor."


class NotesFlow:
    """Bookmarks and notes on the node being read, and the list of them all."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._open_list: BookmarksScreen | None = None
        """The bookmarks list while it is open, to show changes made elsewhere."""

    def _where(self, node_id: str) -> str:
        pack = self.screen.pack
        return breadcrumb_text(pack, node_id) if node_id in pack else node_id

    def toggle_bookmark_here(self) -> None:
        """b: the node being read (or under the tree's cursor)."""
        if (node_id := self.screen.selected()) is not None:
            self.toggle_bookmark(node_id)

    def edit_here(self) -> None:
        """a: the note on the node being read (or under the tree's cursor)."""
        if (node_id := self.screen.selected()) is not None:
            self.edit(node_id)

    def toggle_bookmark(self, node_id: str) -> None:
        """Bookmark a node, or remove its bookmark, and say which."""
        try:
            added = self.screen.store.toggle_bookmark(node_id)
        except StoreUnavailable as error:
            self.screen.notify(str(error), title="Not saved", severity="error")
            return
        self.screen.annotation_changed(node_id)
        title = self._where(node_id)
        self.screen.notify(f"Bookmarked {title}" if added else f"Removed the bookmark on {title}")

    def edit(self, node_id: str) -> None:
        """Open the note editor on a node.

        The editor is pushed now, while the key is handled, not from a worker a moment
        later: the keys typed after ``a`` in one burst (a paste, a fast typist over SSH)
        must reach the editor, not run as the main screen's commands meanwhile."""
        store = self.screen.store
        if store.unavailable:
            self.screen.notify(f"Notes are unavailable: {store.unavailable}", severity="error")
            return
        saved = store.note(node_id)
        kept = store.drafts().get(node_id)
        draft = kept.text if kept is not None else None
        recovered = f"kept {kept.saved[:16].replace('T', ' ')} UTC" if kept is not None else None
        self._open_editor(node_id, saved, draft, recovered)

    def _open_editor(self, node_id: str, saved: str | None, draft: str | None, recovered: str | None) -> None:
        from tui.app.screens.note_editor import NoteEditor  # noqa: PLC0415 - a dialog loads when opened

        editor = NoteEditor(
            self._where(node_id), saved, draft=draft, recovered=recovered, keep=partial(self.keep_draft, node_id)
        )
        self.screen.app.push_screen(editor, partial(self._edited, node_id, saved))

    def _edited(self, node_id: str, saved: str | None, text: str | None) -> None:
        """The editor closed: save what it gave (None: closed without saving). When the
        store cannot, the editor comes back with the text in it: nothing typed is lost."""
        if text is None:
            return
        try:
            outcome = self.screen.store.save_note(node_id, text, opened=saved)
        except StoreUnavailable as error:
            self.screen.notify(str(error), title="Not saved", severity="error")
            self._open_editor(node_id, saved, text, None)
            return
        self._tell_saved(node_id, text, outcome)

    def _tell_saved(self, node_id: str, text: str, outcome: Saved) -> None:
        """Show the saved note, and say what saving did."""
        self.screen.annotation_changed(node_id)
        if outcome.kept_other:
            self.screen.notify(
                "The note had been changed elsewhere while you wrote: both versions are kept, yours first.",
                title="Note saved",
                severity="warning",
                timeout=15,
            )
        else:
            self.screen.notify("Note saved" if text.strip() else "Note deleted")

    def edit_outside_here(self) -> None:
        """v: the note on the node being read (or under the tree's cursor), in the reader's
        own editor."""
        if (node_id := self.screen.selected()) is not None:
            self.edit_outside(node_id)

    def edit_outside(self, node_id: str) -> None:
        """Open a node's note (or the draft kept of it) in ``$VISUAL`` / ``$EDITOR``: the app
        suspends, the editor has the terminal, and when it exits the text is saved as the
        built-in editor saves it (the same limit and atomic save; a draft when it cannot be
        saved). A missing or failing editor leaves the note as it was and says why, once."""
        from textual.app import SuspendNotSupported  # noqa: PLC0415 - only for this key

        from tui.external_editor import edit_in_editor, editor_command  # noqa: PLC0415

        store = self.screen.store
        if store.unavailable:
            self.screen.notify(f"Notes are unavailable: {store.unavailable}", severity="error")
            return
        command = editor_command()
        if command is None:
            self.screen.notify(NO_EDITOR, title="Note", severity="warning")
            return
        saved = store.note(node_id)
        kept = store.drafts().get(node_id)
        start = kept.text if kept is not None else (saved or "")
        try:
            with self.screen.app.suspend():
                edited = edit_in_editor(command, start)
        except SuspendNotSupported:
            self.screen.notify(
                "This terminal cannot be handed to another program: press a for the built-in editor.",
                title="Note",
                severity="error",
            )
            return
        self._after_editor(node_id, saved, start, edited)

    def _after_editor(self, node_id: str, saved: str | None, start: str, edited: Edited) -> None:
        """Save what the editor left, as the built-in editor would, or say why not; what was
        written and not saved is kept as the note's draft (a offers it back)."""
        text = edited.text
        where = self._where(node_id)
        if edited.failure is not None or text is None:
            why = edited.failure or "what the editor wrote could not be read back"
            kept = text is not None and text != start and self.keep_draft(node_id, text, None)
            tail = " What it had written is kept as a draft: press a to go on with it." if kept else ""
            self.screen.notify(
                f"The note on {where} is unchanged: {why}.{tail}", title="Note not saved", severity="error", timeout=15
            )
            return
        if text == start:  # closed without a change: nothing is written, a kept draft stays
            drafted = start != (saved or "")
            self.screen.notify(
                "Nothing changed: the draft you were writing is still kept." if drafted else "Note unchanged"
            )
            return
        if len(text) > MAX_NOTE_CHARS:
            kept = self.keep_draft(node_id, text, None)
            self.screen.notify(
                f"The note is longer than {MAX_NOTE_CHARS:,} characters and was not saved"
                + (": it is kept as a draft; press a to shorten it." if kept else "."),
                title="Note not saved",
                severity="error",
                timeout=15,
            )
            return
        try:
            outcome = self.screen.store.save_note(node_id, text, opened=saved)
        except StoreUnavailable as error:
            kept = self.keep_draft(node_id, text, None)
            tail = " What you wrote is kept as a draft: press a to go on with it." if kept else ""
            self.screen.notify(f"{error}{tail}", title="Not saved", severity="error", timeout=15)
            return
        self._tell_saved(node_id, text, outcome)

    def keep_draft(self, node_id: str, text: str | None, wait: float | None) -> bool:
        """Keep (or, with None, forget) the draft of the note being written on a node;
        False when the store could not (the editor still holds the text; saving says why)."""
        store = self.screen.store
        try:
            if text is None:
                if node_id in store.drafts():
                    store.discard_draft(node_id, wait=wait)
            else:
                store.save_draft(node_id, text, wait=wait)
        except StoreUnavailable:
            return False
        return True

    def show_list(self) -> None:
        """Every bookmark and note, newest first: open one, edit its note, or delete it.

        Pushed now, as the key is handled (not from a worker): ``B j enter`` in one burst
        moves in the list and opens, as typed slowly."""
        from tui.app.screens.bookmarks import BookmarksScreen  # noqa: PLC0415 - a dialog loads when opened

        self._open_list = BookmarksScreen(self._rows(), self._delete)
        self.screen.app.push_screen(self._open_list, self._listed)

    def _rows(self) -> list[Row]:
        from tui.app.screens.bookmarks import Row  # noqa: PLC0415 - a dialog loads when opened

        pack = self.screen.pack
        return [
            Row(entry, self._where(entry.node_id), missing=entry.node_id not in pack)
            for entry in self.screen.store.entries()
        ]

    def _listed(self, result: BookmarksResult | None) -> None:
        """The list closed: open the node chosen, or its note."""
        self._open_list = None
        if result is None:
            return
        if result.edit_note:
            self.edit(result.node_id)
        else:
            self.screen.go_to(result.node_id, focus_reader=True)

    def store_changed(self) -> None:
        """Bookmarks or notes changed in another window: an open list shows them now."""
        if self._open_list is not None and self._open_list.is_mounted and self._open_list.is_attached:
            self._open_list.replace_rows(self._rows())

    def _delete(self, node_id: str) -> str | None:
        """Delete a node's bookmark and note; the reason when that failed."""
        try:
            self.screen.store.delete_entry(node_id)
        except StoreUnavailable as error:
            return str(error)
        self.screen.annotation_changed(node_id)
        return None

    def tell_about_repairs(self, *, recovered: bool, repaired: bool) -> None:
        """Say where an unreadable user file was moved (``recovered``) or where a file with
        records that did not fit was copied (``repaired``): at start-up, and whenever a
        change made here finds the file broken by another program (it is set aside whole,
        and without a word the bookmarks made before would seem simply gone)."""
        store, notify = self.screen.store, self.screen.notify
        if recovered and store.recovered_to is not None:
            notify(
                f"Your bookmarks and notes file could not be read. It was kept as "
                f"{store.recovered_to} and a fresh one was started.",
                title="User data recovered",
                severity="warning",
                timeout=30,
            )
        if repaired and store.damaged_kept_at is not None:
            count = len(store.damage)
            notify(
                f"{count} record{'s' if count != 1 else ''} of your bookmarks and notes did not fit and "
                f"{'were' if count != 1 else 'was'} left out; the file as it was is kept as "
                f"{store.damaged_kept_at}. Everything else is here.",
                title="User data repaired",
                severity="warning",
                timeout=30,
            )

    def tell_about_the_store(self) -> None:
        """At start-up: say where an unreadable user file went, what was repaired, why
        changes cannot be saved, and which unsaved notes were kept as drafts."""
        store, pack, notify = self.screen.store, self.screen.pack, self.screen.notify
        self.tell_about_repairs(recovered=True, repaired=True)
        if store.unavailable:
            notify(f"Bookmarks and notes cannot be saved: {store.unavailable}", severity="warning", timeout=30)
        drafts = [node_id for node_id in store.drafts() if node_id in pack]
        if drafts:
            names = ", ".join(self._where(node_id) for node_id in drafts[:3])
            more = f" and {len(drafts) - 3} more" if len(drafts) > 3 else ""
            notify(
                f"A note you were writing was kept when the explorer closed: {names}{more}. "
                "Open it and press a to go on with it.",
                title="Unsaved note kept",
                timeout=30,
            )
