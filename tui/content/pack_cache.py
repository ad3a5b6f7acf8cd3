"""Checked packs kept between runs, so a large pack is validated once, not at every start.

Parsing and validating a pack of 10,000 sections is most of the start-up that pack adds;
reading the checked model back is many times faster (docs/performance.md). An
entry is named by a hash of the pack's bytes and of the code that checks and models a
pack, so an edited pack or a changed validator never meets an old entry. Packs under
:data:`MIN_BYTES` (the shipped one is 61 kB) are validated faster than an entry is read,
and are never cached. ``validate`` always validates.

The cache is only ever a shortcut: an entry that cannot be read is ignored and replaced,
and a directory that cannot be written to is not used. Entries hold only plain values
(:mod:`marshal`: strings, numbers, tuples, lists and dicts, nothing that runs code when
read), from which the model is made again; ``pickle`` was slower both to write a large
pack and to read one (docs/performance.md).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from tui.atomic import write_atomically
from tui.content.model import Meta, Node, Pack, SourceParagraph
from tui.files import read_regular, user_path
from tui.userdirs import platform_cache_dir

CACHE_DIR_ENV = "SEMAX_EXPLORER_CACHE_DIR"
"""Environment variable naming another cache directory."""

MIN_BYTES = 1_000_000
"""Packs smaller than this are never cached."""

KEEP = 8
"""Entries kept: the newest, so editing a large pack again and again does not fill the disk."""

FORMAT = f"semax-explorer pack cache, marshal {marshal.version}, python {sys.version_info[:2]}\0".encode()
"""Part of every key: entries written by another Python's marshal are never read."""

_CODE = ("model.py", "validate.py", "evidence.py", "pack_cache.py")
"""The modules whose code decides what a checked pack is and how an entry is laid out:
any change to them is a new key, with no layout version to remember to raise."""


def cache_dir() -> Path:
    """``$SEMAX_EXPLORER_CACHE_DIR``, else ``packs`` in the platform's user cache directory."""
    chosen = os.environ.get(CACHE_DIR_ENV)
    return user_path(chosen, CACHE_DIR_ENV) if chosen else platform_cache_dir() / "packs"


def key(data: bytes) -> str:
    """The entry name for a pack's bytes, checked by this version of the code."""
    import hashlib  # noqa: PLC0415 - OpenSSL is slow to load, and only a large pack needs it

    digest = hashlib.blake2b(FORMAT, digest_size=20)
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    digest.update(data)
    return digest.hexdigest()


def load(directory: Path, name: str) -> Pack | None:
    """The checked pack kept under ``name``, or None (no entry, or one that is unusable)."""
    path = directory / f"{name}.marshal"
    try:
        return _content(marshal.loads(read_regular(path, follow_symlinks=False)))
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or foreign entry is only a missed shortcut
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def save(directory: Path, name: str, content: Pack) -> None:
    """Keep a checked pack under ``name`` (atomically), and drop all but the newest entries.

    A directory made here is the reader's own (0700) and entries are 0600, as their data
    is: a pack may hold anything its author wrote. A directory that already exists (one
    named by ``SEMAX_EXPLORER_CACHE_DIR``) keeps its permissions, and nothing in it is
    touched but this cache's own entries and their temp files."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        payload = marshal.dumps(_payload(content))
        write_atomically(directory / f"{name}.marshal", payload, private=True, durable=False)
        ours = [entry for entry in directory.iterdir() if ENTRY.fullmatch(entry.name)]
        for old in sorted(ours, key=lambda entry: entry.stat().st_mtime_ns, reverse=True)[KEEP:]:
            old.unlink()
        _remove_stale_temps(directory)
    except OSError:
        return  # a cache that cannot be written is simply not used


STALE_TEMP_SECONDS = 3600
"""A temp file this old was left by a killed writer (another may be writing one now)."""


ENTRY = re.compile(r"[0-9a-f]{40}\.marshal")
"""The name of an entry: the key (:func:`key`, 20 bytes in hex)."""
TEMP = re.compile(r"\.[0-9a-f]{40}\.marshal\.[0-9a-f]{12}\.tmp")
"""The name of an entry's temp file while it is written (:mod:`tui.atomic`)."""


def _remove_stale_temps(directory: Path) -> None:
    now = time.time()
    for temp in directory.iterdir():
        if TEMP.fullmatch(temp.name):
            with contextlib.suppress(OSError):
                if now - temp.lstat().st_mtime > STALE_TEMP_SECONDS:
                    temp.unlink()


def _payload(content: Pack) -> tuple[Any, ...]:
    """The pack as plain values: the meta record, the topics, and each topic's children."""
    topics = content.topics()
    return (
        tuple(content.meta),
        [_plain(topic) for topic in topics],
        {topic.id: [_plain(child) for child in content.children(topic.id)] for topic in topics},
    )


def _plain(node: Node) -> tuple[Any, ...]:
    return (*node[:-1], tuple(map(tuple, node.paragraphs)))


def _content(payload: tuple[Any, ...]) -> Pack:
    """The model again, from :func:`_payload`'s values."""
    meta, topics, children = payload
    return Pack.from_nodes(
        Meta._make(meta),
        [_node(topic) for topic in topics],
        {topic_id: [_node(child) for child in kids] for topic_id, kids in children.items()},
    )


def _node(values: tuple[Any, ...]) -> Node:
    paragraphs = values[-1]
    if not paragraphs:  # all but the sources: the values are the node's as they are
        return Node._make(values)
    return Node._make((*values[:-1], tuple(map(SourceParagraph._make, paragraphs))))
