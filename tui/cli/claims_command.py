"""``semax-explorer claims``: every section and the evidence its label says it has.

The table the explorer's evidence view shows (:mod:`tui.content.claims`), strongest
first, for a reader who wants to see at a glance what rests on a trial and what on a
bare claim, or a script that wants it as JSON.
"""

from __future__ import annotations

import argparse

from tui.cli.content_commands import open_pack
from tui.cli.errors import EXIT_UNREADABLE, CliError
from tui.cli.output import Output
from tui.content.claims import Claim, by_strength, claims, sections_word
from tui.content.evidence import EVIDENCE_LEVELS, EvidenceLevel, levels_named, suggest_levels
from tui.textsafe import one_line

HEADINGS = ("Evidence", "Topic", "Section", "Detail", "Paragraphs", "Id")
"""The table's columns, as the explorer's evidence view names them (and the id, for ``show``)."""

MAX_CELL = 48
"""A cell longer than this many characters is cut with "…", so a row stays a row."""


def cell_width(text: str) -> int:
    """How many columns a terminal gives the text: two for a wide character (CJK), none
    for a combining mark, so a column of titles in any script stays a column."""
    if text.isascii():
        return len(text)
    import unicodedata  # noqa: PLC0415 - only for text that is not ASCII

    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text
    )


def minimum_level(text: str) -> EvidenceLevel:
    """The label given to ``--min``, or a one-line error (exit 2) that suggests the closest."""
    named = levels_named(text)
    if len(named) == 1:
        return named[0]
    if named:
        raise CliError(
            f"'{one_line(text, 60)}' could be {' or '.join(level.id for level in named)}; say which", EXIT_UNREADABLE
        )
    close = suggest_levels(text)
    hint = f"did you mean {', '.join(close)}?" if close else f"one of {', '.join(lv.id for lv in EVIDENCE_LEVELS)}"
    raise CliError(f"no evidence label '{one_line(text, 60)}'; {hint}", EXIT_UNREADABLE)


def claim_json(row: Claim) -> dict[str, object]:
    """One row for ``--json``: everything the table shows, with the label's meaning."""
    return {
        "id": row.node.id,
        "topic": row.topic,
        "title": row.node.title,
        "evidence": row.level.id,
        "label": row.level.badge,
        "strength": row.level.strength,
        "meaning": row.level.meaning,
        "detail": row.node.evidence_detail,
        "paragraphs": list(row.refs),
    }


def cmd_claims(args: argparse.Namespace, out: Output) -> int:
    """``claims [--min LABEL] [--json]``: the sections, strongest evidence first; with
    ``--min``, only those at least as strong as that label."""
    level = minimum_level(args.min) if args.min is not None else None
    content = open_pack(args)
    rows = by_strength(claims(content, minimum=level.strength if level else 0))
    if args.json:
        out.json([claim_json(row) for row in rows])
        return 0
    if not rows:
        out.line("No sections carry a label that strong." if level else "The pack has no sections with a label.")
        return 0
    table = [[row.level.badge, row.topic, row.node.title, row.detail, row.paragraphs, row.node.id] for row in rows]
    cells = [[one_line(out.safe(cell), MAX_CELL) for cell in line] for line in table]
    widths = [max(len(heading), *(cell_width(line[i]) for line in cells)) for i, heading in enumerate(HEADINGS)]
    out.line(out.style("  ".join(h.ljust(w) for h, w in zip(HEADINGS, widths, strict=True)).rstrip(), "bold"))
    for line in cells:
        padded = [cell + " " * (width - cell_width(cell)) for cell, width in zip(line, widths, strict=True)]
        padded[-1] = out.style(padded[-1], "cyan")
        out.line("  ".join(padded).rstrip())
    what = f" at least as strong as {level.badge}" if level else ""
    out.line(out.style(f"{sections_word(len(rows))}{what}; 'semax-explorer show ID' prints one.", "dim"))
    return 0
