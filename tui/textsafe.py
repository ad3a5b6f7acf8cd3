"""The one boundary for text this program did not write: packs, notes, imports, paths, errors.

A pack or a note can hold escape sequences that would retitle the window, clear the
screen, write to the clipboard or plant an invisible hyperlink, and bidirectional
overrides that make a line read differently from what it holds. Everything shown on a
terminal goes through :func:`for_terminal`, which swaps each such character for one
visible character, so the reader sees that something was there:

- C0 controls (but newline and tab) become their Unicode "control pictures" (ESC → ␛),
  DEL becomes ␡;
- C1 controls (CSI and OSC start sequences too), lone surrogates (which no encoding can
  write), bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, and the
  marks U+200E, U+200F, U+061C) and the line and paragraph separators (U+2028, U+2029)
  become U+FFFD.

Each character becomes exactly one character, so offsets into the text stay valid: the
note editor relies on it to show a note visibly while keeping it exactly as written.

Text written to a pipe or a file is kept as written, except that it must be encodable:
:func:`encodable` replaces lone surrogates only, and :func:`json_safe` escapes them (and
every other character :func:`for_terminal` would change) inside JSON, where the escape
reads back as the same string.
"""

from __future__ import annotations

import re
from functools import cache

_KEEP = {0x09, 0x0A}
REPLACEMENT = "\ufffd"

_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)
"""Embeddings, overrides, isolates and marks: they reorder what a line shows."""


def _table() -> dict[int, str]:
    table: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if c not in _KEEP}
    table[0x7F] = "\u2421"  # ␡
    for c in (*range(0x80, 0xA0), *range(0xD800, 0xE000), *_BIDI, 0x2028, 0x2029):
        table[c] = REPLACEMENT
    return table


_TERMINAL_TABLE = _table()
UNSAFE_CLASS = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]"
"""A regular-expression class of every character :func:`for_terminal` changes (written
as ranges: a class of two thousand single characters was slow to compile at start-up,
docs/performance.md)."""


@cache
def _pattern(which: str) -> re.Pattern[str]:
    """The two patterns, compiled on first use: most commands never need them, and
    compiling them at import was start-up time for nothing (docs/performance.md)."""
    return re.compile(UNSAFE_CLASS if which == "unsafe" else "[\ud800-\udfff]")


def for_terminal(text: str) -> str:
    """Every control, surrogate and bidirectional override made visible; newline and tab kept."""
    # Nearly every text is safe already: finding that out (a regex search, in C) is many
    # times faster than translate() through a table of two thousand characters.
    return text if _pattern("unsafe").search(text) is None else text.translate(_TERMINAL_TABLE)


def is_safe(text: str) -> bool:
    """Whether :func:`for_terminal` would leave the text as it is."""
    return _pattern("unsafe").search(text) is None


def encodable(text: str) -> str:
    """The text as written, with lone surrogates (which UTF-8 cannot hold) replaced by U+FFFD."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # only a lone surrogate makes UTF-8 fail
        return _pattern("surrogate").sub(REPLACEMENT, text)
    return text


def json_safe(dumped: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with every character that
    :func:`for_terminal` would change written as a ``\\uXXXX`` escape: the JSON still reads
    back as exactly the same value, and shows safely on a terminal."""
    return _pattern("unsafe").sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


def one_line(text: str, limit: int = 200) -> str:
    """A single safe line: whitespace folded, cut to ``limit`` characters with an ellipsis."""
    folded = " ".join(for_terminal(text).split())
    return folded if len(folded) <= limit else folded[: limit - 1].rstrip() + "…"
