"""Where this app keeps the user's files: the platform's data and cache directories.

Worked out here, as ``platformdirs`` names them, because importing ``platformdirs`` slows
the start of every command (it imports ``tempfile``, ``shutil`` and more;
docs/performance.md) for these few lines; tests hold the two to the same answers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "semax-explorer"


def platform_data_dir() -> Path:
    """``$XDG_DATA_HOME/semax-explorer`` (when that is an absolute path) or
    ``~/.local/share/semax-explorer``; on macOS ``~/Library/Application Support/semax-explorer``."""
    if sys.platform == "darwin":
        return home() / "Library" / "Application Support" / APP_NAME
    return _xdg("XDG_DATA_HOME", Path(".local") / "share") / APP_NAME


def platform_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/semax-explorer`` (when that is an absolute path) or
    ``~/.cache/semax-explorer``; on macOS ``~/Library/Caches/semax-explorer``."""
    if sys.platform == "darwin":
        return home() / "Library" / "Caches" / APP_NAME
    return _xdg("XDG_CACHE_HOME", Path(".cache")) / APP_NAME


def _xdg(variable: str, default: Path) -> Path:
    value = os.environ.get(variable, "")
    return Path(value) if os.path.isabs(value) else home() / default


def home() -> Path:
    """``$HOME`` when it is absolute, else the account's home directory."""
    value = os.environ.get("HOME", "")
    if os.path.isabs(value):
        return Path(value)
    import pwd  # noqa: PLC0415 - only when HOME is unusable

    try:
        return Path(pwd.getpwuid(os.getuid()).pw_dir)
    except KeyError:
        from tui.files import BadPath  # noqa: PLC0415

        raise BadPath("cannot tell your home folder: HOME is not set and your account has none; set HOME") from None
