"""The export dialog: format, default path, overwrite confirmation, failures, empty."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from textual.widgets import Input

from tests.app.conftest import make_app, screen_text, settled, until
from tui.app.screens.confirm import ConfirmScreen
from tui.app.screens.export import ExportScreen
from tui.app.screens.main import MainScreen
from tui.content import Pack


def home() -> Path:
    path = Path(os.environ["HOME"])
    path.mkdir(parents=True, exist_ok=True)
    return path


async def test_export_to_the_default_path(pack: Pack) -> None:
    app = make_app(pack)
    app.store.save_note("uses/adhd", "a note")
    home()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert isinstance(app.screen, ExportScreen)
        field = app.screen.query_one(Input)
        assert field.value == f"~/semax-notes-{date.today().isoformat()}.md"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)
        written = home() / f"semax-notes-{date.today().isoformat()}.md"
        assert "a note" in written.read_text()
        assert "Exported to" in screen_text(app)


async def test_changing_format_changes_the_extension(pack: Pack) -> None:
    app = make_app(pack)
    app.store.toggle_bookmark("uses/adhd")
    home()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        await pilot.press("shift+tab")  # to the format choice
        await pilot.press("down", "space")  # JSON
        await pilot.pause()
        assert app.screen.query_one(Input).value.endswith(".json")
        app.screen.query_one(Input).focus()
        await pilot.press("enter")
        await settled(pilot)
        written = home() / f"semax-notes-{date.today().isoformat()}.json"
        assert json.loads(written.read_text())["items"][0]["id"] == "uses/adhd"


async def test_overwrite_asks_first(pack: Pack, tmp_path: Path) -> None:
    app = make_app(pack)
    app.store.toggle_bookmark("uses/adhd")
    target = tmp_path / "existing.md"
    target.write_text("keep me")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert isinstance(app.screen, ExportScreen) and target.read_text() == "keep me"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen) and "Semax Explorer" in target.read_text()


async def test_failure_shows_the_reason_and_keeps_the_dialog(pack: Pack, tmp_path: Path) -> None:
    app = make_app(pack)
    app.store.toggle_bookmark("uses/adhd")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        for path, reason in [(tmp_path / "no-such-dir" / "x.md", "does not exist"), (tmp_path, "is a directory")]:
            app.screen.query_one(Input).value = str(path)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ExportScreen))
            assert isinstance(app.screen, ExportScreen)
            status = str(app.screen.query_one("#export-status").render())
            assert reason in status, status


async def test_empty_export_says_so(pack: Pack) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert isinstance(app.screen, MainScreen)
        assert "Nothing to export yet" in screen_text(app)
