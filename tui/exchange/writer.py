"""Writing an export file: atomically, to the path the reader chose, with plain errors.

A temp file in the same directory is renamed over the target only once it is complete,
so an interrupted export never leaves half a file over an old one.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tui.atomic import remove_stale_temps, write_atomically
from tui.clock import local_date
from tui.exchange.formats import EXTENSIONS
from tui.files import kind_of, reason
from tui.textsafe import encodable
from tui.userdirs import home as user_home

STALE_EXPORT_SECONDS = 3600
"""An export's temp file untouched this long was left by a killed export."""


class ExportError(Exception):
    """The export could not be written; the message says why, in words."""


def default_path(fmt: str, today: str | None = None, *, home: Path | None = None) -> Path:
    """``~/semax-notes-YYYY-MM-DD.<ext>``, dated today where the reader is."""
    stamp = today or local_date()
    return (home or user_home()) / f"semax-notes-{stamp}.{EXTENSIONS[fmt]}"


def unused_path(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext``… when it exists (never overwrite by default)."""
    candidate, number = path, 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


def encode(text: str, fmt: str) -> bytes:
    """UTF-8 bytes; JSON is ASCII-escaped already, other formats cannot hold lone surrogates."""
    return text.encode("utf-8") if fmt == "json" else encodable(text).encode("utf-8")


def export_target(path: Path) -> Path:
    """The file an export to ``path`` replaces, or :class:`ExportError` saying why not.

    Only a regular file (or a new name) is written: a directory, a FIFO, a device or a
    socket is refused and left as it is (``-o -`` writes to standard output). A symlink
    to a regular file is followed, so the link stays and its target gets the export.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise ExportError(f"cannot write {path}: {reason(error)}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise ExportError(f"{path} is a directory; give a file name")
        raise ExportError(
            f"cannot write {path}: it is {kind_of(info.st_mode)}, not a regular file (use -o - for standard output)"
        )
    target = path.resolve() if path.is_symlink() else path
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {path}: the folder {target.parent} does not exist")
    return target


def missing_folder(path: Path) -> Path | None:
    """The folder an export to ``path`` would go in, when it does not exist yet (the dialog
    offers to create it); None when it exists, or when ``path`` is something else that
    :func:`export_target` explains."""
    folder = path.parent
    try:
        return None if os.path.lexists(folder) else folder
    except (OSError, ValueError):
        return None


def make_folder(folder: Path) -> None:
    """Create a folder to export into (and any missing above it); :class:`ExportError`
    with the reason when it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create the folder {folder}: {reason(error)}") from None


def write_export(path: Path, payload: bytes) -> Path:
    """Write ``payload`` to ``path`` atomically; :class:`ExportError` with the reason if not."""
    target = export_target(path)
    try:
        write_atomically(target, payload, private=False)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {reason(error)}") from None
    # An export killed midway leaves its temp file (private, but a full copy): tidy those
    # of this name that no export can still be writing.
    remove_stale_temps(target.parent, target.name, older_than=STALE_EXPORT_SECONDS)
    return path
