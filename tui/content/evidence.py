"""The evidence vocabulary: how strongly the source supports a statement.

The labels describe the support *as the source describes it*, never more. They are
ordered from the strongest support the source offers to none at all, so that a
reader (and a test) can compare them. ``docs/schema.md`` documents the same list.
"""

from __future__ import annotations

from typing import NamedTuple


class EvidenceLevel(NamedTuple):
    """One label of the vocabulary."""

    id: str
    """The value stored in a section's ``evidence`` field."""
    badge: str
    """A short label for the badge shown beside a section."""
    meaning: str
    """One sentence a reader sees when they ask what the badge means."""
    strength: int
    """Higher is stronger support; 0 means the label makes no health claim at all."""


EVIDENCE_LEVELS: tuple[EvidenceLevel, ...] = (
    EvidenceLevel(
        "clinical-trial",
        "Reported trial",
        "The source reports a human clinical trial and gives its size, but cites no publication, design or authors.",
        4,
    ),
    EvidenceLevel(
        "clinical-reports",
        "Reported studies",
        "The source mentions human studies without their number, size or publication.",
        3,
    ),
    EvidenceLevel(
        "preliminary",
        "Preliminary research",
        "The source describes the research as preliminary: cells, animals and small human trials.",
        2,
    ),
    EvidenceLevel(
        "cell-based",
        "Cell studies only",
        "The source calls the findings preliminary and cell-based, needing much more research.",
        2,
    ),
    EvidenceLevel(
        "mechanism",
        "Proposed mechanism",
        "How the source says Semax works; it describes no study showing that Semax does this.",
        1,
    ),
    EvidenceLevel(
        "claimed",
        "Claimed, no study",
        "The source states or lists the claim but describes no study behind it.",
        1,
    ),
    EvidenceLevel(
        "described",
        "Description",
        "A plain statement of fact from the source (origin, form) rather than a health claim.",
        0,
    ),
    EvidenceLevel(
        "editorial",
        "Editorial",
        "Not from the source: a widely established public fact or a note added by the editors.",
        0,
    ),
)

EVIDENCE_BY_ID: dict[str, EvidenceLevel] = {level.id: level for level in EVIDENCE_LEVELS}
"""Look a label up by the id stored in the pack."""


def _folded(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").casefold().split())


def find_level(text: str) -> EvidenceLevel | None:
    """The label a reader typed, by its id (``clinical-trial``), its badge (``Reported
    trial``) or a word only one label has (``trial``), in any case and with spaces or
    hyphens; ``None`` when it names none, or several (:func:`levels_named`)."""
    found = levels_named(text)
    return found[0] if len(found) == 1 else None


def levels_named(text: str) -> list[EvidenceLevel]:
    """Every label the words name: one for an id or a badge, maybe several for one word
    (``studies``)."""
    wanted = _folded(text)
    found = [level for level in EVIDENCE_LEVELS if wanted in (_folded(level.id), _folded(level.badge))]
    if not found and wanted and " " not in wanted:
        found = [
            level for level in EVIDENCE_LEVELS if wanted in {*_folded(level.id).split(), *_folded(level.badge).split()}
        ]
    return found


def suggest_levels(text: str, limit: int = 3) -> list[str]:
    """The label ids closest to a mistyped one, best first (for "did you mean")."""
    import difflib  # noqa: PLC0415 - only for a mistyped label

    wanted = _folded(text)
    names: dict[str, str] = {}
    for level in EVIDENCE_LEVELS:
        for name in (_folded(level.id), _folded(level.badge)):
            names.setdefault(name, level.id)
            for word in name.split():  # a word of a label ("trial", "mechanism") names it too
                if len(word) > 3:
                    names.setdefault(word, level.id)
    close = difflib.get_close_matches(wanted, list(names), n=limit * 3, cutoff=0.6)
    return list(dict.fromkeys(names[name] for name in close))[:limit]


STRENGTHS: tuple[int, ...] = tuple(sorted({level.strength for level in EVIDENCE_LEVELS}, reverse=True))
"""The strengths the vocabulary uses, strongest first (what a minimum can be set to)."""


def strength_name(strength: int) -> str:
    """A strength in words, by the labels that have it: ``Preliminary research or Cell
    studies only``."""
    return " or ".join(level.badge for level in EVIDENCE_LEVELS if level.strength == strength)
