"""Keys as people type them in a real terminal: bursts (a held key, SSH) end where the same
keys typed slowly end, and no key sends the rest of a burst into a note."""

from __future__ import annotations

import json
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.terminal import COMMAND, Terminal, available
from tui.store import UserStore

pytestmark = pytest.mark.skipif(available() is not None, reason=available() or "")

SEQUENCES = [
    ["1", *"jjjjjj"],
    ["2", "j", "j", "3", "k", "k"],
    ["5", "Tab", "G", "Tab", "Tab", "Tab", "Tab", "j"],
    ["3", "j", "j", "j", "4", "j", "l", "j"],
    ["6", "j", "Space", "C-d", "g", "G", "k"],
    ["B", "G", "Escape"],
    ["?", "j", "Escape"],
    ["b", "B", "d", "Escape"],
]
"""Jumps, moves in the tree and paging in the reader, as one user might mix them; then
keys into dialogs the burst opens and closes (escape ends a burst: a terminal sends escape
and the key after it as one alt+key, typed that fast)."""


def _env(tmp_path: Path, name: str) -> dict[str, str]:
    home = tmp_path / name / "home"
    home.mkdir(parents=True)
    store = UserStore.open(tmp_path / name / "data")
    store.update_settings(disclaimer_acknowledged=True)
    return {"SEMAX_EXPLORER_DATA_DIR": str(tmp_path / name / "data"), "HOME": str(home), "LANG": "C.UTF-8"}


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Terminal, Terminal]]:
    burst = Terminal(_env(tmp_path, "burst"), size=(100, 30))
    slow = Terminal(_env(tmp_path, "slow"), size=(100, 30))
    yield burst, slow
    burst.close()
    slow.close()


