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
from pathlib import Path

_PRIVATE = 0o600
_SHARED = 0o644


def write_atomically(path: Path, payload: bytes, *, private: bool, durable: bool = True) -> None:
    """Replace ``path`` with ``payload``; ``OSError`` (with nothing left behind) if not.

    ``private`` files are readable by their owner only, whatever the umask; others are
    made like any new file (0644 less the umask). A file that is not ``durable`` (a cache
    entry, which can be made again) is still replaced atomically, but not flushed to
    disk: after a power cut it may be old, empty or missing, never a torn mix.
    """
    directory = path.parent
    fd, temp = _create_temp(directory, path.name)
    try:
        if private:
            os.fchmod(fd, _PRIVATE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        _fsync_directory(directory)


def _create_temp(directory: Path, name: str) -> tuple[int, Path]:
    """A new, empty file beside the target that no one else can have opened."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW
    for _ in range(100):
        temp = directory / f".{name}.{os.urandom(6).hex()}.tmp"
        try:
            return os.open(temp, flags, _SHARED), temp
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
