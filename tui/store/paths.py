"""Where the user's data lives: never inside the package or beside the shipped pack."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "SEMAX_EXPLORER_DATA_DIR"
APP_NAME = "semax-explorer"


def data_dir(given: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir``, else ``$SEMAX_EXPLORER_DATA_DIR``, else the platform's user data dir."""
    chosen = given or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_path  # noqa: PLC0415 - only when no dir is given

    return user_data_path(APP_NAME, appauthor=False)
