"""Every command of the main screen, declared once.

A :class:`Command` says everything about one thing the reader can do: its keys, the
action it runs, its name, one sentence of help, the group it is listed under, whether
the key bar shows it and whether the command palette offers it. From these declarations
alone come the screen's bindings (:func:`bindings`), the key bar (which shows the
bindings marked ``show``), the help screen (:func:`help_sections`), the palette
(:meth:`tui.app.app.SemaxExplorer.get_system_commands`) and the README's key table
(:func:`markdown_table`; a test holds the README to it). Adding a command is one entry
here and one ``action_`` method on the screen.

Keys are Textual's key names; :func:`key_display` is how every surface writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from textual.binding import Binding, BindingType

JUMP_KEYS = 6
"""The first six topics have number keys (the tree shows the digit)."""


class Command(NamedTuple):
    """One thing the reader can do on the main screen."""

    name: str
    """What the help, the palette and the key bar call it."""
    keys: str
    """Textual key names, comma-separated; the first is the one the key bar shows."""
    action: str
    """The action it runs (a method ``action_<name>`` of the screen, or ``app.<name>``)."""
    help: str
    """One sentence: the help screen's description, the tooltip, the palette's help."""
    group: str
    """The section of the help screen it is listed in."""
    show: bool = False
    """Shown on the key bar."""
    palette: bool = True
    """Offered in the command palette."""

    @property
    def key_list(self) -> list[str]:
        """Each key on its own."""
        return [key.strip() for key in self.keys.split(",")]

    def binding(self) -> Binding:
        """The Textual binding for the command."""
        # Every command is a priority binding: Textual runs those as each key is read, and
        # hands other keys to the focused widget's queue, where they wait; in a burst of
        # keys ("1 j j"), a plain binding ran after the priority ones typed after it.
        return Binding(
            self.keys, self.action, self.name, show=self.show, tooltip=self.help, id=self.name, priority=True
        )


MOVE, LINKS, SEARCH, EVIDENCE, NOTES, VIEW = (
    "Move", "Links", "Search", "Evidence", "Your bookmarks and notes", "View"
)  # fmt: skip


ESSENTIAL = frozenset({"Help", "Quit", "Tree"})
"""Commands the key bar keeps however narrow it is: how to get help, to leave, and to
bring back the tree (a hidden sidebar on a narrow screen)."""


OPENS_A_DIALOG = frozenset(
    {"search.open_dialog", "notes.edit_here", "notes.show_list", "export.open_dialog", "help.show"}
)
"""The flows' methods that open a dialog on the node read (``screen.current``, always up
to date) and need nothing of the reader's layout: they never wait for the reader to place
a node, so the keys typed after them in one burst reach the dialog, as typed slowly (waiting
behind the reader, ``a hello`` ran ``h e l l o`` as commands and saved an empty note)."""


ACTS_ON_THE_READER = frozenset({"search.step", "navigate.peek", "navigate.clear", "navigate.link"})
"""The flows' methods that act on the reader's document whichever pane has focus (n and N
scroll to a match, K and escape read the selected link, shift+tab from the tree selects
the last link in view): typed in the tree while the reader is placing a node, they wait
for it as the reader's own keys do."""


def run(target: str, *args: object) -> str:
    """The action that runs a flow's method on the main screen: ``run("search.step", True)``
    is ``flow('search.step', True)``, which the screen hands to ``self.search.step(True)``."""
    return f"flow({', '.join(repr(value) for value in (target, *args))})"


