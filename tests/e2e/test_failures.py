"""Failures as a user meets them: a crash restores the terminal and names a private report.

(Ctrl+C at any moment of a command: tests/core/test_cli_adversary.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal, available

pytestmark = pytest.mark.e2e

CRASHING = """
import sys
from tui.app.flows.notes import NotesFlow
from tui.cli import main

def explode(self):
    raise RuntimeError("boom for the test")

NotesFlow.toggle_bookmark_here = explode  # a bug, on the b key
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
        assert reports[0].stat().st_mode & 0o777 == 0o600  # a report can quote the reader's notes
        assert str(reports[0]) in screen.replace("\n", "")
    finally:
        session.close()
