"""An inter-process lock, so two explorers on one data directory never lose a write.

Every change to the user database is a read-modify-write; holding this lock across it
means a bookmark added in one window is read, and kept, by the other before it writes.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType


class InterProcessLock:
    """An exclusive ``flock`` on a lock file beside the database (re-entrant per object)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._depth = 0

    def _open(self) -> int:
        if self._fd is None:
            # O_NOFOLLOW: a lock file planted as a symlink is never followed elsewhere.
            flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
            self._fd = os.open(self.path, flags, 0o600)
        return self._fd

    def __enter__(self) -> InterProcessLock:
        if self._depth == 0:
            fcntl.flock(self._open(), fcntl.LOCK_EX)
        self._depth += 1
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
