"""Find and read a content pack from disk.

The shipped pack is ``data/semax.json`` in a checkout and ``tui/_pack/semax.json``
inside an installed wheel; :func:`default_pack_path` knows both. Only a regular file is
read (a FIFO given as ``--content`` is refused, not waited on), and files over
:data:`MAX_PACK_BYTES` are refused before they are read, so a hostile ``--content`` can
neither hang the explorer nor exhaust its memory.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tui.content import pack_cache
from tui.content.errors import PackUnreadable
from tui.content.model import Pack
from tui.content.validate import build_content
from tui.files import MAX_FILE_BYTES, read_regular, reason, user_path

MAX_PACK_BYTES = MAX_FILE_BYTES
"""Packs larger than this are refused (documented in docs/schema.md)."""

CONTENT_ENV = "SEMAX_EXPLORER_CONTENT"
"""Environment variable naming another pack, like ``--content``."""

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def default_pack_path() -> Path:
    """The shipped pack: inside the wheel when installed, else the checkout's data/."""
    installed = _PACKAGE_DIR / "_pack" / "semax.json"
    if installed.is_file():
        return installed
    return _PACKAGE_DIR.parent / "data" / "semax.json"


def resolve_pack_path(given: str | os.PathLike[str] | None) -> Path:
    """``--content`` if given, else ``$SEMAX_EXPLORER_CONTENT``, else the shipped pack."""
    if given is not None:
        return user_path(os.fspath(given), "--content")
    chosen = os.environ.get(CONTENT_ENV)
    return user_path(chosen, CONTENT_ENV) if chosen else default_pack_path()


def read_bytes(path: Path) -> bytes:
    """A pack file's bytes, or :class:`PackUnreadable` saying why not."""
    try:
        return read_regular(path, limit=MAX_PACK_BYTES)
    except FileNotFoundError:
        raise PackUnreadable(f"{path}: no such file") from None
    except OSError as error:
        raise PackUnreadable(f"{path}: cannot read ({reason(error)})") from None


def parse(path: Path, data: bytes) -> object:
    """The parsed JSON of a pack file's bytes, or :class:`PackUnreadable` saying why not."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PackUnreadable(f"{path}: not UTF-8 text (bad byte at offset {error.start})") from None
    if not text.strip():
        raise PackUnreadable(f"{path}: the file is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise PackUnreadable(f"{path}: not JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None
    except RecursionError:
        raise PackUnreadable(f"{path}: not usable JSON (nested too deeply)") from None


def read_raw(path: Path) -> object:
    """The parsed JSON of a pack file, or :class:`PackUnreadable` saying why not."""
    return parse(path, read_bytes(path))


def load_pack(path: str | os.PathLike[str] | None = None, *, cache: Path | None = None) -> Pack:
    """Read, validate and build a pack; the shipped one when no path is given.

    With a ``cache`` directory, a large pack checked before is read back from there
    instead (:mod:`tui.content.pack_cache`). Raises
    :class:`~tui.content.errors.PackUnreadable` or :class:`~tui.content.errors.PackInvalid`.
    """
    resolved = resolve_pack_path(path)
    data = read_bytes(resolved)
    if cache is None or len(data) < pack_cache.MIN_BYTES:
        return build_content(parse(resolved, data))
    name = pack_cache.key(data)
    content = pack_cache.load(cache, name)
    if content is None:
        content = build_content(parse(resolved, data))
        pack_cache.save(cache, name, content)
    return content
