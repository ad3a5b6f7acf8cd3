"""The hostile corpus in a real terminal: the bytes the explorer writes, the pane's title,
and signals with the note editor open."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.terminal import Terminal, available
from tests.hostile import EVERYTHING, hostile_pack, payload_in
from tui.store import UserStore

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(available() is not None, reason=str(available()))]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    store = UserStore.open(tmp_path / "data")
    store.update_settings(disclaimer_acknowledged=True)
    return {"SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "data"), "HOME": str(home), "LANG": "C.UTF-8"}


def test_the_corpus_never_reaches_the_terminal_raw(
    env: dict[str, str], tmp_path: Path, raw_pack: dict[str, Any]
) -> None:
    pack = tmp_path / "hostile.json"
    pack.write_text(json.dumps(hostile_pack(raw_pack)))
    UserStore.open(tmp_path / "data").save_note("mechanism/bdnf", "note " + EVERYTHING)
    term = Terminal({**env, "SEMAX_EXPLORER_CONTENT": str(pack)})
    written = tmp_path / "written.bin"
    try:
        term.start("--topic", "mechanism/bdnf")
        term.record(written)
        title = term.show("#{pane_title}")
        term.wait_for("BDNF: growth")
        for keys, expect in [
            (["1"], "Overview"), (["3"], "Benefits"), (["4"], "How it works"), (["9"], "How it works"),
            (["?"], "Jump to"), (["Escape"], "How it works"), (["B"], "Bookmarks and notes"),
            (["Escape"], "How it works"), (["/"], "Search titles"), (["p", "w", "n", "e", "d"], "result"),
            (["Escape"], "How it works"), (["e"], "Export bookmarks"), (["Escape"], "How it works"),
            (["4", "j"], "BDNF"), (["a"], "Note on"), (["Escape"], "How it works"),
            (["L"], "Evidence labels"), (["Escape"], "How it works"), (["c"], "every section by its label"),
            (["f"], "only Reported trial"), (["Escape"], "How it works"), (["F"], "evidence ≥ Reported trial"),
            (["F", "F", "F", "F"], "Semax"),
        ]:  # fmt: skip
            term.keys(*keys)
            term.wait_for(expect)
            assert term.show("#{pane_title}") == title, f"the pane's title changed after {keys}"
        term.keys("q")
        term.wait_for("EXITED-0")
        data = written.read_bytes()
        assert len(data) > 10_000  # the whole session was recorded
        assert payload_in(data) == []
        assert term.show("#{pane_title}") == title
    finally:
        term.close()


def _open_editor_and_type(term: Terminal, text: str) -> None:
    term.start("--topic", "uses/adhd")
    term.wait_for("Uses › ADHD")
    term.keys("a")
    term.wait_for("Note on Uses › ADHD")
    term.type(text)
    term.wait_for(text)


def test_sigterm_with_the_editor_open_restores_the_terminal_and_keeps_the_draft(
    env: dict[str, str], tmp_path: Path
) -> None:
    term = Terminal(env)
    try:
        _open_editor_and_type(term, "typed before SIGTERM")
        assert term.show("#{alternate_on}") == "1"
        os.kill(term.program_pid(), signal.SIGTERM)
        screen = term.wait_for("EXITED-143")
        assert "the note you were writing is kept" in screen and "Traceback" not in screen
        flags = term.show(
            "#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{mouse_button_flag} #{mouse_standard_flag}"
        )
        assert flags == "0 1 0 0 0"  # main screen, cursor shown, mouse tracking off
        assert UserStore.open(tmp_path / "data").drafts()["uses/adhd"].text == "typed before SIGTERM"
    finally:
        term.close()
    again = Terminal(env)
    try:
        again.start("--topic", "uses/adhd")
        again.wait_for("Unsaved note kept")
        again.keys("a")
        again.wait_for("Recovered the draft")
        assert "typed before SIGTERM" in again.screen()
    finally:
        again.close()


def test_closing_the_terminal_with_the_editor_open_keeps_the_draft(env: dict[str, str], tmp_path: Path) -> None:
    term = Terminal(env)
    try:
        _open_editor_and_type(term, "typed before the window closed")
        pid = term.program_pid()
        term.kill_pane()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and os.path.exists(f"/proc/{pid}"):
            time.sleep(0.1)
        assert not os.path.exists(f"/proc/{pid}"), "the explorer outlived its terminal"
    finally:
        term.close()
    drafts = UserStore.open(tmp_path / "data").drafts()
    assert drafts["uses/adhd"].text == "typed before the window closed"


def test_a_signal_during_start_up_still_restores_the_terminal(env: dict[str, str], tmp_path: Path) -> None:
    """SIGTERM at moments spread over start-up: once the alternate screen was entered, it
    is always left again (and mouse tracking turned off) before the process ends."""
    command = str(Path(sys.executable).with_name("semax-explorer"))
    entered = 0
    for delay in [0.15 + 0.05 * step for step in range(14)]:
        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - the child
            os.execvpe(command, [command], {**os.environ, **env, "TERM": "xterm-256color"})
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        chunks: list[bytes] = []
        deadline = time.monotonic() + delay
        sent = False
        while True:
            if not sent and time.monotonic() >= deadline:
                os.kill(pid, signal.SIGTERM)
                sent = True
            ready, _, _ = select.select([fd], [], [], 0.02)
            if ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    break
                if not data:
                    break
                chunks.append(data)
        os.waitpid(pid, 0)
        os.close(fd)
        written = b"".join(chunks)
        if b"\x1b[?1049h" in written:
            entered += 1
            assert written.rfind(b"\x1b[?1049l") > written.rfind(b"\x1b[?1049h"), (
                f"left in the alternate screen at {delay:.2f} s"
            )
            assert written.rfind(b"\x1b[?1000l") > written.rfind(b"\x1b[?1000h"), f"mouse left on at {delay:.2f} s"
    assert entered >= 3  # the moments covered the start-up itself, not only before it


def test_closing_the_terminal_ends_the_explorer_wherever_it_is(env: dict[str, str]) -> None:
    """Textual's writes to restore a terminal that is gone wait forever: the explorer must
    end anyway (it once stayed behind, orphaned, after every closed window)."""
    for keys in ([], ["?"], ["B"], ["/"]):
        term = Terminal(env)
        try:
            term.start("--topic", "uses/adhd")
            term.wait_for("Uses › ADHD")
            term.keys(*keys)
            pid = term.program_pid()
            term.kill_pane()
            deadline = time.monotonic() + 3  # well before the exit watchdog (EXIT_GRACE)
            while time.monotonic() < deadline and os.path.exists(f"/proc/{pid}"):
                time.sleep(0.1)
            assert not os.path.exists(f"/proc/{pid}"), f"the explorer outlived its terminal after {keys}"
        finally:
            term.close()
