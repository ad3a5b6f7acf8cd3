"""Opening files as data: regular files only, never blocking, within the size limit.

User data, packs and import files are all read through :func:`read_regular`, and every
file this program writes is replaced through :mod:`tui.atomic`, which refuses to replace
anything but a regular file. A FIFO, a device, a socket or a directory named where data
is expected gets one clear sentence, never a hang: opening a FIFO for reading waits for a
writer unless it is opened non-blocking, so every open here is, and the kind of file is
checked on the open descriptor before a byte is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 50 * 1024 * 1024
"""The largest pack, import file or user database read (README, Reliability)."""

MAX_FILE_MB = MAX_FILE_BYTES // (1024 * 1024)


class BadPath(ValueError):
    """A path the reader gave that cannot name a file (empty, a NUL, an unknown ``~user``)."""


def user_path(text: str, what: str = "the path") -> Path:
    """A path as the reader typed it, ``~`` and ``~user`` expanded, or :class:`BadPath`
    saying why it names nothing (``Path.expanduser`` raises RuntimeError for an unknown
    user, and a NUL makes every later call raise ValueError)."""
    if not text:
        raise BadPath(f"{what} is empty")
    if "\x00" in text:
        raise BadPath(f"{what} {text!r} contains a NUL character")
    if text.startswith("~"):
        expanded = os.path.expanduser(text)
        if expanded.startswith("~"):
            user = text[1:].split("/", 1)[0]
            whose = f"of the user {user!r}" if user else "(HOME is not set)"
            raise BadPath(f"{what} {text!r}: cannot find the home folder {whose}")
        return Path(expanded)
    return Path(text)


class NotRegularFile(OSError):
    """The path names something that is not a regular file (a FIFO, a device, ...)."""


class TooLarge(OSError):
    """The file is over the size limit; it was not read."""


def kind_of(mode: int) -> str:
    """What a file is, in words, from its ``st_mode``."""
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def read_regular(path: Path, *, limit: int = MAX_FILE_BYTES, follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file.

    Raises :class:`NotRegularFile` for anything else (without blocking on a FIFO),
    :class:`TooLarge` over ``limit`` bytes (before reading), ``FileNotFoundError`` and
    other ``OSError``. With ``follow_symlinks=False`` a symlink is refused (``ELOOP``).
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_symlinks else os.O_NOFOLLOW)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL, f"it is {kind_of(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise TooLarge(errno.EFBIG, f"it is {info.st_size / 1e6:.1f} MB, over the {limit // 2**20} MB limit")
        chunks = []
        remaining = limit + 1  # a file that grows while it is read is still cut at the limit
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise TooLarge(errno.EFBIG, f"it is over the {limit // 2**20} MB limit")
        return data
    finally:
        os.close(fd)


def check_replaceable(path: Path) -> None:
    """Raise :class:`NotRegularFile` unless ``path`` is missing or a regular file (not a
    symlink): what may be replaced by a new file of the same name."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise NotRegularFile(errno.EINVAL, f"it is {kind_of(mode)}, not a regular file")


def reason(error: OSError) -> str:
    """An ``OSError`` in plain words."""
    if isinstance(error, (NotRegularFile, TooLarge)):
        return str(error.strerror)
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.EISDIR: "it is a directory",
        errno.ENOTDIR: "a part of the path is not a folder",
        errno.ENOENT: "no such file or folder",
        errno.EFBIG: "the file is too large",
        errno.ELOOP: "it is a symbolic link",
        errno.ENAMETOOLONG: "the name is too long",
        errno.EIO: "an input/output error",
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))
