"""Where the user's data lives: never inside the package or beside the shipped pack."""

from __future__ import annotations

import os
from pathlib import Path

from tui.userdirs import APP_NAME, platform_data_dir

__all__ = ["APP_NAME", "DATA_DIR_ENV", "data_dir", "platform_data_dir"]

DATA_DIR_ENV = "SEMAX_EXPLORER_DATA_DIR"


def data_dir(given: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir``, else ``$SEMAX_EXPLORER_DATA_DIR``, else the platform's user data dir."""
    chosen = given or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return platform_data_dir()
