"""Writing an export file: atomically, to the path the reader chose, with plain errors.

A temp file in the same directory is renamed over the target only once it is complete,
so an interrupted export never leaves half a file over an old one.
"""

from __future__ import annotations

import errno
from pathlib import Path

from tui.atomic import write_atomically
from tui.clock import local_date
from tui.exchange.formats import EXTENSIONS

_SURROGATES = {c: "\ufffd" for c in range(0xD800, 0xE000)}


class ExportError(Exception):
    """The export could not be written; the message says why, in words."""


def default_path(fmt: str, today: str | None = None, *, home: Path | None = None) -> Path:
    """``~/semax-notes-YYYY-MM-DD.<ext>``, dated today where the reader is."""
    stamp = today or local_date()
    return (home or Path.home()) / f"semax-notes-{stamp}.{EXTENSIONS[fmt]}"


def unused_path(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext``… when it exists (never overwrite by default)."""
    candidate, number = path, 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


def encode(text: str, fmt: str) -> bytes:
    """UTF-8 bytes; JSON is ASCII-escaped already, other formats cannot hold lone surrogates."""
    return text.encode("utf-8") if fmt == "json" else text.translate(_SURROGATES).encode("utf-8")


def write_export(path: Path, payload: bytes) -> Path:
    """Write ``payload`` to ``path`` atomically; :class:`ExportError` with the reason if not."""
    path = path.expanduser()
    if path.is_dir():
        raise ExportError(f"{path} is a directory; give a file name")
    directory = path.parent
    if not directory.is_dir():
        raise ExportError(f"cannot write {path}: the folder {directory} does not exist")
    try:
        write_atomically(path, payload, private=False)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {_reason(error)}") from None
    return path


def _reason(error: OSError) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.EISDIR: "it is a directory",
        errno.ENOENT: "no such folder",
        errno.EFBIG: "the file is too large",
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))
