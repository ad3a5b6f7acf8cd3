"""Textual's private names, used in tui/app/internals/ only, still mean what the explorer
relies on. A Textual upgrade that changes one of them fails here, by name."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from rich.style import Style
from textual.app import App, ComposeResult
from textual.widgets import Tree

from tui.app.internals.tree_lines import lay_out_lines, render_row

PACKAGE = Path(__file__).resolve().parents[2] / "tui"


def test_no_private_textual_name_outside_the_internals_package() -> None:
    """``x._name`` on anything but ``self`` / ``cls`` (our own attributes), a NamedTuple's
    ``_replace`` and ``os._exit``, is only allowed in tui/app/internals/."""
    allowed = re.compile(r"\b(?:self|cls|os)\._|\._(?:replace|asdict|fields|make)\b")
    found = []
    for path in (PACKAGE / "app").rglob("*.py"):
        if "internals" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for match in re.finditer(r"\b\w+\._[a-z]\w*", line):
                if not allowed.match(line, match.start()) and not allowed.search(match.group()):
                    found.append(f"{path.relative_to(PACKAGE)}:{number}: {match.group()}")
    assert found == []


class _TreeApp(App[None]):
    def compose(self) -> ComposeResult:
        tree: Tree[str] = Tree("root")
        tree.root.expand()
        yield tree


async def test_tree_lays_out_its_lines_when_last_line_is_read() -> None:
    async with _TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(Tree)
        first = tree.root.add("first", expand=True)
        child = first.add_leaf("child")
        assert child.line == -1  # not laid out yet: move_cursor would go to a stale line
        lay_out_lines(tree)
        assert child.line == 2
        tree.move_cursor(child)
        assert tree.cursor_node is child


async def test_tree_draws_a_row_with_a_given_style() -> None:
    assert list(inspect.signature(Tree._render_line).parameters) == ["self", "y", "x1", "x2", "base_style"]
    async with _TreeApp().run_test() as pilot:
        tree = pilot.app.query_one(Tree)
        tree.root.add_leaf("a leaf")
        await pilot.pause()
        assert "a leaf" in render_row(tree, 1, Style()).text


def test_app_handles_exceptions_where_the_crash_hook_expects() -> None:
    assert list(inspect.signature(App._handle_exception).parameters) == ["self", "error"]
    app = App[None]()
    assert isinstance(app._exit_renderables, list)  # what Textual prints after exiting


def test_every_private_attribute_read_on_self_is_one_of_ours() -> None:
    """``self._name`` outside the internals package must name something the explorer
    itself defines (an inherited private name of Textual would be one of Textual's)."""
    sources = {path: path.read_text() for path in (PACKAGE / "app").rglob("*.py")}
    everything = "\n".join(sources.values())
    used = {
        name
        for path, text in sources.items()
        if "internals" not in path.parts
        for name in re.findall(r"\bself\.(_[a-z]\w*)", text)
    }
    ours = {
        name
        for name in used
        if re.search(rf"(self\.{name}\s*(:[^=\n]*)?=|def {name}\b|\b{name}\s*:|, self\.{name}\b)", everything)
    }
    assert sorted(used - ours) == []
