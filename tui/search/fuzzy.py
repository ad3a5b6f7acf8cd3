"""Typo tolerance: the vocabulary words closest to a word that matched nothing.

Candidates share trigrams with the word (an index built on first use, so it costs
nothing until a search finds nothing); they are then checked with an edit distance
that counts a swap of two neighbours as one edit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


def max_edits(word: str) -> int:
    """How many edits a word of this length may be off by."""
    return 1 if len(word) <= 5 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, or ``limit + 1`` once it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _grams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Corrector:
    """Suggests a vocabulary word for a misspelt one."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self._vocabulary = list(vocabulary)
        self._by_gram: dict[str, list[str]] | None = None

    def _index(self) -> dict[str, list[str]]:
        if self._by_gram is None:
            index: dict[str, list[str]] = defaultdict(list)
            for word in self._vocabulary:
                if len(word) > 2:
                    for gram in _grams(word):
                        index[gram].append(word)
            self._by_gram = index
        return self._by_gram

    def correct(self, word: str, frequency: dict[str, int]) -> str | None:
        """The closest known word within :func:`max_edits`, most frequent on ties."""
        if len(word) < 3:
            return None
        limit = max_edits(word)
        shared: dict[str, int] = defaultdict(int)
        index = self._index()
        for gram in _grams(word):
            for candidate in index.get(gram, ()):
                shared[candidate] += 1
        needed = max(1, len(_grams(word)) - 3 * limit)
        best: tuple[int, int, str] | None = None
        for candidate, count in shared.items():
            if count < needed:
                continue
            edits = distance(word, candidate, limit)
            if edits <= limit:
                key = (edits, -frequency.get(candidate, 0), candidate)
                if best is None or key < best:
                    best = key
        return best[2] if best else None
