"""``semax-explorer search QUERY``: ranked results without opening the explorer."""

from __future__ import annotations

import argparse

from tui.cli.content_commands import open_pack
from tui.cli.errors import CliError
from tui.cli.output import Output
from tui.cli.user_commands import open_store
from tui.search import NoteIndex, SearchIndex
from tui.textsafe import one_line


def cmd_search(args: argparse.Namespace, out: Output) -> int:
    """``search QUERY``: ranked results over the pack and the reader's notes, as the explorer
    finds them, without opening it; each line starts with the result's id, for ``show``."""
    if args.limit < 1:
        raise CliError("--limit must be at least 1", 2)
    content = open_pack(args)
    notes = open_store(args, read_only=True).notes()
    outcome = SearchIndex(content).search(
        args.query, notes=NoteIndex(content, {node_id: note.text for node_id, note in notes.items()}), limit=args.limit
    )
    if args.json:
        out.json(
            [
                {
                    "id": r.node_id,
                    "title": r.title,
                    "topic": r.topic,
                    "where": r.where,
                    "snippet": r.snippet.text,
                    "score": r.score,
                    "kind": r.kind,
                    "corrected_query": outcome.corrected,
                }
                for r in outcome.results
            ]
        )
        return 0
    if not outcome.results:
        out.line(f"No results for {one_line(args.query, 80)!r}.")
        return 0
    if outcome.corrected:
        out.line(out.style(f"Showing results for: {out.safe(outcome.corrected)}", "italic"))
    for result in outcome.results:
        snippet = result.snippet
        text = out.safe(snippet.text)
        if out.styled and snippet.spans:
            pieces, last = [], 0
            for start, end in snippet.spans:
                pieces += [text[last:start], out.style(text[start:end], "bold", "yellow")]
                last = end
            text = "".join([*pieces, text[last:]])
        # The id first, as ``topics`` prints it, so it can be passed to ``show``.
        out.line(f"{out.style(out.safe(result.node_id), 'cyan')}  {out.style(out.safe(result.where), 'bold')}: {text}")
    return 0
