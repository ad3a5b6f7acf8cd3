"""Every section with its evidence label, as one table: what rests on what.

The explorer's evidence view, its legend and the CLI's ``claims`` command all build on
these rows, so the app and the command line count and order the same way.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from tui.content.evidence import EVIDENCE_BY_ID, EVIDENCE_LEVELS, EvidenceLevel
from tui.content.model import Node, Pack

CLAIM_KINDS = frozenset({"section"})
"""What the table lists: sections (topics' summaries and glossary terms introduce or
define; they are not claims of their own)."""


class Claim(NamedTuple):
    """One row of the table: a section and the support its label says it has."""

    node: Node
    topic: str
    """The title of the topic the section is under."""
    level: EvidenceLevel
    detail: str
    """The specifics of the evidence (``100 patients``), or ""."""
    paragraphs: str
    """The source paragraphs it restates, ``¶10, ¶11``; ``Editorial`` when it restates none."""

    @property
    def refs(self) -> tuple[str, ...]:
        """The paragraphs as the pack names them (``sources/slug#p10``)."""
        return self.node.provenance


class LegendRow(NamedTuple):
    """One label of the legend, and how many sections carry it."""

    level: EvidenceLevel
    sections: int
    """How many sections carry the label."""


def several_sources(pack: Pack) -> bool:
    """Whether the pack has more than one source (then paragraphs are named with their source)."""
    return sum(1 for node in pack.walk() if node.kind == "source") > 1


def paragraphs_text(pack: Pack, node: Node, *, several: bool | None = None) -> str:
    """The paragraphs a node restates, short: ``¶10, ¶11`` (a source's title before its
    paragraphs only when the pack has more than one source; ``several`` says so, if known,
    as :func:`several_sources` would)."""
    if node.editorial or not node.provenance:
        return "Editorial" if node.editorial else ""
    by_source: dict[str, list[str]] = {}
    for ref in node.provenance:
        source_id, _, para = ref.partition("#")
        by_source.setdefault(source_id, []).append(para.replace("p", "¶", 1))
    if several is None:
        several = several_sources(pack)
    parts = []
    for source_id, paras in by_source.items():
        source = pack.get(source_id)
        title = source.title if source is not None else source_id
        parts.append(f"{title} {', '.join(paras)}" if several else ", ".join(paras))
    return "; ".join(parts)


def claims(pack: Pack, *, minimum: int = 0, label: str | None = None) -> list[Claim]:
    """Every section carrying a label at least ``minimum`` strong (and, given ``label``,
    that label), in the order of the tree."""
    rows = []
    several = several_sources(pack)
    for node in pack.walk():
        level = node.evidence_level
        if node.kind not in CLAIM_KINDS or level is None or level.strength < minimum:
            continue
        if label is not None and level.id != label:
            continue
        topic = pack.breadcrumb(node.id)[0].title
        paragraphs = paragraphs_text(pack, node, several=several)
        rows.append(Claim(node, topic, level, node.evidence_detail or "", paragraphs))
    return rows


_RANK = {level.id: index for index, level in enumerate(EVIDENCE_LEVELS)}


def by_strength(rows: list[Claim], *, strongest_first: bool = True) -> list[Claim]:
    """The rows by strength (then by the vocabulary's order of labels, then the tree's):
    a stable sort, so sections of one label keep their places in the tree."""
    ranked = sorted(rows, key=lambda row: _RANK[row.level.id])
    ranked.sort(key=lambda row: row.level.strength, reverse=strongest_first)
    return ranked


def counted(pack: Pack) -> Counter[str]:
    """How many sections carry each label (by its id)."""
    return Counter(
        level.id for node in pack.walk() if node.kind in CLAIM_KINDS and (level := node.evidence_level) is not None
    )


def count_at_least(pack: Pack, minimum: int) -> int:
    """How many sections carry a label at least ``minimum`` strong."""
    return sum(count for label, count in counted(pack).items() if EVIDENCE_BY_ID[label].strength >= minimum)


def legend(pack: Pack) -> list[LegendRow]:
    """Every label of the vocabulary, strongest first, with how many sections carry it."""
    counts = counted(pack)
    return [LegendRow(level, counts[level.id]) for level in EVIDENCE_LEVELS]


def sections_word(count: int) -> str:
    """``1 section``, ``3 sections``."""
    return f"{count} section{'' if count == 1 else 's'}"


def legend_entry(row: LegendRow) -> tuple[str, str]:
    """A label and what it says, with its count: ``("Reported trial", "The source reports
    … (2 sections)")``. The one wording of the legend: the legend dialog, the help, ``show``
    and ``claims`` all use it."""
    return row.level.badge, f"{row.level.meaning} ({sections_word(row.sections)})"


def legend_lines(rows: list[LegendRow]) -> list[str]:
    """The legend as lines of text: ``Reported trial: The source reports… (2 sections)``."""
    return [": ".join(legend_entry(row)) for row in rows]
