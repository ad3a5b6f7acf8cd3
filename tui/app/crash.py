"""When the explorer fails: a report on disk, one line on the terminal.

Textual restores the terminal on any unhandled exception. Instead of a traceback the
reader cannot use, they get one line naming a report file (in the data directory, or
the system temp directory when that cannot be written) to attach to a bug report.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

from tui import __version__
from tui.clock import file_stamp


def write_crash_report(directory: Path, error: BaseException) -> Path | None:
    """Write the report; its path, or None if nowhere could be written."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = "".join(
        [
            f"Semax Explorer {__version__} crashed at {stamp}\n",
            f"Python {sys.version.split()[0]} on {platform.platform()}\n\n",
            *traceback.format_exception(error),
        ]
    )
    for folder in (directory, Path(tempfile.gettempdir())):
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            path = folder / f"crash-{file_stamp()}.log"
            # 0600 and a new file only: a report can quote the reader's notes.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
                handle.write(text)
            return path
        except OSError:
            continue
    return None
