"""Drive the installed command in a real terminal (tmux), as a person would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

COMMAND = Path(sys.executable).with_name("semax-explorer")


def available() -> str | None:
    """Why the end-to-end tests cannot run here, or None when they can."""
    if shutil.which("tmux") is None:
        return "tmux is not installed"
    if not COMMAND.exists():
        return f"{COMMAND} is not installed (pip install -e .)"
    return None


class Terminal:
    """One tmux session on a private server, running the explorer."""

    def __init__(self, env: dict[str, str], *, size: tuple[int, int] = (120, 40)) -> None:
        self.socket = f"semax-e2e-{uuid.uuid4().hex[:8]}"
        self.env = env
        self.size = size

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False)
        return result.stdout

    def start(self, *args: str) -> Terminal:
        exports = " ".join(f"{k}={_quote(v)}" for k, v in self.env.items())
        command = f"env {exports} {_quote(str(COMMAND))} {' '.join(_quote(a) for a in args)}; echo EXITED-$?; sleep 30"
        columns, rows = self.size
        subprocess.run(
            ["tmux", "-L", self.socket, "new-session", "-d", "-x", str(columns), "-y", str(rows), command],
            check=True,
            env={**os.environ, "TERM": "xterm-256color"},
        )
        return self

    def keys(self, *keys: str) -> None:
        for key in keys:
            self._tmux("send-keys", key)
            # A terminal reads ESC followed quickly by a key as Alt+key; people pause.
            time.sleep(0.5 if key == "Escape" else 0.05)

    def burst(self, *keys: str) -> None:
        """Send keys and text in one ``send-keys``: they reach the program together, as
        fast as a terminal can deliver them (``burst("e", "/tmp/x.md", "Enter")``)."""
        self._tmux("send-keys", *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-l", text)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p")

    def record(self, path: Path) -> None:
        """Copy every byte the program writes to the terminal into ``path``, as it arrives."""
        self._tmux("pipe-pane", "-o", f"cat >> {_quote(str(path))}")

    def show(self, formats: str) -> str:
        """tmux's own view of the pane (``#{pane_title}``, ``#{alternate_on}``, ...)."""
        return self._tmux("display-message", "-p", formats).strip()

    def program_pid(self) -> int:
        """The explorer's process id (the pane's shell runs it as a child)."""
        shell = self.show("#{pane_pid}")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            found = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True, check=False).stdout.split()
            if found:
                return int(found[0])
            time.sleep(0.1)
        raise AssertionError("the explorer's process was not found")

    def kill_pane(self) -> None:
        """Close the pane as closing a terminal window does (its processes get SIGHUP)."""
        self._tmux("kill-pane")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        """The screen, once it shows ``text``; AssertionError with the screen if it never does."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        close = [repr(line) for line in screen.splitlines() if text[:6] in line]
        raise AssertionError(f"{text!r} did not appear within {timeout}s; near: {close}; the screen was:\n{screen}")

    def close(self) -> None:
        self._tmux("kill-server")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
