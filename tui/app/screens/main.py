"""The main screen: the topic tree beside the reader, and every key that drives them.

The screen is the only place that knows the content, the tree and the reader at once:
widgets post messages (:class:`OpenNode`), and the screen decides what to show,
records history and keeps the tree, the reader and the breadcrumb in step.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize, ScreenResume
from textual.reactive import reactive
from textual.screen import Screen

from tui.app.messages import OpenNode, ScrollReader
from tui.app.navigation import History
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.node_parts import Annotation
from tui.app.widgets.reader import Reader
from tui.app.widgets.title_bar import TitleBar
from tui.app.widgets.topic_tree import JUMP_KEYS, TopicTree
from tui.content import Pack
from tui.content.document import breadcrumb_text
from tui.store import StoreUnavailable, UserStore

if TYPE_CHECKING:
    from tui.app.screens.search import SearchChoice
    from tui.search import SearchIndex

# The dialogs (help, note editor, bookmarks, search, export) and the search and export
# layers are imported when first opened, not at start-up: none is needed for the first
# frame, and together they cost about 100 ms and several MB.

INDEX_DELAY = 1.0
"""Seconds after start-up before the search index is built in the background."""

NARROW_WIDTH = 70
"""Below this many columns the tree becomes a sidebar that is shown on demand."""


def _jump_bindings() -> list[Binding]:
    return [
        Binding(str(n + 1), f"jump({n})", f"Topic {n + 1}", show=False, tooltip=f"Jump to topic {n + 1}")
        for n in range(JUMP_KEYS)
    ]


class MainScreen(Screen[None]):
    """Tree on the left, reader on the right, title bar with breadcrumb, key bar at the bottom."""

    # The one declaration of this screen's keys: it feeds the key bar (show=True), the
    # help screen (every row, worded by its tooltip) and the tests.
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", tooltip="Show every key and what it does"),
        Binding("down,j", "move(1)", "Down", show=False, tooltip="Move down the tree, or scroll the reader"),
        Binding("up,k", "move(-1)", "Up", show=False, tooltip="Move up the tree, or scroll the reader"),
        Binding("enter,right,l", "expand", "Open", show=False, tooltip="Open the node, or expand the topic"),
        Binding("left,h", "collapse", "Up a level", show=False, tooltip="Collapse the topic, or go to its parent"),
        Binding("tab", "app.focus_next", "Next panel", show=False, tooltip="Move focus to the next panel"),
        Binding("shift+tab", "app.focus_previous", "Previous panel", show=False, tooltip="Move focus back"),
        *_jump_bindings(),
        Binding("left_square_bracket,alt+left", "back", "Back", show=False, tooltip="Back to the node visited before"),
        Binding("right_square_bracket,alt+right", "forward", "Forward", show=False, tooltip="Forward again in history"),
        Binding("slash", "search", "Search", tooltip="Search titles, text, the glossary and your notes"),
        Binding("N", "step_match(False)", "Previous match", show=False, tooltip="After a search: the previous match"),
        Binding("escape", "clear_search", "Clear marks", show=False, tooltip="After a search: clear the marked words"),
        Binding("b", "bookmark", "Bookmark", tooltip="Bookmark the open node, or remove its bookmark"),
        Binding("n", "note", "Note",
                tooltip="Your note on the open node (after a search, in the reader: next match)"),
        Binding("B", "bookmarks", "Bookmarks", tooltip="Your bookmarks and notes, newest first"),
        Binding("e", "export", "Export", show=False, tooltip="Export your bookmarks and notes (Markdown, JSON, HTML)"),
        Binding("g,home", "top", "Top", show=False, tooltip="Scroll the reader to the top"),
        Binding("G,end", "bottom", "Bottom", show=False, tooltip="Scroll the reader to the bottom"),
        Binding("s", "toggle_tree", "Tree", show=False, tooltip="Show or hide the topic tree"),
        Binding("t", "app.toggle_theme", "Theme", show=False, tooltip="Switch between light and dark"),
        Binding("ctrl+p", "app.command_palette", "Find", show=False, tooltip="Find any topic, section or command"),
        Binding("q,ctrl+q", "app.quit", "Quit", tooltip="Quit and restore the terminal"),
    ]  # fmt: skip

    current: reactive[str | None] = reactive(None, init=False)
    """The id of the node the reader shows."""

    def __init__(self, pack: Pack, store: UserStore, start: str | None = None) -> None:
        super().__init__()
        self.pack = pack
        self.store = store
        self.history = History()
        self._start = start or pack.topics()[0].id
        self._index: SearchIndex | None = None
        """Built when first needed (see ``on_mount``)."""
        self._last_query = ""
        self._resumed = False

    def compose(self) -> ComposeResult:
        annotations = self._annotations()
        marks = {node_id: _mark(annotation) for node_id, annotation in annotations.items()}
        yield TitleBar("◆")
        with Horizontal(id="workspace"):
            yield TopicTree(self.pack, marks=marks, id="tree")
            yield Reader(self.pack, first=self._start, annotations=annotations, id="reader")
        yield KeyBar()

    def _annotations(self) -> dict[str, Annotation]:
        """Bookmarks and notes by node id, for the nodes of this pack."""
        return {
            entry.node_id: Annotation(entry.bookmarked, entry.note)
            for entry in self.store.entries()
            if entry.node_id in self.pack
        }

    def _refresh_annotation(self, node_id: str) -> None:
        """Show a changed bookmark or note in the tree and the reader."""
        if node_id not in self.pack:
            return
        annotation = Annotation(self.store.is_bookmarked(node_id), self.store.note(node_id))
        self.query_one(Reader).annotate(node_id, annotation)
        self.query_one(TopicTree).set_mark(node_id, _mark(annotation))

    def on_mount(self) -> None:
        self.open(self._start)
        self.query_one(TopicTree).focus()
        self._tell_about_the_store()
        # After the first frames, not before: building competes for the interpreter.
        self.set_timer(INDEX_DELAY, self._build_index)

    @work(thread=True, exclusive=True, group="search-index")
    def _build_index(self) -> None:
        """Index the pack off the UI thread, after the first frame (a large pack takes a
        moment); '/' before it is ready simply builds it then."""
        from tui.search import SearchIndex

        index = SearchIndex(self.pack)
        self.app.call_from_thread(self._index_ready, index)

    def _index_ready(self, index: SearchIndex) -> None:
        if self._index is None:
            self._index = index

    def _tell_about_the_store(self) -> None:
        """Say where an unreadable user file went, or why changes cannot be saved."""
        if self.store.recovered_to is not None:
            self.notify(
                f"Your bookmarks and notes file could not be read. It was kept as "
                f"{self.store.recovered_to} and a fresh one was started.",
                title="User data recovered",
                severity="warning",
                timeout=30,
                markup=False,
            )
        if self.store.damaged_kept_at is not None:
            count = len(self.store.damage)
            self.notify(
                f"{count} record{'s' if count != 1 else ''} of your bookmarks and notes did not fit and "
                f"{'were' if count != 1 else 'was'} left out; the file as it was is kept as "
                f"{self.store.damaged_kept_at}. Everything else is here.",
                title="User data repaired",
                severity="warning",
                timeout=30,
            )
        if self.store.unavailable:
            self.notify(
                f"Bookmarks and notes cannot be saved: {self.store.unavailable}",
                severity="warning",
                timeout=30,
                markup=False,
            )
        drafts = [node_id for node_id in self.store.drafts() if node_id in self.pack]
        if drafts:
            names = ", ".join(breadcrumb_text(self.pack, node_id) for node_id in drafts[:3])
            more = f" and {len(drafts) - 3} more" if len(drafts) > 3 else ""
            self.notify(
                f"A note you were writing was kept when the explorer closed: {names}{more}. "
                "Open it and press n to go on with it.",
                title="Unsaved note kept",
                timeout=30,
            )

    # --- what to show -------------------------------------------------------------

    def open(self, node_id: str, *, passing: bool = False) -> None:
        """Show a node and record the visit (see :class:`History`)."""
        self.history.visit(node_id, passing=passing)
        self.current = node_id

    def watch_current(self, node_id: str | None) -> None:
        # Synchronous on purpose: keys typed in a burst ("3 j j") must find the tree
        # cursor already moved. Only mounting the reader's document waits its turn.
        if node_id is None:
            return
        self.sub_title = breadcrumb_text(self.pack, node_id)
        self.query_one(TopicTree).reveal(node_id)
        reader = self.query_one(Reader)
        reader.call_next(reader.show, node_id)

    @on(OpenNode)
    def _open_node(self, message: OpenNode) -> None:
        message.stop()
        if message.node_id not in self.pack:
            return
        # The tree echoes every reveal as a highlight; that node is already shown.
        if message.node_id != self.current:
            self.open(message.node_id, passing=message.passing)
        if message.focus_reader:
            self.query_one(Reader).focus()
            self.remove_class("-show-tree")

    @on(ScrollReader)
    def _scroll_reader(self, message: ScrollReader) -> None:
        message.stop()
        self.action_bottom() if message.to_end else self.action_top()

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Runs before Textual's own handler. On the first resume every node was styled as
        # it mounted, a moment before, so Textual's second full pass (16 nodes and 32
        # component classes) would only find the same styles again: 3-5 ms of start-up
        # (README, Speed). Later resumes are left as Textual sends them.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")

    def on_unmount(self) -> None:
        if self.current:
            self.store.update_settings(last_node=self.current)

    # --- actions (the BINDINGS above) ------------------------------------------------

    def action_help(self) -> None:
        from tui.app.keys import key_help
        from tui.app.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("Keys", key_help(self.app, self.BINDINGS, self._describe_key)))

    def _describe_key(self, binding: Binding) -> str | None:
        """Number keys are worded with the topic they jump to in this pack."""
        if binding.action.startswith("jump("):
            index = int(binding.action[5:-1])
            topics = self.pack.topics()
            return f"Jump to {topics[index].title}" if index < len(topics) else None
        return None

    def selected(self) -> str | None:
        """The node b and n act on: under the tree cursor when the tree has focus (it is
        always up to date, even for keys typed in a burst), else the one being read."""
        tree = self.query_one(TopicTree)
        if tree.has_focus and tree.cursor_node is not None and tree.cursor_node.data:
            return tree.cursor_node.data
        return self.current

    def action_bookmark(self) -> None:
        node_id = self.selected()
        if node_id is None:
            return
        try:
            added = self.store.toggle_bookmark(node_id)
        except StoreUnavailable as error:
            self.notify(str(error), title="Not saved", severity="error")
            return
        self._refresh_annotation(node_id)
        title = self.pack.node(node_id).title
        self.notify(f"Bookmarked {title}" if added else f"Removed the bookmark on {title}", markup=False)

    def action_search(self) -> None:
        from tui.app.screens.search import SearchScreen
        from tui.search import NoteIndex, SearchIndex

        if self._index is None:
            self._index = SearchIndex(self.pack)
        notes = NoteIndex(self.pack, {node_id: note.text for node_id, note in self.store.notes().items()})
        self.app.push_screen(SearchScreen(self._index, notes, self._last_query), self._searched)

    def _searched(self, choice: SearchChoice | None) -> None:
        if choice is None:
            return  # escape: back where the reader was, nothing changed
        self._last_query = choice.query
        reader = self.query_one(Reader)
        reader.highlight(choice.highlighter)
        self.open(choice.node_id)
        reader.focus()

    def action_export(self) -> None:
        from tui.app.screens.export import ExportScreen

        if not self.store.entries():
            self.notify("Nothing to export yet: bookmark something (b) or write a note (n) first.")
            return
        self.app.push_screen(ExportScreen(self._render_export), self._exported)

    def _render_export(self, fmt: str) -> str | None:
        from tui.exchange import render_export

        return render_export(self.pack, self.store.snapshot(), fmt)

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"Exported to {path}", title="Export", markup=False)

    def action_step_match(self, forward: bool) -> None:
        reader = self.query_one(Reader)
        if reader.highlighting and not reader.step_match(forward):
            self.app.bell()

    def action_clear_search(self) -> None:
        self.query_one(Reader).highlight(None)

    def action_note(self) -> None:
        reader = self.query_one(Reader)
        if reader.has_focus and reader.highlighting:
            self.action_step_match(True)  # vi-style n after a search, as in the key contract
            return
        node_id = self.selected()
        if node_id is not None:
            self._edit_note(node_id)

    @work
    async def _edit_note(self, node_id: str) -> None:
        from tui.app.screens.note_editor import NoteEditor

        if self.store.unavailable:
            self.notify(f"Notes are unavailable: {self.store.unavailable}", severity="error", markup=False)
            return
        where = breadcrumb_text(self.pack, node_id) if node_id in self.pack else node_id
        saved = self.store.note(node_id)
        kept = self.store.drafts().get(node_id)
        draft = kept.text if kept is not None else None
        recovered = f"kept {kept.saved[:16].replace('T', ' ')} UTC" if kept is not None else None
        keep = partial(self._keep_draft, node_id)
        while True:
            editor = NoteEditor(where, saved, draft=draft, recovered=recovered, keep=keep)
            text = await self.app.push_screen_wait(editor)
            if text is None:
                return
            try:
                saved_as = self.store.save_note(node_id, text, opened=saved)
                break
            except StoreUnavailable as error:
                # Nothing typed is lost: the editor comes back with the draft in it.
                self.notify(str(error), title="Not saved", severity="error", markup=False)
                draft, recovered = text, None
        self._refresh_annotation(node_id)
        if saved_as.kept_other:
            self.notify(
                "The note had been changed elsewhere while you wrote: both versions are kept, yours first.",
                title="Note saved",
                severity="warning",
                timeout=15,
            )
        else:
            self.notify("Note saved" if text.strip() else "Note deleted")

    def _keep_draft(self, node_id: str, text: str | None, wait: float | None) -> bool:
        """Keep (or, with None, forget) the draft of the note being written on a node;
        False when the store could not (the editor still holds the text; saving says why)."""
        try:
            if text is None:
                if node_id in self.store.drafts():
                    self.store.discard_draft(node_id, wait=wait)
            else:
                self.store.save_draft(node_id, text, wait=wait)
        except StoreUnavailable:
            return False
        return True

    @work
    async def action_bookmarks(self) -> None:
        from tui.app.screens.bookmarks import BookmarksScreen, Row

        rows = [
            Row(entry, breadcrumb_text(self.pack, entry.node_id) if entry.node_id in self.pack else entry.node_id,
                missing=entry.node_id not in self.pack)
            for entry in self.store.entries()
        ]  # fmt: skip
        result = await self.app.push_screen_wait(BookmarksScreen(rows, self._delete_entry))
        if result is None:
            return
        if result.edit_note:
            self._edit_note(result.node_id)
        else:
            self.open(result.node_id)
            self.query_one(Reader).focus()

    def _delete_entry(self, node_id: str) -> str | None:
        """Delete a node's bookmark and note; the reason when that failed."""
        try:
            self.store.delete_entry(node_id)
        except StoreUnavailable as error:
            return str(error)
        self._refresh_annotation(node_id)
        return None

    def action_move(self, step: int) -> None:
        tree = self.query_one(TopicTree)
        if tree.has_focus:
            tree.action_cursor_down() if step > 0 else tree.action_cursor_up()
            # Follow the cursor now, not when its highlight message arrives: a key typed
            # right after (b, n) must act on the node the cursor is on.
            node = tree.cursor_node
            if node is not None and node.data and node.data != self.current:
                self.open(node.data, passing=True)
        else:
            reader = self.query_one(Reader)
            reader.scroll_down() if step > 0 else reader.scroll_up()

    def action_expand(self) -> None:
        tree = self.query_one(TopicTree)
        if tree.has_focus:
            tree.expand_or_enter()
        elif tree.cursor_node is not None and tree.cursor_node.data:
            self.open(tree.cursor_node.data)

    def action_collapse(self) -> None:
        tree = self.query_one(TopicTree)
        if tree.has_focus:
            tree.collapse_or_leave()
            return
        parent = self.pack.parent(self.current) if self.current else None
        if parent is not None:
            self.open(parent.id)

    def action_jump(self, index: int) -> None:
        topics = self.pack.topics()
        if index < len(topics):
            self.open(topics[index].id)

    def action_back(self) -> None:
        node_id = self.history.back()
        if node_id is None:
            self.app.bell()
        else:
            self.current = node_id

    def action_forward(self) -> None:
        node_id = self.history.forward()
        if node_id is None:
            self.app.bell()
        else:
            self.current = node_id

    def action_top(self) -> None:
        self.query_one(Reader).scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.query_one(Reader).scroll_end(animate=False)

    def action_toggle_tree(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-show-tree")
            showing = self.has_class("-show-tree")
        else:
            self.toggle_class("-hide-tree")
            showing = not self.has_class("-hide-tree")
        (self.query_one(TopicTree) if showing else self.query_one(Reader)).focus()


def _mark(annotation: Annotation) -> str:
    """The tree's marker for a node: ★ bookmarked, ✎ has a note."""
    return ("★" if annotation.bookmarked else "") + ("✎" if annotation.note is not None else "")
