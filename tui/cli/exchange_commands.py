"""``export`` and ``import``: take notes elsewhere, and bring a backup back."""

from __future__ import annotations

import argparse
import sys

from tui.cli.content_commands import open_pack
from tui.cli.errors import EXIT_UNREADABLE, EXIT_USER, CliError
from tui.cli.output import Output, fail
from tui.cli.user_commands import open_store
from tui.exchange import (
    ExportError,
    ImportRejected,
    default_path,
    encode,
    format_of,
    import_into,
    plan_merge,
    plan_replace,
    read_import,
    render_export,
    unused_path,
    write_export,
)
from tui.files import user_path
from tui.store import StoreUnavailable
from tui.textsafe import one_line


def export_format(given: str | None, output: str | None) -> str:
    """The format to export in: ``--format`` when given, else the one the extension of
    ``-o`` names, else Markdown. A ``--format`` that contradicts the extension is a usage
    error (exit 2): ``-o notes.json --format html`` would write HTML that every program
    opens as JSON."""
    named = format_of(output) if output not in (None, "-") else None
    if given is not None and named is not None and given != named:
        raise CliError(
            f"--format {given} does not match the extension of {one_line(str(output), 80)!r} ({named}): "
            "change one, or leave out --format",
            EXIT_UNREADABLE,
        )
    return given or named or "markdown"


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    """Write the reader's bookmarks and notes as Markdown, JSON or HTML; with none yet, say
    so and exit 0 without a file."""
    args.format = export_format(args.format, args.output)
    content = open_pack(args)
    text = render_export(content, open_store(args, read_only=True).snapshot(), args.format)
    if text is None:
        fail("nothing to export: there are no bookmarks or notes yet")
        return 0
    if args.output == "-":
        # A terminal gets control characters neutralised; a pipe gets the bytes a file would.
        out.write_payload(text, encode(text, args.format))
        return 0
    target = user_path(args.output, "-o") if args.output is not None else unused_path(default_path(args.format))
    try:
        written = write_export(target, encode(text, args.format))
    except ExportError as error:
        raise CliError(str(error), EXIT_USER) from None
    out.line(out.safe(str(written)))
    return 0


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    """Merge (or replace with) the bookmarks and notes of a JSON export."""
    content = open_pack(args)
    try:
        incoming = read_import(user_path(args.path, "the import file"))
    except ImportRejected as error:
        raise CliError(f"import rejected, nothing changed: {error}", EXIT_USER) from None
    if args.dry_run:
        store = open_store(args, read_only=True)  # a dry run creates, moves and writes nothing
        current = store.snapshot()
        plan = (plan_replace if args.replace else plan_merge)(current, incoming)
        out.line(f"Dry run, nothing written: would be {plan.summary()}.")
        for label, ids in (("add", plan.added), ("change", plan.changed), ("keep", plan.kept)):
            for node_id in ids:
                where = "" if node_id in content else " (missing from the current content)"
                out.line(f"  {label:<6} {out.safe(node_id)}{where}")
        if args.replace:
            dropped = sorted(
                (current.bookmarks.keys() | current.notes.keys()) - set(plan.added + plan.changed + plan.kept)
            )
            for node_id in dropped:
                out.line(f"  remove {out.safe(node_id)} (kept in the backup)")
        return 0
    try:
        plan, backup = import_into(open_store(args), incoming, replace=args.replace)
    except ImportRejected as error:
        raise CliError(f"import rejected, nothing changed: {error}", EXIT_USER) from None
    except StoreUnavailable as error:
        raise CliError(str(error), EXIT_UNREADABLE) from None
    out.line(f"Imported: {plan.summary()}.")
    if backup is not None:
        out.line(f"The previous bookmarks and notes were saved to {out.safe(str(backup))}")
    sys.stdout.flush()
    return 0
