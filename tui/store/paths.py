"""Where the user's data lives: never inside the package or beside the shipped pack."""

from __future__ import annotations

import os
from pathlib import Path

from tui.files import user_path
from tui.userdirs import APP_NAME, platform_data_dir

__all__ = ["APP_NAME", "DATA_DIR_ENV", "data_dir", "platform_data_dir"]

DATA_DIR_ENV = "SEMAX_EXPLORER_DATA_DIR"


def data_dir(given: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir``, else ``$SEMAX_EXPLORER_DATA_DIR``, else the platform's user data dir.

    An empty ``--data-dir`` is refused (:class:`tui.files.BadPath`), never read as "not
    given": the reader meant some directory, and it is not the default one."""
    if given is not None:
        return user_path(os.fspath(given), "--data-dir")
    chosen = os.environ.get(DATA_DIR_ENV)
    if chosen:
        return user_path(chosen, DATA_DIR_ENV)
    return platform_data_dir()
