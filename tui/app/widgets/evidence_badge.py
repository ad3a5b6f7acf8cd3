"""A coloured label that says how strong the support for a section is."""

from __future__ import annotations

from textual.widgets import Static

from tui.app.safe import literal
from tui.content import EvidenceLevel


class EvidenceBadge(Static):
    """The badge for one evidence level; its colour comes from the ``-<level>`` class.

    The words carry the meaning on their own, so the badge still reads with
    ``NO_COLOR`` or in monochrome; the tooltip gives the full definition.
    """

    def __init__(self, level: EvidenceLevel, detail: str | None = None) -> None:
        text = f" {level.badge} " if not detail else f" {level.badge} · {detail} "
        super().__init__(literal(text), classes=f"-{level.id} -strength-{level.strength}")
        self.level = level
        self.tooltip = level.meaning
