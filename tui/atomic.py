"""Replacing a file atomically and durably: the one way this app writes a file.

The new bytes go to a temp file beside the target, are flushed to disk, and only then
renamed over it, and the rename itself is made durable. A crash at any moment leaves
either the old file or the new one, never a torn mix. Used by the user store and by
exports.

The temp file is made with ``os.open(O_EXCL)`` rather than :mod:`tempfile`, which
imports ``shutil``, ``random`` and ``weakref``: the CLI pays every import at start-up.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from pathlib import Path

from tui.files import check_replaceable

_PRIVATE = 0o600


def write_atomically(path: Path, payload: bytes, *, private: bool, durable: bool = True) -> None:
    """Replace ``path`` with ``payload``; ``OSError`` (with nothing left behind) if not.

    ``private`` files are readable by their owner only, whatever the umask. Others keep
    the permissions of the file they replace, or are made like any new file (0666 less
    the umask). While it is being written the temp file is the owner's only, so a writer
    killed midway leaves no copy of the data that others can read. A file that is not
    ``durable`` (a cache entry, which can be made again) is still replaced atomically, but
    not flushed to disk: after a power cut it may be old, empty or missing, never torn.

    Only a regular file (or nothing) is replaced: a FIFO, a device, a directory or a
    symlink at ``path`` raises :class:`tui.files.NotRegularFile` and is left alone.
    """
    check_replaceable(path)
    mode = _PRIVATE if private else _mode_for(path)
    directory = path.parent
    fd, temp = _create_temp(directory, path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
            if mode != _PRIVATE:
                os.fchmod(handle.fileno(), mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        _fsync_directory(directory)


def _mode_for(path: Path) -> int:
    """The permissions a shared file gets: those of the file it replaces, else a new file's."""
    try:
        return stat.S_IMODE(os.lstat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def temp_prefix(name: str) -> str:
    """How the temp files for ``name`` begin, so their owner can find ones a killed
    writer left behind (see :func:`remove_stale_temps`)."""
    return f".{name}."


def remove_stale_temps(directory: Path, name: str, *, older_than: float = 0) -> int:
    """Delete the temp files a killed writer left in ``directory`` for ``name`` and for
    the files named after it (``name.backup-…``); how many.

    Each is a full copy of data that was being written, never needed again. With
    ``older_than`` 0, call it only while no such writer can be running (the user store
    does, under its lock); otherwise only files untouched for that many seconds go.
    """
    removed = 0
    now = time.time()
    pattern = re.compile(rf"\.{re.escape(name)}(?:\.[\w.-]+)?\.[0-9a-f]{{12}}\.tmp")
    try:
        candidates = [entry for entry in os.scandir(directory) if pattern.fullmatch(entry.name)]
    except OSError:
        return 0
    for entry in candidates:
        with contextlib.suppress(OSError):
            if older_than and now - entry.stat(follow_symlinks=False).st_mtime < older_than:
                continue
            os.unlink(entry.path)
            removed += 1
    return removed


def _create_temp(directory: Path, name: str) -> tuple[int, Path]:
    """A new, empty file beside the target that no one else can have opened."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW
    for _ in range(100):
        temp = directory / f"{temp_prefix(name)}{os.urandom(6).hex()}.tmp"
        try:
            return os.open(temp, flags, _PRIVATE), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"could not create a temporary file in {directory}")


def _fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
