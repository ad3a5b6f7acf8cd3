"""One browser tab's explorer: ``python -m tui.web.session``, started by the server per tab.

Why a process between the server and the explorer:

* **The data folder outlives nothing.** With ``--private DIR`` (public mode), DIR is
  this tab's own data folder and is removed when the explorer ends, however it ends:
  a quit, a closed tab, SIGTERM or SIGHUP to this process or to the explorer (which
  ends itself with ``os._exit`` on SIGHUP, so it could not clean up in-process), even
  a SIGKILLed explorer. The server removes DIR too after the tab's process is gone,
  in case this process itself was SIGKILLed.
* **Ctrl+C belongs to the server.** This process starts a new session (``setsid``), so
  the Ctrl+C typed in the server's terminal does not reach every tab's explorer at
  once (each would print "closed by signal 2"): the server stops them itself, in order.
* **No orphans.** If the server dies without stopping the tab, this process notices
  that its parent is gone and ends the explorer.
* **Nothing of the operator's reaches a visitor.** In public mode the explorer's
  environment points HOME and the XDG folders into DIR, and the operator's
  ``SEMAX_EXPLORER_*`` settings are dropped, so nothing in the app can find the real
  data folder, home folder or cache.

Only the standard library is imported here: it runs for every tab, before the explorer.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

FORWARDED = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
"""Signals passed on to the explorer, which closes itself cleanly on each."""

PARENT_POLL = 1.0
"""Seconds between checks that the server is still there."""

PRIVATE_ENV_DROPPED = ("SEMAX_EXPLORER_DATA_DIR", "SEMAX_EXPLORER_CONTENT", "SEMAX_EXPLORER_CACHE_DIR")
"""The operator's own settings, which a visitor's explorer must not follow."""


def explorer_command(data_dir: str, content: str | None) -> list[str]:
    """The explorer itself, as this Python runs it, on ``data_dir`` (and ``content``)."""
    command = [sys.executable, "-m", "tui", "--data-dir", data_dir]
    if content is not None:
        command += ["--content", content]
    return command


def private_environment(folder: Path) -> dict[str, str]:
    """The environment of a public tab's explorer: every user folder inside ``folder``."""
    env = {key: value for key, value in os.environ.items() if key not in PRIVATE_ENV_DROPPED}
    home = folder / "home"
    home.mkdir(mode=0o700, exist_ok=True)
    env["HOME"] = str(home)
    for variable, name in (("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "config")):
        env[variable] = str(home / name)
    return env


def run(data_dir: str, *, content: str | None, private: bool) -> int:
    """Run the explorer until it ends; then remove a private data folder. Its exit code."""
    folder = Path(data_dir)
    try:
        env = private_environment(folder) if private else dict(os.environ)
        store = str(folder / "data") if private else data_dir
        child = subprocess.Popen(explorer_command(store, content), env=env)
    except BaseException:
        if private:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    parent = os.getppid()

    def forward(number: int, _frame: object) -> None:
        if child.poll() is None:
            child.send_signal(number)

    for number in FORWARDED:
        signal.signal(number, forward)
    try:
        while True:
            try:
                return child.wait(timeout=PARENT_POLL)
            except subprocess.TimeoutExpired:
                if os.getppid() != parent:  # the server is gone: nobody will ever read this tab
                    child.terminate()
                    _wait_or_kill(child)
                    return 1
    finally:
        if private:
            shutil.rmtree(folder, ignore_errors=True)


def _wait_or_kill(child: subprocess.Popen[bytes], grace: float = 5.0) -> None:
    """Wait ``grace`` seconds for ``child`` to end, then kill it."""
    deadline = time.monotonic() + grace
    while child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if child.poll() is None:
        child.kill()
        child.wait()


USAGE = "usage: python -m tui.web.session [--private] --data-dir DIR [--content PACK]"


def parse(argv: Sequence[str]) -> tuple[str, str | None, bool]:
    """``--data-dir DIR``, ``--content PACK`` and ``--private``, as the server writes them.

    Parsed by hand: argparse would cost every tab's first frame a few milliseconds of
    imports, and only the server calls this."""
    values: dict[str, str] = {}
    private = False
    words = list(argv)
    while words:
        word = words.pop(0)
        if word == "--private":
            private = True
        elif word in ("--data-dir", "--content") and words:
            values[word] = words.pop(0)
        else:
            raise SystemExit(f"{USAGE} (not {word!r})")
    if "--data-dir" not in values:
        raise SystemExit(USAGE)
    return values["--data-dir"], values.get("--content"), private


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the server's arguments and run the tab's explorer."""
    data_dir, content, private = parse(sys.argv[1:] if argv is None else argv)
    with contextlib.suppress(OSError):  # already a session leader
        os.setsid()  # see the module's docstring: Ctrl+C in the server's terminal is the server's
    return run(data_dir, content=content, private=private)


if __name__ == "__main__":
    raise SystemExit(main())