def _at_rest(term: Terminal, quiet: float = 0.6, timeout: float = 15.0) -> str:
    """The screen once it has stopped changing for ``quiet`` seconds (the app has caught up)."""
    deadline = time.monotonic() + timeout
    screen, since = term.screen(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = term.screen()
        if now != screen:
            screen, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return screen
    raise AssertionError(f"the screen never came to rest; it was:\n{screen}")


def test_a_burst_ends_where_the_same_keys_typed_slowly_end(pair: tuple[Terminal, Terminal]) -> None:
    burst, slow = pair
    for term in pair:
        term.start("--topic", "overview")
        term.wait_for("Semax is a peptide")
    for keys in SEQUENCES:
        burst.burst(*keys)
        for key in keys:
            slow.keys(key)
            time.sleep(0.25)
        fast_screen, slow_screen = _at_rest(burst), _at_rest(slow)
        typed = " ".join(keys)
        assert fast_screen == slow_screen, f"after {typed}:\n{fast_screen}\n--- typed slowly ---\n{slow_screen}"


def test_n_after_a_search_never_writes_into_a_note(tmp_path: Path) -> None:
    """The journey from the issue: the keys after ``n`` once went into the note editor as text."""
    env = _env(tmp_path, "user")
    term = Terminal(env).start()
    try:
        term.wait_for("Semax is a peptide")
        term.keys("/")
        term.wait_for("Search")
        term.type("glaucoma")
        term.keys("Enter")
        term.wait_for("Glaucoma")
        term.keys("Escape", "Tab")
        term.burst(*"nnnnnn", "q")
        term.wait_for("EXITED-0")
    finally:
        term.close()
    listed = subprocess.run(
        [str(COMMAND), "bookmarks", "--json"], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    assert listed.returncode == 0 and json.loads(listed.stdout) == []


def _listed(env: dict[str, str]) -> list[dict[str, object]]:
    listed = subprocess.run(
        [str(COMMAND), "bookmarks", "--json"], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    assert listed.returncode == 0, listed.stderr
    entries: list[dict[str, object]] = json.loads(listed.stdout)
    return entries


def test_text_typed_in_one_burst_with_the_note_key_goes_into_the_note(tmp_path: Path) -> None:
    """``a`` and the words after it in one burst (a paste, a fast typist over SSH): the editor
    opened a moment after the key, and the words ran as commands meanwhile (h went up a
    level, e asked to export, l opened) and the note was saved empty."""
    env = _env(tmp_path, "user")
    term = Terminal(env, size=(100, 30)).start("--topic", "benefits/glaucoma")
    try:
        term.wait_for("Semax may include")
        term.burst("a", *"hello", "C-s")
        term.wait_for("Note saved")
        term.burst("q")
        term.wait_for("EXITED-0")
    finally:
        term.close()
    assert [(entry["id"], entry["note"]) for entry in _listed(env)] == [("benefits/glaucoma", "hello")]


def test_keys_typed_in_one_burst_with_the_bookmarks_key_go_to_the_list(tmp_path: Path) -> None:
    """``B`` then ``j`` and enter at once open the second bookmark, as typed slowly."""
    env = _env(tmp_path, "user")
    store = UserStore.open(Path(env["SEMAX_EXPLORER_DATA_DIR"]))
    store.toggle_bookmark("overview/origins")
    store.toggle_bookmark("uses/adhd")  # the newest is listed first
    term = Terminal(env, size=(100, 30)).start("--topic", "benefits/glaucoma")
    try:
        term.wait_for("Semax may include")
        term.burst("B", "j", "Enter")
        screen = _at_rest(term)
    finally:
        term.close()
    assert "Semax Explorer — Overview › Origins" in screen, screen


BAR = "▌"
SCROLL_BAR = "▁▂▃▄▅▆▇█▔"
"""The characters Textual draws a scroll bar's thumb with."""


def _bar_column(screen: str) -> int:
    """The column the reader's bar is drawn in: where most of the screen's ``▌`` are."""
    columns = Counter(x for line in screen.split("\n") for x, cell in enumerate(line) if cell == BAR)
    assert columns, f"no bar on screen:\n{screen}"
    return columns.most_common(1)[0][0]


def _check_bar(screen: str, column: int) -> None:
    """What the terminal shows: the bar is one run down the rows of the section named last
    in the title, from its heading (or the reader's top) to its last line, and no further."""
    lines = screen.rstrip("\n").split("\n")
    title, body = lines[0], lines[1:-1]  # the title bar, the reader's rows; then the key bar
    rows = [y for y, line in enumerate(body) if len(line) > column and line[column] == BAR]
    if " › " not in title:
        assert not rows, f"a topic's head has no bar:\n{screen}"
        return
    assert rows, f"a section is read and has no bar:\n{screen}"
    assert rows == list(range(rows[0], rows[-1] + 1)), f"the bar is broken:\n{screen}"
    # Each row's text, without the reader's scroll bar at its right edge.
    text = [line[column + 2 :].rstrip().rstrip(SCROLL_BAR).strip() for line in body]
    section = title.split(" › ")[-1].strip()
    if rows[0] > 0:  # it starts at the section's heading
        assert section.startswith(text[rows[0]].rstrip("…")), f"the bar starts off its heading:\n{screen}"
    assert text[rows[-1]], f"the bar runs past the section's last line:\n{screen}"
    if rows[-1] + 1 < len(body):
        assert not text[rows[-1] + 1], f"the bar stops before the section's end:\n{screen}"


def test_the_bar_follows_the_section_read_on_every_step_in_the_terminal(tmp_path: Path) -> None:
    """Drawn as its own column, the bar must be drawn again whenever the reader scrolls or
    a section changes height: read from what the terminal shows (a test through Textual's
    screenshot draws everything anew, and would not see a column left behind)."""
    term = Terminal(_env(tmp_path, "user"), size=(100, 30)).start("--topic", "benefits")
    try:
        term.wait_for("Semax may include")
        term.keys("Tab")
        column: int | None = None
        checked = 0
        for key in [*"j" * 34, "b", *"j" * 6, "Space", "C-u", "G", "g", *"j" * 30, *"k" * 5]:
            term.keys(key)
            screen = _at_rest(term, quiet=0.3)
            if key == "b":  # the toast that says so covers the reader's corner: wait it out
                screen = _at_rest(term, quiet=0.3) if "Bookmarked" not in screen else _toast_gone(term)
            if column is None and BAR in screen:
                column = _bar_column(screen)
            if column is not None:
                _check_bar(screen, column)
                checked += 1
        assert checked > 40, "the journey reached a section too late"
    finally:
        term.close()


def _toast_gone(term: Terminal, timeout: float = 15.0) -> str:
    """The screen once the "Bookmarked" toast has gone."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = _at_rest(term, quiet=0.3)
        if "Bookmarked Benefits" not in screen:
            return screen
        time.sleep(0.5)
    raise AssertionError("the toast never went")
