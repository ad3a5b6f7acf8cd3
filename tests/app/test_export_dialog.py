"""The export dialog: format, default path, overwrite confirmation, failures, empty."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from textual.widgets import Input, RadioSet

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
            if reason == "does not exist":  # offered to create it; declined
                await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
                await pilot.press("n")
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


async def test_a_missing_folder_is_created_when_the_reader_says_so(pack: Pack, tmp_path: Path) -> None:
    app = make_app(pack)
    app.store.toggle_bookmark("uses/adhd")
    target = tmp_path / "new" / "deeper" / "notes.md"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "does not exist. Create it?" in screen_text(app)
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        assert "Semax Explorer" in target.read_text()


async def test_a_folder_that_cannot_be_created_says_why(pack: Pack, tmp_path: Path) -> None:
    app = make_app(pack)
    app.store.toggle_bookmark("uses/adhd")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")  # (a permission test would pass as root: this fails for anyone)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        app.screen.query_one(Input).value = str(blocker / "sub" / "x.md")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        await until(pilot, lambda: "cannot create the folder" in str(app.screen.query_one("#export-status").render()))
    assert blocker.read_text() == "not a folder"


async def test_the_dialog_remembers_the_last_format_and_folder(pack: Pack, tmp_path: Path) -> None:
    app = make_app(pack)
    app.store.toggle_bookmark("uses/adhd")
    folder = tmp_path / "exports"
    folder.mkdir()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        await pilot.press("shift+tab", "down", "down", "space")  # HTML
        await until(pilot, lambda: app.screen.query_one(Input).value.endswith(".html"))
        app.screen.query_one(Input).value = str(folder / "mine.html")
        app.screen.query_one(Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
    assert (folder / "mine.html").read_text().startswith("<!DOCTYPE html>")
    # Kept in the store's settings record, so a new run (a new store object) opens with them.
    reopened = make_app(pack)
    settings = reopened.store.settings()
    assert (settings.export_format, settings.export_folder) == ("html", str(folder))
    async with reopened.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await until(pilot, lambda: isinstance(reopened.screen, ExportScreen))
        field = reopened.screen.query_one(Input)
        assert field.value == str(folder / f"semax-notes-{date.today().isoformat()}.html")
        pressed = reopened.screen.query_one(RadioSet).pressed_button
        assert pressed is not None and pressed.name == "html"
        # A remembered folder that has gone: the home folder again.
        await pilot.press("escape")
        (folder / "mine.html").unlink()
        folder.rmdir()
        await pilot.press("e")
        await until(pilot, lambda: isinstance(reopened.screen, ExportScreen))
        assert reopened.screen.query_one(Input).value == f"~/semax-notes-{date.today().isoformat()}.html"


async def test_keys_typed_with_the_key_that_opens_the_dialog_are_kept(pack: Pack, tmp_path: Path) -> None:
    app = make_app(pack)
    app.store.toggle_bookmark("uses/adhd")
    target = tmp_path / "fast.md"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", *str(target), "enter")  # one burst: the dialog opens and exports
        await until(pilot, target.exists)
        assert "Semax Explorer" in target.read_text()
