"""The argument parser: every subcommand and option of ``semax-explorer``, in one place."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import Any, NoReturn

from tui import __version__
from tui.cli.errors import EXIT_UNREADABLE
from tui.textsafe import for_terminal


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, told the width up front.

    Left to itself it imports ``shutil`` (and with it ``bz2``, ``lzma`` and ``fnmatch``)
    to ask the terminal's width, and argparse makes a formatter for every argument it
    adds, so every command paid that import although only ``--help`` prints anything.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_help_width())


def _help_width() -> int:
    """What ``shutil.get_terminal_size`` would say (``COLUMNS`` first), less argparse's margin."""
    columns = 80
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        columns = int(given)
    elif sys.__stdout__ is not None:
        with contextlib.suppress(ValueError, OSError):
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
    return max(columns - 2, 20)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, not a usage dump."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        """One line, through the same boundary as every message: argparse quotes what
        was typed, and that can hold escape sequences."""
        line = for_terminal(f"{message} (see '{self.prog} --help')").replace("\n", "\u2424")
        sys.stderr.write(f"{self.prog}: {line}\n")
        raise SystemExit(EXIT_UNREADABLE)


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """--content and --data-dir are accepted before or after the subcommand."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--content", metavar="PATH", default=default,
        help="explore another pack of the same schema (env SEMAX_EXPLORER_CONTENT; default: the shipped pack)",
    )  # fmt: skip
    parser.add_argument(
        "--data-dir", metavar="DIR", default=default,
        help="where bookmarks and notes live (env SEMAX_EXPLORER_DATA_DIR; default: the platform's user data "
             "directory)",
    )  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    """The full parser; ``command`` is None when the explorer should launch."""
    parser = _Parser(
        prog="semax-explorer",
        description=("Explore what is known and claimed about Semax. With no command, open the explorer."),
        epilog="Educational only, not medical advice.",
    )
    parser.add_argument("--version", action="version", version=f"semax-explorer {__version__}")
    _global_options(parser, suppress=False)
    parser.add_argument("--topic", metavar="ID", help="open the explorer at this node, e.g. mechanism/bdnf")
    common = _Parser(add_help=False)
    _global_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    topics = sub.add_parser("topics", parents=[common], help="list the tree of topics and sections")
    topics.add_argument("--json", action="store_true", help="a JSON list of {id, title, parent}")

    show = sub.add_parser("show", parents=[common], help="print one topic, section or term")
    show.add_argument("id", metavar="ID")
    show.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    search = sub.add_parser("search", parents=[common], help="search titles, text, glossary and your notes")
    search.add_argument("query", metavar="QUERY", help='words (all must match) and "quoted phrases"')
    search.add_argument("--json", action="store_true", help="a JSON list of results")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results (default 20)")

    claims = sub.add_parser("claims", parents=[common], help="every section and its evidence label, strongest first")
    claims.add_argument(
        "--min", metavar="LABEL",
        help="only sections at least as strong as this label (e.g. clinical-reports; default: all)",
    )  # fmt: skip
    claims.add_argument("--json", action="store_true", help="a JSON list of the rows")

    bookmarks = sub.add_parser("bookmarks", parents=[common], help="list your bookmarks and notes")
    bookmarks.add_argument("--json", action="store_true", help="a JSON list of every bookmark and note")

    export = sub.add_parser(
        "export", parents=[common], help="export your bookmarks and notes",
        description="Export your bookmarks and notes. With none yet, say so and exit 0 without writing a file.",
    )  # fmt: skip
    export.add_argument(
        "--format", choices=("markdown", "json", "html"), default=None,
        help="the file's format (default: from the extension of -o: .md/.markdown, .json, .html/.htm; "
             "else markdown); one that contradicts the extension is refused",
    )  # fmt: skip
    export.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="where to write ('-' for standard output; default: ~/semax-notes-DATE.EXT, numbered "
             "-2, -3... rather than over an existing file)",
    )  # fmt: skip

    importer = sub.add_parser("import", parents=[common], help="import bookmarks and notes from a JSON export")
    importer.add_argument("path", metavar="PATH")
    importer.add_argument(
        "--replace", action="store_true", help="replace everything (after a backup) instead of merging"
    )
    importer.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")

    validate = sub.add_parser("validate", parents=[common], help="check a content pack")
    validate.add_argument("path", metavar="PATH", nargs="?", help="the pack (default: the one in use)")

    serve = sub.add_parser(
        "serve", parents=[common], help="open the explorer in a web browser (needs semax-explorer[serve])"
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    serve.add_argument("--port", type=int, default=8000, metavar="N", help="port to listen on (default 8000)")
    serve.add_argument(
        "--public",
        action="store_true",
        help="for other people: each browser tab gets its own empty data folder, removed when it closes",
    )
    serve.add_argument(
        "--max-sessions", type=int, default=None, metavar="N",
        help="at most N tabs at once; more are told the server is busy (default 8)",
    )  # fmt: skip
    return parser