MAIN: tuple[Command, ...] = (
    Command("Down", "down,j", run("navigate.move", 1), "The next row of the tree, or the reader a line down", MOVE,
            palette=False),
    Command("Up", "up,k", run("navigate.move", -1), "The row above, or the reader a line up", MOVE, palette=False),
    Command("Open", "enter,right,l", run("navigate.expand"), "Expand the topic or read the section; in the reader, "
            "follow the selected link", MOVE, palette=False),
    Command("Up a level", "left,h", run("navigate.collapse"), "Collapse the topic, or go up to it", MOVE,
            palette=False),
    Command("Page down", "space,pagedown,ctrl+f", run("navigate.page", 1.0), "A page down, in the reader or the tree",
            MOVE, palette=False),
    Command("Page up", "shift+space,pageup,ctrl+b", run("navigate.page", -1.0), "A page up", MOVE, palette=False),
    Command("Half page down", "ctrl+d", run("navigate.page", 0.5), "Half a page down", MOVE, palette=False),
    Command("Half page up", "ctrl+u", run("navigate.page", -0.5), "Half a page up", MOVE, palette=False),
    Command("Top", "g,home", run("navigate.edge", False), "The top of the reader, or the tree's first row", MOVE,
            palette=False),
    Command("Bottom", "G,end", run("navigate.edge", True), "The bottom of the reader, or the tree's last row", MOVE,
            palette=False),
    *(
        Command(f"Topic {n + 1}", str(n + 1), run("navigate.jump", n), f"Jump to topic {n + 1}", MOVE, palette=False)
        for n in range(JUMP_KEYS)
    ),
    Command("Back", "left_square_bracket,alt+left", run("navigate.back", False), "Back to the node visited before",
            MOVE),
    Command("Forward", "right_square_bracket,alt+right", run("navigate.back", True), "Forward again in history",
            MOVE),
    Command("Next link", "tab", run("navigate.link", True), "From the tree, the reader; in the reader, the next "
            "link (cross-reference, see also, glossary term, source); after the last, the tree", LINKS,
            palette=False),
    Command("Previous link", "shift+tab", run("navigate.link", False), "The link before; before the first, the tree",
            LINKS, palette=False),
    Command("Peek", "K", run("navigate.peek"), "Show where the selected link leads (a term's definition) without "
            "leaving the page", LINKS),
    Command("Search", "slash", run("search.open_dialog"), "Search titles, text, the glossary and your notes", SEARCH,
            show=True),
    Command("Next match", "n", run("search.step", True), "After a search: the next match, on into the next section "
            "and topic (after the last, the first)", SEARCH),
    Command("Previous match", "N", run("search.step", False), "After a search: the match before (before the first, "
            "the last)", SEARCH),
    Command("Clear", "escape", run("navigate.clear"), "Unselect the selected link, or clear a search's marked "
            "words", SEARCH, palette=False),
    Command("Legend", "L", run("evidence.legend"), "What each evidence label means, and how many sections "
            "carry it", EVIDENCE),
    Command("Evidence table", "c", run("evidence.table"), "Every section and its evidence label in one table: "
            "sort by strength, filter by label, enter opens one", EVIDENCE),
    Command("Filter by evidence", "F", run("evidence.cycle_filter"), "Keep the tree to the sections at or above "
            "a strength of evidence (again for the next; after the weakest, every section)", EVIDENCE),
    Command("Bookmark", "b", run("notes.toggle_bookmark_here"), "Bookmark the node you are reading, or remove "
            "its bookmark", NOTES, show=True),
    Command("Note", "a", run("notes.edit_here"), "Write or edit your note on the node you are reading", NOTES,
            show=True),
    Command("Note in your editor", "v", run("notes.edit_outside_here"), "Write or edit your note on the node you "
            "are reading in your own editor ($VISUAL, else $EDITOR)", NOTES),
    Command("Bookmarks", "B", run("notes.show_list"), "Your bookmarks and notes, newest first", NOTES, show=True),
    Command("Export", "e", run("export.open_dialog"), "Export your bookmarks and notes (Markdown, JSON, HTML)",
            NOTES),
    Command("Tree", "s", run("navigate.toggle_tree"), "Show or hide the topic tree", VIEW, show=True),
    Command("Narrower tree", "less_than_sign", run("navigate.tree_width", -4), "Make the topic tree narrower "
            "(remembered)", VIEW),
    Command("Wider tree", "greater_than_sign", run("navigate.tree_width", 4), "Make the topic tree wider "
            "(remembered)", VIEW),
    Command("Light or dark", "t", "app.toggle_theme", "Switch between the light and the dark theme", VIEW),
    Command("Find", "ctrl+p", "app.command_palette", "Find any topic, section, bookmark or command", VIEW,
            palette=False),
    Command("Help", "question_mark,f1", run("help.show"), "Every key and what it does", VIEW, show=True),
    Command("Quit", "q,ctrl+q", "app.quit", "Quit and restore the terminal (the next start reopens here)", VIEW,
            show=True),
)  # fmt: skip
"""The main screen's commands, in the order the help lists them."""

_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "escape": "esc",
    "pagedown": "pgdn",
    "pageup": "pgup",
    "delete": "del",
    "space": "space",
    "full_stop": ".",
    "comma": ",",
    "minus": "-",
    "plus": "+",
    "equals_sign": "=",
    "less_than_sign": "<",
    "greater_than_sign": ">",
}


def key_display(key: str) -> str:
    """How a key is written everywhere it is shown: ``?``, ``ctrl+p``, ``alt+←``, ``G``."""
    *modifiers, name = key.split("+")
    return "+".join([*modifiers, _KEY_NAMES.get(name, name)])


def keys_display(command: Command) -> str:
    """All of a command's keys, as the help and the README write them."""
    return " ".join(key_display(key) for key in command.key_list)


def bindings(commands: Iterable[Command]) -> list[BindingType]:
    """The bindings for a screen's ``BINDINGS``."""
    return [command.binding() for command in commands]


class HelpRow(NamedTuple):
    """One row of the help screen."""

    keys: str
    description: str


def help_sections(
    commands: Sequence[Command], describe: Callable[[Command], str | None] = lambda _: None
) -> list[tuple[str, list[HelpRow]]]:
    """The help screen's sections, in order, each a group's rows. ``describe`` may word a
    row from what only the screen knows (the topic a number key jumps to)."""
    sections: dict[str, list[HelpRow]] = {}
    for command in commands:
        description = describe(command) or command.help
        sections.setdefault(command.group, []).append(HelpRow(keys_display(command), description))
    return list(sections.items())


def markdown_table(commands: Sequence[Command]) -> str:
    """The README's key table: the same rows as the help screen, by group."""
    lines = ["| key | action |", "|---|---|"]
    for group, rows in help_sections(commands):
        lines.append(f"| **{group}** | |")
        lines += [f"| {' '.join(f'`{key}`' for key in row.keys.split(' '))} | {row.description} |" for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":  # python -m tui.app.commands: the README's key table
    print(markdown_table(MAIN))
