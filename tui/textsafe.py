"""One place that makes text from packs, notes and imports safe to show.

A pack or a note can hold escape sequences that would retitle the window, clear the
screen or plant an invisible hyperlink. Everything shown on a terminal goes through
:func:`for_terminal`, which swaps control characters (except newline and tab) for their
visible Unicode "control pictures", so the reader sees that they were there. Lone
surrogates (which cannot be encoded) become U+FFFD.
"""

from __future__ import annotations

_KEEP = {0x09, 0x0A}


def _table() -> dict[int, str]:
    table: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if c not in _KEEP}
    table[0x7F] = "\u2421"  # ␡
    for c in range(0x80, 0xA0):  # C1 controls: CSI (0x9B) and OSC (0x9D) start sequences too
        table[c] = "\ufffd"
    for c in range(0xD800, 0xE000):
        table[c] = "\ufffd"
    return table


_TERMINAL_TABLE = _table()


def for_terminal(text: str) -> str:
    """Neutralise control characters and surrogates; newline and tab are kept."""
    return text.translate(_TERMINAL_TABLE)


def one_line(text: str, limit: int = 200) -> str:
    """A single safe line: whitespace folded, cut to ``limit`` characters with an ellipsis."""
    folded = " ".join(for_terminal(text).split())
    return folded if len(folded) <= limit else folded[: limit - 1].rstrip() + "…"
