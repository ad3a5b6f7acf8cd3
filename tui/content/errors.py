"""Why a pack could not be used, in words that name the exact place to fix.

Two kinds, because callers treat them differently: a file that cannot be read at all
(:class:`PackUnreadable`, exit 2 from ``validate``) and a readable file whose records
are wrong (:class:`PackInvalid`, exit 1), which carries *every* problem found.
"""

from __future__ import annotations

from typing import NamedTuple


class PackError(Exception):
    """A content pack cannot be used."""


class PackUnreadable(PackError):
    """The file is missing, too large, not UTF-8, or not JSON."""


class Problem(NamedTuple):
    """One thing wrong with one field of one record."""

    table: str
    record: str | None
    """The record's id, or ``doc N`` when it has no usable id; ``None`` for the table itself."""
    field: str | None
    message: str

    def __str__(self) -> str:
        place = " › ".join(p for p in (self.table, self.record, self.field) if p)
        return f"{place}: {self.message}"


class PackInvalid(PackError):
    """The file is JSON but its tables or records break the schema."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        first = problems[0] if problems else "no details"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{first}{more}")
