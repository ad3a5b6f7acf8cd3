"""The reader's own editor: real scripts as editors, real temporary files, no mocks."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.hostile import CORPUS
from tui.external_editor import edit_in_editor, editor_command


def script(tmp_path: Path, body: str, name: str = "editor") -> list[str]:
    """A tiny editor: a shell script that gets the file as $1."""
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return [str(path)]


def test_visual_comes_before_editor_and_is_split_as_a_shell_would() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "vi"}) == ["code", "--wait"]
    assert editor_command({"VISUAL": " ", "EDITOR": "nano"}) == ["nano"]
    assert editor_command({"EDITOR": "'my editor' -x"}) == ["my editor", "-x"]
    assert editor_command({}) is None


@pytest.mark.parametrize("note", ["", "one line", "two\nlines", "ends in a break\n", "- item\n- item\n\n# head"])
def test_an_editor_that_appends_a_line(tmp_path: Path, note: str) -> None:
    edited = edit_in_editor(script(tmp_path, "printf 'added\\n' >> \"$1\""), note)
    assert edited.failure is None
    assert edited.text == (f"{note}\nadded" if note else "added")


@pytest.mark.parametrize("note", ["", "plain", "trailing\n\n", *CORPUS.values()])
def test_a_note_comes_back_unchanged_from_an_editor_that_changes_nothing(tmp_path: Path, note: str) -> None:
    edited = edit_in_editor(["true"], note)
    assert edited == (note, None)


def test_bytes_that_are_not_utf8_come_back_as_written(tmp_path: Path) -> None:
    edited = edit_in_editor(script(tmp_path, "printf 'x\\377y' >> \"$1\""), "")
    assert edited.text == "x\udcffy"


def test_the_temporary_file_is_private_and_removed(tmp_path: Path) -> None:
    seen = tmp_path / "seen"
    edited = edit_in_editor(script(tmp_path, f'echo "$1" > {seen}; stat -c %a "$1" >> {seen}'), "secret")
    name, mode = seen.read_text().split()
    assert edited.failure is None and mode == "600" and not Path(name).exists()


def test_a_failing_editor_says_why_and_gives_back_what_it_wrote(tmp_path: Path) -> None:
    edited = edit_in_editor(script(tmp_path, "printf 'half' >> \"$1\"; exit 3"), "note")
    assert edited.failure is not None and "exited with status 3" in edited.failure
    assert edited.text == "note\nhalf"


def test_a_killed_editor_is_a_failure(tmp_path: Path) -> None:
    edited = edit_in_editor(script(tmp_path, 'printf more >> "$1"; kill -9 $$'), "note")
    assert edited.failure is not None and "stopped by signal 9" in edited.failure
    assert edited.text == "note\nmore"


def test_a_missing_editor_is_one_clear_failure(tmp_path: Path) -> None:
    edited = edit_in_editor([str(tmp_path / "no-such-editor")], "note")
    assert edited.text is None and edited.failure is not None
    assert "could not be started" in edited.failure and "\n" not in edited.failure


def test_a_file_replaced_by_a_fifo_is_not_opened(tmp_path: Path) -> None:
    edited = edit_in_editor(script(tmp_path, 'rm "$1"; mkfifo "$1"'), "note")
    assert edited.text is None and edited.failure is None  # returned at once: never blocked on the FIFO


def test_a_hostile_editor_name_is_shown_on_one_safe_line(tmp_path: Path) -> None:
    edited = edit_in_editor(["/nowhere/\x1b]0;pwned\x07ed\nx"], "note")
    assert edited.failure is not None and "\x1b" not in edited.failure and "\n" not in edited.failure


def test_environment_is_not_needed_for_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    edited = edit_in_editor(script(tmp_path, 'printf x >> "$1"'), "")
    assert edited.text == "x" and [p.name for p in tmp_path.iterdir() if p.name.startswith("semax-note-")] == []
    assert os.environ["TMPDIR"] == str(tmp_path)
