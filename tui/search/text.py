"""Folding text for matching: case- and accent-insensitive, with a way back to the original.

The index folds whole fields at C speed (``fold``). Snippets and highlights need offsets
in the original text, so ``fold_with_map`` folds character by character and remembers
where each folded character came from; it is used only on the few texts shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

WORD = re.compile(r"\w+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower-case, accent-free text (ß → ss, é → e, ﬁ → fi)."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return WORD.findall(fold(text))


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return fold(char)


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """Folded text, and for each folded character the index of the original it came from."""
    if text.isascii():  # the common case: lower-casing keeps every offset
        return text.lower(), range(len(text))
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char) if not char.isascii() else char.lower()
        out.append(folded)
        origin.extend([index] * len(folded))
    return "".join(out), origin
