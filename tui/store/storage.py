"""A TinyDB Storage that never leaves a torn file, and never follows a planted symlink.

TinyDB's JSONStorage truncates and rewrites its file in place: a crash mid-write loses
everything. This one writes a temporary file in the same directory, flushes and fsyncs
it, renames it over the old file with ``os.replace`` and fsyncs the directory, so a
kill at any moment leaves either the old database or the new one.

Reads are cached by the file's identity (inode, size, mtime): every write replaces the
inode, so a write by another process is always seen, and unchanged files are not
parsed again. JSON is written with ASCII escapes so that any Python string, even one
with lone surrogates, round-trips exactly.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from tui.atomic import write_atomically

MAX_USER_DB_BYTES = 50 * 1024 * 1024
"""A user database larger than this is treated as unreadable (docs: README, Reliability)."""


class UnreadableFile(Exception):
    """The database file exists but cannot be used as JSON (the caller moves it aside)."""


def _identity(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


class AtomicJSONStorage(Storage):
    """JSON on disk, replaced atomically on every write."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)
        self._cache: tuple[tuple[int, int, int, int], dict[str, Any]] | None = None

    def read(self) -> dict[str, Any] | None:
        """The whole database, or None when the file does not exist yet."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except FileNotFoundError:
            self._cache = None
            return None
        except OSError as error:  # ELOOP (a symlink), EISDIR, EACCES ...
            raise UnreadableFile(f"cannot open {self.path}: {error.strerror}") from None
        try:
            info = os.fstat(fd)
            identity = _identity(info)
            if self._cache is not None and self._cache[0] == identity:
                return self._cache[1]
            if not stat.S_ISREG(info.st_mode):  # a directory opens read-only without error
                raise UnreadableFile(f"{self.path} is not a regular file")
            if info.st_size > MAX_USER_DB_BYTES:
                raise UnreadableFile(f"{self.path} is larger than {MAX_USER_DB_BYTES // 2**20} MB")
            with os.fdopen(os.dup(fd), "rb") as handle:
                raw = handle.read()
        except OSError as error:
            raise UnreadableFile(f"cannot read {self.path}: {error.strerror}") from None
        finally:
            os.close(fd)
        if not raw.strip():
            self._cache = None
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            raise UnreadableFile(f"{self.path} is not valid JSON: {error}") from None
        if not isinstance(data, dict):
            raise UnreadableFile(f"{self.path} is not a TinyDB database")
        self._cache = (identity, data)
        return data

    def write(self, data: dict[str, Any]) -> None:
        """Replace the file with ``data``, atomically and durably."""
        self._cache = None  # TinyDB mutates what read() returned; trust only the disk
        payload = json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        write_atomically(self.path, payload, private=True)
        with contextlib.suppress(OSError):
            self._cache = (_identity(os.stat(self.path, follow_symlinks=False)), data)

    def close(self) -> None:
        self._cache = None
