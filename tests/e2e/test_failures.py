"""Failures as a user meets them: a crash restores the terminal; Ctrl+C exits 130."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.terminal import COMMAND, Terminal, available

pytestmark = pytest.mark.e2e

CRASHING = """
import sys
from tui.app.screens.main import MainScreen
from tui.cli import main

def explode(self):
    raise RuntimeError("boom for the test")

MainScreen.action_bookmark = explode  # a bug, on the b key
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(available() is not None, reason=str(available()))
def test_a_crash_restores_the_terminal_and_names_a_report(tmp_path: Path) -> None:
    script = tmp_path / "crashing.py"
    script.write_text(CRASHING)
    data = tmp_path / "data"
    # The same interpreter as the installed command, with a bug planted.
    env = {"SEMAX_EXPLORER_DATA_DIR": str(data), "HOME": str(tmp_path), "PYTHONPATH": str(Path.cwd())}
    exports = " ".join(f"{k}='{v}'" for k, v in env.items())
    session = Terminal({})
    subprocess.run(
        ["tmux", "-L", session.socket, "new-session", "-d", "-x", "120", "-y", "40",
         f"env {exports} {sys.executable} {script}; echo EXITED-$?; sleep 30"],
        check=True,
    )  # fmt: skip
    try:
        session.wait_for("Before you read")
        session.keys("Enter")
        session.wait_for("Semax is a peptide developed")
        session.keys("b")
        screen = session.wait_for("EXITED-1")
        assert "something went wrong and the explorer closed" in screen
        assert "Traceback" not in screen
        reports = list(data.glob("crash-*.log"))
        assert len(reports) == 1 and "boom for the test" in reports[0].read_text()
        assert str(reports[0]) in screen.replace("\n", "")
    finally:
        session.close()


def wait_until_blocked_on_fifo(pid: int, timeout: float = 20.0) -> None:
    """Wait until the command is inside its blocking read (not still starting Python,
    where Ctrl+C would land before the program could handle it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            waiting = Path(f"/proc/{pid}/wchan").read_text()
        except OSError:
            waiting = ""
        if any(word in waiting for word in ("fifo", "pipe", "partner")):  # wait_for_partner: opening a FIFO
            return
        time.sleep(0.05)
    time.sleep(1.0)  # a kernel that does not say: give it a moment more


def test_ctrl_c_in_a_cli_command_exits_130_without_traceback(tmp_path: Path) -> None:
    fifo = tmp_path / "pack.fifo"
    os.mkfifo(fifo)  # reading it blocks: the command is busy when Ctrl+C comes
    command = [str(COMMAND)] if COMMAND.exists() else [sys.executable, "-m", "tui"]
    process = subprocess.Popen(
        [*command, "--content", str(fifo), "topics"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SEMAX_EXPLORER_DATA_DIR": str(tmp_path / "d")},
    )
    wait_until_blocked_on_fifo(process.pid)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.fifo"]  # no partial files
