"""A TinyDB Storage that never leaves a torn file, never follows a planted symlink, never
blocks on a planted FIFO, and only ever hands TinyDB records that fit.

TinyDB's JSONStorage truncates and rewrites its file in place: a crash mid-write loses
everything. This one writes a temporary file in the same directory, flushes and fsyncs
it, renames it over the old file with ``os.replace`` and fsyncs the directory, so a
kill at any moment leaves either the old database or the new one.

Every parse goes through the record gate (:func:`tui.store.records.clean_tables`):
TinyDB sees only the records that fit, and the storage remembers what did not
(:attr:`AtomicJSONStorage.damage`) with the bytes as they were read, so that the store
can keep them aside before it writes.

Reads are cached by the file's identity (inode, size, mtime): every write replaces the
inode, so a write by another process is always seen, and unchanged files are not
parsed again. JSON is written with ASCII escapes so that any Python string, even one
with lone surrogates, round-trips exactly.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from pathlib import Path
from typing import Any, NamedTuple

from tinydb.storages import Storage

from tui.atomic import write_atomically
from tui.files import MAX_FILE_BYTES, MAX_FILE_MB, TooLarge, kind_of
from tui.store.records import clean_tables, hidden_by_duplicate_keys


class UnreadableFile(Exception):
    """The database file exists but cannot be used as JSON (the caller moves it aside)."""


class Damage(NamedTuple):
    """Records of the file that did not fit the schema, and the file's bytes as read."""

    problems: list[str]
    raw: bytes


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class AtomicJSONStorage(Storage):
    """JSON on disk, replaced atomically on every write, read through the record gate."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)
        self._cache: tuple[tuple[int, int, int, int], dict[str, Any], Damage | None] | None = None

    @property
    def damage(self) -> Damage | None:
        """What the last read left out, if anything (cleared when the file is rewritten)."""
        return self._cache[2] if self._cache is not None else None

    def read(self) -> dict[str, Any] | None:
        """The whole database (its records that fit), or None when the file does not exist yet."""
        try:
            # O_NONBLOCK: a FIFO put in the file's place must not block the open.
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
        except FileNotFoundError:
            self._cache = None
            return None
        except OSError as error:  # ELOOP (a symlink), EACCES ...
            raise UnreadableFile(f"cannot open {self.path}: {error.strerror}") from None
        try:
            info = os.fstat(fd)
            identity = _identity(info)
            if self._cache is not None and self._cache[0] == identity:
                return self._cache[1]
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableFile(f"{self.path} is {kind_of(info.st_mode)}, not a regular file")
            if info.st_size > MAX_FILE_BYTES:
                raise UnreadableFile(f"{self.path} is larger than {MAX_FILE_MB} MB")
            with os.fdopen(os.dup(fd), "rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
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
        cleaned = clean_tables(data, hidden=hidden_by_duplicate_keys(raw, data))
        damage = Damage(cleaned.damaged, raw) if cleaned.changed else None
        self._cache = (identity, cleaned.tables, damage)
        return cleaned.tables

    def identity(self) -> tuple[int, int, int, int] | None:
        """The file's device, inode, size and modification time, or None when it is missing:
        a cheap way (one ``stat``) to tell that another process has replaced it."""
        try:
            return _identity(os.stat(self.path, follow_symlinks=False))
        except OSError:
            return None

    def write(self, data: dict[str, Any]) -> None:
        """Replace the file with ``data``, atomically and durably (never over the size limit)."""
        self._cache = None  # TinyDB mutates what read() returned; trust only the disk
        payload = json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        if len(payload) > MAX_FILE_BYTES:
            # Over the limit the file could not be read back: refuse now, while nothing is lost.
            raise TooLarge(
                errno.EFBIG,
                f"the bookmarks and notes would take {len(payload) / 1e6:.0f} MB, over the {MAX_FILE_MB} MB limit",
            )
        write_atomically(self.path, payload, private=True)
        with contextlib.suppress(OSError):
            self._cache = (_identity(os.stat(self.path, follow_symlinks=False)), data, None)

    def close(self) -> None:
        """Forget the cached read."""
        self._cache = None
