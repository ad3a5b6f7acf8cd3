"""End to end: the installed semax-explorer in a real terminal, through a reader's journeys."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.terminal import COMMAND, Terminal, available
from tui.store import UserStore

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(available() is not None, reason=str(available()))]

HOSTILE_NOTE = "[bold red]mine[/] <script>x</script> \x1b]0;pwned\x07 end"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return {"SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "data"), "HOME": str(home), "LANG": "C.UTF-8"}


@pytest.fixture
def terminal(env: dict[str, str]) -> Iterator[Terminal]:
    term = Terminal(env)
    yield term
    term.close()


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(COMMAND), *args], capture_output=True, text=True, env=env, check=False, timeout=60)


def test_read_search_bookmark_annotate_quit_reopen_export_import(
    terminal: Terminal, env: dict[str, str], tmp_path: Path
) -> None:
    term = terminal.start()
    term.wait_for("Before you read")
    term.keys("Enter")
    term.wait_for("Semax is a peptide developed")
    for key, title in [
        ("1", "Overview"),
        ("2", "Uses"),
        ("3", "Benefits"),
        ("4", "How it works"),
        ("5", "Research"),
        ("6", "Administration"),
    ]:
        term.keys(key)
        term.wait_for(f"Semax Explorer — {title}")

    term.keys("/")
    term.type("glaucoma")
    term.wait_for("Benefits › Glaucoma and optic neuropathy")
    term.keys("Enter")
    term.wait_for("Semax Explorer — Benefits › Glaucoma and optic neuropathy")

    term.keys("b")
    term.wait_for("★ Bookmarked")
    term.keys("a")  # a writes a note; n (after a search) only ever steps through matches
    term.wait_for("Note on Benefits › Glaucoma")
    term.type(HOSTILE_NOTE.replace("\x1b", "").replace("\x07", ""))
    term.wait_for("pwned end")  # every character typed has arrived before saving
    term.keys("C-s")
    term.wait_for("Your note")
    term.wait_for("[bold red]mine[/] <script>x</script>")  # shown literally, never as markup
    term.keys("q")
    term.wait_for("EXITED-0")

    term2 = Terminal(env).start()
    try:
        screen = term2.wait_for("★✎ Glaucoma and optic")  # reopened where it was, marks restored
        assert "Before you read" not in screen
        term2.keys("B")
        term2.wait_for("Bookmarks and notes")
        term2.wait_for("[bold red]mine[/]")
        term2.keys("Escape", "q")
        term2.wait_for("EXITED-0")
    finally:
        term2.close()

    exported = tmp_path / "backup.json"
    result = cli(env, "export", "--format", "json", "-o", str(exported))
    assert result.returncode == 0, result.stderr
    fresh = {**env, "SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "fresh")}
    result = cli(fresh, "import", str(exported))
    assert result.returncode == 0 and "1 added" in result.stdout
    items = json.loads(cli(fresh, "bookmarks", "--json").stdout)
    assert items[0]["id"] == "benefits/glaucoma" and items[0]["bookmarked"] and "<script>" in items[0]["note"]


def test_help_palette_and_theme(terminal: Terminal) -> None:
    term = terminal.start("--topic", "mechanism/bdnf")
    term.wait_for("Before you read")
    term.keys("Escape")
    term.wait_for("How it works › BDNF: growth of nerve cells")
    term.keys("?")
    term.wait_for("The next row of the tree, or the reader a line down")
    term.keys("Escape", "C-p")
    term.type("optic nerve studies")
    term.wait_for("Research › Optic nerve studies")
    term.keys("Enter")
    term.wait_for("Semax Explorer — Research › Optic nerve studies")
    term.keys("t", "C-q")
    term.wait_for("EXITED-0")


def test_unknown_topic_fails_before_the_screen(env: dict[str, str]) -> None:
    result = cli(env, "--topic", "mechanism/bdfn")
    assert result.returncode == 1 and "did you mean mechanism/bdnf" in result.stderr
    assert "Traceback" not in result.stderr


def test_narrow_terminal(env: dict[str, str]) -> None:
    term = Terminal(env, size=(64, 24)).start()
    try:
        term.wait_for("Before you read")
        term.keys("Enter")
        term.wait_for("Semax is a peptide")
        term.keys("s")
        term.wait_for("6 Administration")
        term.keys("q")
        term.wait_for("EXITED-0")
    finally:
        term.close()


def test_the_export_dialog_keeps_a_path_typed_at_full_speed(env: dict[str, str], tmp_path: Path) -> None:
    for size in ((80, 24), (60, 20)):
        target = tmp_path / f"fast-{size[0]}.md"
        env = {**env, "SEMAX_EXPLORER_DATA_DIR": str(tmp_path / f"data-{size[0]}")}
        term = Terminal(env, size=size).start()
        try:
            term.wait_for("Before you read")
            term.keys("Enter")
            term.wait_for("Semax is a peptide")
            term.keys("b")
            term.wait_for("Bookmarked Overview")
            # The key that opens the dialog, the path and enter, in one burst.
            term.burst("e", str(target), "Enter")
            term.wait_for("Exported to")
            assert target.read_text().startswith("---\ntitle:")
            # The folder is remembered: the next dialog suggests today's file there.
            term.burst("e")
            term.wait_for("semax-notes-")  # (the field shows the end of a long path)
            # A missing folder is offered, and created.
            newer = tmp_path / f"new-{size[0]}" / "notes.json"
            term.burst("C-u", str(newer), "Enter")
            term.wait_for("Create it?")
            term.keys("y")
            deadline = time.monotonic() + 15
            while not newer.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            # The extension chose the format, as on the command line.
            assert json.loads(newer.read_text())["format"] == "semax-explorer-notes"
            term.keys("q")
            term.wait_for("EXITED-0")
            kept = json.loads((Path(env["SEMAX_EXPLORER_DATA_DIR"]) / "user.json").read_text())["settings"]["1"]
            assert (kept["export_format"], kept["export_folder"]) == ("json", str(newer.parent))
        finally:
            term.close()


def _editor(path: Path, body: str) -> str:
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return str(path)


def test_v_writes_the_note_in_the_readers_own_editor(env: dict[str, str], tmp_path: Path) -> None:
    appends = _editor(tmp_path / "appends", "printf 'written in my editor\\n' >> \"$1\"")
    term = Terminal({**env, "VISUAL": appends}, size=(80, 24)).start("--topic", "uses/adhd")
    try:
        term.wait_for("Before you read")
        term.keys("Escape")
        term.wait_for("Semax Explorer — Uses › ")
        term.keys("v")
        term.wait_for("Note saved")  # the app suspended, the editor ran, the app came back
        assert term.show("#{alternate_on}") == "1"
        term.keys("v")
        term.wait_for("Note saved")
        term.keys("q")
        term.wait_for("EXITED-0")
    finally:
        term.close()
    items = json.loads(cli(env, "bookmarks", "--json").stdout)
    assert [(i["id"], i["note"]) for i in items] == [("uses/adhd", "written in my editor\nwritten in my editor")]


@pytest.mark.parametrize(
    ("body", "says", "draft"),
    [
        ("printf 'half a thought' >> \"$1\"; exit 3", "status 3", "mine\nhalf a thought"),
        ("printf 'cut short' >> \"$1\"; kill -9 $$", "signal 9", "mine\ncut short"),
        ("exit 1", "status 1", None),
    ],
    ids=["fails", "killed", "fails-unchanged"],
)
def test_a_failing_editor_leaves_the_note_and_keeps_what_it_wrote(
    env: dict[str, str], tmp_path: Path, body: str, says: str, draft: str | None
) -> None:
    store = UserStore.open(Path(env["SEMAX_EXPLORER_DATA_DIR"]))
    store.save_note("uses/adhd", "mine")
    store.update_settings(disclaimer_acknowledged=True)
    editor = _editor(tmp_path / "broken", body)
    term = Terminal({**env, "VISUAL": editor, "EDITOR": "vi"}, size=(80, 24)).start("--topic", "uses/adhd")
    try:
        term.wait_for("Semax Explorer — Uses › ")
        term.keys("v")
        term.wait_for("Note not saved")
        term.wait_for(says)
        term.keys("q")
        term.wait_for("EXITED-0")
    finally:
        term.close()
    reopened = UserStore.open(Path(env["SEMAX_EXPLORER_DATA_DIR"]))
    assert reopened.note("uses/adhd") == "mine"
    kept = reopened.drafts().get("uses/adhd")
    assert (kept.text if kept else None) == draft


def test_no_editor_says_how_to_set_one(env: dict[str, str]) -> None:
    bare = {k: v for k, v in env.items() if k not in ("VISUAL", "EDITOR")}
    term = Terminal(bare, size=(120, 40)).start("--topic", "uses/adhd")
    try:
        term.wait_for("Before you read")
        term.keys("Escape")
        term.wait_for("Semax Explorer — Uses › ")
        term.keys("v")
        term.wait_for("No editor is set")
        term.keys("q")
        term.wait_for("EXITED-0")
    finally:
        term.close()


def test_evidence_keys_typed_in_a_burst(terminal: Terminal) -> None:
    """In a real terminal, "L F F" typed at once once lost an F: the second waited in the
    closed legend's queue. Each key must act as if typed slowly."""
    term = terminal.start()
    term.wait_for("Before you read")
    term.keys("Enter")
    term.wait_for("Semax is a peptide developed")
    term.type("LFF")  # the legend, F from it (at least a trial), F again (at least reported studies)
    term.wait_for("evidence ≥ Reported studies (3 of 32)")
    term.type("cjjj")
    term.keys("Enter")  # the fourth row, strongest first: How strong the evidence is
    term.wait_for("evidence ≥ Reported studies (3 of 32) — Overview › How strong the evidence is")
