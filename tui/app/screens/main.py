"""The main screen: the topic tree beside the reader. It composes and routes.

The screen is the only place that knows the pack, the store, the tree and the reader at
once. Widgets tell it what happened with messages (:class:`OpenNode`, :class:`ReadingAt`),
and its flows by calling it (:meth:`MainScreen.go_to`, :meth:`MainScreen.annotation_changed`);
it records history and keeps the tree, the reader and the
breadcrumb in step. Its keys are declared once (:mod:`tui.app.commands`), and each runs a
method of one of its flows (:mod:`tui.app.flows`) through :meth:`MainScreen.action_flow`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen

from tui.app import commands
from tui.app.flows.evidence import EvidenceFlow
from tui.app.flows.export import ExportFlow
from tui.app.flows.help import HelpFlow
from tui.app.flows.live import LiveFlow
from tui.app.flows.navigate import NavigateFlow
from tui.app.flows.notes import NotesFlow
from tui.app.flows.search import SearchFlow
from tui.app.internals.key_order import KeyHold, hold_keys
from tui.app.messages import OpenNode, ReadingAt
from tui.app.navigation import History
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.node_parts import Annotation
from tui.app.widgets.reader import Reader
from tui.app.widgets.title_bar import TitleBar
from tui.app.widgets.topic_tree import TopicTree
from tui.content import Pack
from tui.content.document import breadcrumb_text
from tui.store import UserStore

NARROW_WIDTH = 70
"""Below this many columns the tree becomes a sidebar that is shown on demand."""


class MainScreen(Screen[None]):
    """Tree on the left, reader on the right, title bar with breadcrumb, key bar at the bottom."""

    BINDINGS = commands.bindings(commands.MAIN)

    current: reactive[str | None] = reactive(None, init=False, repaint=False)
    """The id of the node the reader shows (it repaints nothing itself: the tree, the title
    bar and the reader draw what changes)."""

    def __init__(self, pack: Pack, store: UserStore, start: str | None = None) -> None:
        super().__init__()
        self.pack, self.store = pack, store
        self.history = History()
        self._start = start or pack.topics()[0].id
        self._reader_leads = False
        """The next change of ``current`` came from the reader's scroll: do not move it."""
        self.search, self.notes, self.export = SearchFlow(self), NotesFlow(self), ExportFlow(self)
        self.navigate, self.help, self.live = NavigateFlow(self), HelpFlow(self), LiveFlow(self)
        self.evidence = EvidenceFlow(self)

    def compose(self) -> ComposeResult:
        """The title bar with the breadcrumb, the tree beside the reader (both showing the reader's
        bookmarks and notes), and the key bar."""
        annotations = {node: a for node, a in self.live.annotations().items() if node in self.pack}
        yield TitleBar(icon="◆")
        with Horizontal(id="workspace"):
            yield TopicTree(self.pack, marks={node: _mark(a) for node, a in annotations.items()}, id="tree")
            yield Reader(self.pack, first=self._start, annotations=annotations, id="reader")
        yield KeyBar(essential=commands.ESSENTIAL)

    def on_mount(self) -> None:
        """The start node opens with the tree focused; the reader hears of any trouble with the
        store, and the search index is built in the background."""
        width = self.store.settings().tree_width
        if width is not None:
            self.navigate.apply_tree_width(width)
        self.open(self._start)
        self.query_one(TopicTree).focus()
        self.notes.tell_about_the_store()
        self.search.build_later()
        self.live.start()

    def action_flow(self, target: str, *args: object) -> None:
        """Run a command (:mod:`tui.app.commands`): ``target`` is ``flow.method``.

        Keys are run in the order they came, whatever their speed: while the reader is
        still placing a node, a key that is not for the tree (whose moves are synchronous)
        waits for it, and so does every key after one that waits; a key typed in the tree
        that acts on the reader (:data:`~tui.app.commands.ACTS_ON_THE_READER`) waits too. A
        key that opens a dialog (:data:`~tui.app.commands.OPENS_A_DIALOG`) does not wait for
        the placing alone, so the keys after it reach the dialog at once; behind waiting keys
        it waits its turn (they may change the node it acts on), and the keys that waited
        behind it are not run as commands under the dialog (:meth:`Reader.after_placing`).
        """
        flow, method = target.split(".")
        run = partial(self._in_step_with_the_reader, partial(getattr(getattr(self, flow), method), *args))
        reader = self.query_one(Reader)
        for_the_tree = (
            self.focused is self.query_one(TopicTree)
            and not reader.keys_waiting
            and target not in commands.ACTS_ON_THE_READER
        )
        opens_now = target in commands.OPENS_A_DIALOG and not reader.keys_waiting  # behind keys: in turn
        if reader.busy and not for_the_tree and not opens_now:
            # The keys after this one wait for it to run (a dialog it opens gets them).
            reader.after_placing(partial(self._run_holding_keys, run, hold_keys(self.app)))
        else:
            run()

    def _run_holding_keys(self, run: Callable[[], object], hold: KeyHold) -> None:
        """Run a command that waited for the reader; then the keys typed after it go on."""
        try:
            run()
        finally:
            hold.release()

    def _in_step_with_the_reader(self, run: partial[object]) -> None:
        """Run a key's command on the node on screen: one that waited for the reader (see
        :meth:`action_flow`) runs after the keys before it, whose scrolls the screen has
        not heard of yet."""
        self.follow_the_reader()
        run()

    def follow_the_reader(self) -> None:
        """The section the reader's own scroll brought to its top becomes the node read, now
        (the reader says so with :class:`ReadingAt` too, read only after the keys queued
        before it): ``G`` then ``h`` in one burst goes up from the last section, as typed
        slowly. The reader is already there: it is not moved again. The app asks this
        before every key (:meth:`~tui.app.app.SemaxExplorer.on_event`): keys that are not
        the screen's commands (``q``, ``ctrl+p``) act on what is on screen too."""
        node_id = self.query_one(Reader).take_reading_at()
        if node_id is not None and node_id in self.pack and node_id != self.current:
            self._reader_leads = True
            self.open(node_id, passing=True)

    def open(self, node_id: str, *, passing: bool = False) -> None:
        """Show a node and record the visit (see :class:`History`)."""
        self.history.visit(node_id, passing=passing)
        self.current = node_id

    def watch_current(self, node_id: str | None) -> None:
        """The breadcrumb, the tree cursor and the reader follow the node being read."""
        # Synchronous on purpose: keys typed in a burst ("3 j j") must find the tree
        # cursor already moved. Only mounting the reader's document waits its turn.
        if node_id is None:
            return
        leads, self._reader_leads = self._reader_leads, False
        self.query_one(TitleBar).show_breadcrumb(breadcrumb_text(self.pack, node_id))
        self.query_one(TopicTree).reveal(node_id)
        if not leads:
            self.query_one(Reader).follow(node_id)

    @property
    def breadcrumb(self) -> str:
        """What the title bar shows of the node read (``How it works › BDNF``)."""
        return self.query_one(TitleBar).breadcrumb

    def show_filter(self, words: str | None) -> None:
        """The title bar says what the tree is kept to (``evidence ≥ Reported studies (3 of
        32)``) in place of the app's name, so a narrow screen still shows it; ``None``: the
        app's name again."""
        self.query_one(TitleBar).show_title(words)

    def selected(self) -> str | None:
        """The node b and a act on: under the tree cursor when the tree has focus (it is
        always up to date, even for keys typed in a burst), else the one being read."""
        tree = self.query_one(TopicTree)
        if self.focused is tree and tree.cursor_node is not None and tree.cursor_node.data:
            return tree.cursor_node.data
        return self.current

    def annotation(self, node_id: str) -> Annotation:
        """The reader's bookmark and note on a node, as the store has them now."""
        return Annotation(self.store.is_bookmarked(node_id), self.store.note(node_id))

    @on(OpenNode)
    def _open_node(self, message: OpenNode) -> None:
        message.stop()
        self.go_to(message.node_id, passing=message.passing, focus_reader=message.focus_reader)

    def go_to(self, node_id: str, *, passing: bool = False, focus_reader: bool = False) -> None:
        """Read a node the user asked for (a link followed, a row chosen), and with
        ``focus_reader`` move the focus to the reader (a narrow screen's sidebar closes)."""
        if node_id not in self.pack:
            return
        if node_id != self.current:  # the tree echoes every reveal as a highlight
            self.open(node_id, passing=passing)
        if focus_reader:
            self.set_focus(self.query_one(Reader))
            self.remove_class("-show-tree")

    def annotation_changed(self, node_id: str) -> None:
        """A bookmark or note changed in the store: show it now. Called, not a message to
        the screen: a key of a burst read before the message (``b`` then ``G``) would act on
        the old layout."""
        if node_id in self.pack:
            self.show_annotation(node_id, self.annotation(node_id))

    def show_annotation(self, node_id: str, annotation: Annotation) -> None:
        """Show a node's bookmark and note (as changed here or in another window) in the
        reader and as the tree's mark."""
        self.query_one(Reader).annotate(node_id, annotation)
        self.query_one(TopicTree).set_mark(node_id, _mark(annotation))

    @on(ReadingAt)
    def _reading_at(self, message: ReadingAt) -> None:
        """The reader scrolled another section to its top: the tree and title follow, unless
        the reader has moved on since it said so (a key read while the message bubbled up
        opened another node: following the stale word would name a section not shown), or
        a key read since has followed it already (:meth:`follow_the_reader`). The message's
        node is not read: the reader's own word is, which the screen's sending it
        elsewhere has made void."""
        message.stop()
        self.follow_the_reader()

    _covered = False
    """Whether a dialog has been over the screen since it was last on top."""

    def on_screen_suspend(self) -> None:
        """A dialog opened over the screen (see :meth:`on_screen_resume`)."""
        self._covered = True

    def on_screen_resume(self) -> None:
        """A dialog closed: the reader's work that waited for the dialog's next frame, which
        may never have come, is asked for again (see :mod:`~tui.app.internals.after_refresh`).
        The first resume, at start-up, follows no dialog: nothing was lost."""
        covered, self._covered = self._covered, False
        if covered:
            self.query_one(Reader).after_refresh.screen_resumed()

    def on_resize(self, event: Resize) -> None:
        """A narrow terminal turns the tree into a sidebar shown on demand (:data:`NARROW_WIDTH`)."""
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")

    def on_unmount(self) -> None:
        """The node being read is remembered, so the next start opens there."""
        with suppress(NoMatches):  # the reader's last scroll, if the screen has not heard of it
            self.follow_the_reader()
        if self.current:
            self.store.update_settings(last_node=self.current)


def _mark(annotation: Annotation) -> str:
    """The tree's marker for a node: ★ bookmarked, ✎ has a note."""
    return ("★" if annotation.bookmarked else "") + ("✎" if annotation.note is not None else "")
