"""Where the user's data lives: never inside the package or beside the shipped pack."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_ENV = "SEMAX_EXPLORER_DATA_DIR"
APP_NAME = "semax-explorer"


def data_dir(given: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir``, else ``$SEMAX_EXPLORER_DATA_DIR``, else the platform's user data dir."""
    chosen = given or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return platform_data_dir()


def platform_data_dir() -> Path:
    """The user data directory for this app, as ``platformdirs`` names it.

    ``$XDG_DATA_HOME/semax-explorer`` (when that is an absolute path) or
    ``~/.local/share/semax-explorer``; on macOS ``~/Library/Application Support/semax-explorer``.
    Worked out here because importing ``platformdirs`` costs every command ~8 ms (it
    imports ``tempfile``, ``shutil`` and more) for these few lines; a test holds the two
    to the same answer.
    """
    if sys.platform == "darwin":
        return _home() / "Library" / "Application Support" / APP_NAME
    xdg = os.environ.get("XDG_DATA_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else _home() / ".local" / "share"
    return base / APP_NAME


def _home() -> Path:
    """``$HOME`` when it is absolute, else the account's home directory."""
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return Path(home)
    import pwd  # noqa: PLC0415 - only when HOME is unusable

    return Path(pwd.getpwuid(os.getuid()).pw_dir)
