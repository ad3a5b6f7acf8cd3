"""One browser tab's explorer, started by the server per tab (``python -I -S .../tui/web/session.py``).

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

# Only os, signal and sys, which the interpreter has loaded already: this process stands
# between every tab and its first frame (subprocess, shutil and pathlib cost that frame
# about 12 ms; docs/performance.md). shutil is imported at the end, after the explorer.
import os
import signal
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # no typing import at run time: see above
    from collections.abc import Sequence

FORWARDED = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
"""Signals passed on to the explorer, which closes itself cleanly on each."""

PARENT_POLL = 1.0
"""Seconds between checks that the server is still there."""

KILL_GRACE = 5.0
"""Seconds an orphaned explorer gets to close on SIGTERM before it is killed."""

PRIVATE_ENV_DROPPED = ("SEMAX_EXPLORER_DATA_DIR", "SEMAX_EXPLORER_CONTENT", "SEMAX_EXPLORER_CACHE_DIR")
"""The operator's own settings, which a visitor's explorer must not follow."""


def explorer_command(data_dir: str, content: str | None) -> list[str]:
    """The explorer itself, as this Python runs it, on ``data_dir`` (and ``content``)."""
    command = [sys.executable, "-m", "tui", "--data-dir", data_dir]
    if content is not None:
        command += ["--content", content]
    return command


def private_environment(folder: str) -> dict[str, str]:
    """The environment of a public tab's explorer: every user folder inside ``folder``."""
    env = {key: value for key, value in os.environ.items() if key not in PRIVATE_ENV_DROPPED}
    home = os.path.join(folder, "home")
    os.makedirs(home, mode=0o700, exist_ok=True)
    env["HOME"] = home
    for variable, name in (("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "config")):
        env[variable] = os.path.join(home, name)
    return env


def run(data_dir: str, *, content: str | None, private: bool) -> int:
    """Run the explorer until it ends; then remove a private data folder. Its exit code."""
    try:
        env = private_environment(data_dir) if private else dict(os.environ)
        store = os.path.join(data_dir, "data") if private else data_dir
        argv = explorer_command(store, content)
        child = os.posix_spawn(argv[0], argv, env)
        return _wait(child)
    finally:
        if private:
            import shutil  # noqa: PLC0415 - after the explorer: see the imports

            shutil.rmtree(data_dir, ignore_errors=True)


def _wait(child: int) -> int:
    """Wait for the explorer, passing signals on and ending it if the server goes away."""
    parent = os.getppid()
    orphaned_at: list[float] = []

    def forward(number: int, _frame: object) -> None:
        try:
            os.kill(child, number)
        except ProcessLookupError:  # already ended: waitpid returns next
            pass

    def check_parent(_number: int, _frame: object) -> None:
        if os.getppid() == parent:
            return
        # The server is gone: nobody will ever read this tab.
        now = os.times().elapsed
        if not orphaned_at:
            orphaned_at.append(now)
            forward(signal.SIGTERM, None)
        elif now - orphaned_at[0] > KILL_GRACE:
            forward(signal.SIGKILL, None)

    for number in FORWARDED:
        signal.signal(number, forward)
    signal.signal(signal.SIGALRM, check_parent)
    signal.setitimer(signal.ITIMER_REAL, PARENT_POLL, PARENT_POLL)
    try:
        _, status = os.waitpid(child, 0)  # retried after each signal handler (PEP 475)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    code = os.waitstatus_to_exitcode(status)
    if orphaned_at:
        return 1
    return 128 - code if code < 0 else code


USAGE = "usage: session.py [--private] --data-dir DIR [--content PACK]"


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
    try:
        os.setsid()  # see the module's docstring: Ctrl+C in the server's terminal is the server's
    except OSError:  # already a session leader
        pass
    return run(data_dir, content=content, private=private)


if __name__ == "__main__":
    raise SystemExit(main())
