"""One declaration per command: the bindings, the key bar, the help screen, the palette and
the README's key table all come from tui.app.commands, and no key means two things."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from tests.app.conftest import make_app, until
from tui.app import commands
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.key_list import KeyList
from tui.content import Pack
from tui.content.claims import legend, legend_entry

README = Path(__file__).resolve().parents[2] / "README.md"


def test_no_key_is_bound_twice() -> None:
    keys = Counter(key for command in commands.MAIN for key in command.key_list)
    assert [key for key, count in keys.items() if count > 1] == []


def test_the_readme_key_table_is_the_declaration() -> None:
    text = README.read_text(encoding="utf-8")
    table = re.search(r"<!-- keys:.*?-->\n(.*?)\n<!-- keys: end -->", text, re.S)
    assert table is not None, "the README has no generated key table"
    assert table.group(1) == commands.markdown_table(commands.MAIN), "run: python -m tui.app.commands"


async def test_every_command_runs_a_method_that_exists(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for command in commands.MAIN:
            found = re.fullmatch(r"flow\('(\w+)\.(\w+)'.*\)", command.action)
            if found:
                assert callable(getattr(getattr(screen, found.group(1)), found.group(2))), command.name
            else:
                namespace, _, action = command.action.partition(".")
                assert namespace == "app" and callable(getattr(app, f"action_{action}")), command.name


async def test_help_key_bar_and_palette_come_from_the_declaration(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        shown = [
            (slot.key_display, slot.description) for slot in app.screen.query_one(KeyBar).slots if not slot.palette
        ]
        declared = [(commands.key_display(c.key_list[0]), c.name) for c in commands.MAIN if c.show]
        assert shown == declared
        palette = [
            (c.title, c.help) for c in app.get_system_commands(app.screen) if c.title in {m.name for m in commands.MAIN}
        ]
        assert palette == [(c.name, f"{c.help} ({commands.keys_display(c)})") for c in commands.MAIN if c.palette]
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = help_screen.rows
        expected: list[tuple[str, str]] = []
        topics = pack.topics()
        for group, help_rows in commands.help_sections(commands.MAIN):
            expected.append(("", group))
            for row in help_rows:
                number = row.keys if row.keys.isdigit() else ""
                description = f"Jump to {topics[int(number) - 1].title}" if number else row.description
                expected.append((row.keys, description))
        expected.append(("", "Evidence labels"))  # then the legend (tests/app/test_evidence.py)
        expected += [legend_entry(row) for row in legend(pack)]
        assert rows == expected
        listing = help_screen.query_one(KeyList)
        assert listing.option_count == len(expected)
        jump = next(i for i, (keys, _) in enumerate(expected) if keys == "1")
        assert "Jump to Overview" in str(listing.get_option_at_index(jump).prompt)  # drawn as written
